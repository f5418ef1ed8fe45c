from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.occurrences.models import Occurrence, SubjectOutcome
from srohub.occurrences.testing import young_person

POLICE = {Role.SRO, Role.SRO_SUPERVISOR}


@pytest.mark.parametrize("role", list(Role.values))
def test_it_shows_occurrences_to_their_police_only(world, role):
    occurrence = world.a.extras["occurrence"]
    response = world.client(world.users[role]).get(f"/api/v1/occurrences/{occurrence.pk}/")
    assert response.status_code == (200 if role in POLICE else 404)
    if role in POLICE:
        assert response.data["access_period"]["ends_on"] == str(occurrence.access_period_ends_on)


def test_it_hides_another_programs_records(world):
    client = world.client(world.outsider)
    for name, key in [
        ("occurrences", "occurrence"),
        ("involvements", "subject"),
        ("parental-notices", "notice"),
        ("school-disclosures", "disclosure"),
        ("people", "person"),
    ]:
        assert client.get(f"/api/v1/{name}/{world.a.extras[key].pk}/").status_code == 404, name


def test_it_creates_an_occurrence_and_records_an_outcome(world):
    client = world.client(world.users[Role.SRO])
    created = client.post(
        "/api/v1/occurrences/",
        {
            "school": world.a.school.pk,
            "occurred_at": (timezone.now() - timedelta(days=1)).isoformat(),
            "reported_via": "staff",
            "categories": ["assault", "threats"],
            "narrative": "Fight at lunch.",
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    person = young_person(world.a, age=14)
    involvement = client.post(
        "/api/v1/involvements/",
        {"occurrence": created.data["id"], "person": person.pk, "role": "subject"},
        format="json",
    )
    assert involvement.status_code == 201, involvement.data
    outcome = client.post(
        "/api/v1/outcomes/", {"involvement": involvement.data["id"], "outcome": "caution"}, format="json"
    )
    assert outcome.status_code == 201, outcome.data
    detail = client.get(f"/api/v1/occurrences/{created.data['id']}/").data
    assert detail["access_period"]["ends_on"] is None and "s.119(4)" in detail["access_period"]["reason"]
    patched = client.patch(
        f"/api/v1/outcomes/{outcome.data['id']}/",
        {"outcome": "extrajudicial_sanction", "consent_date": timezone.localdate().isoformat()},
        format="json",
    )
    assert patched.status_code == 200, patched.data
    assert patched.data["period_provision"] == "s.119(2)(a)"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (
            {"outcome": "summary_conviction", "finding_date": "+2", "sentence_completed": "+1"},
            "sentence_completed",
        ),
        ({"outcome": "extrajudicial_sanction", "consent_date": "-30"}, "consent_date"),
        ({"outcome": "dismissal"}, "decision_date"),
        ({"outcome": "warning", "adult": True}, "outcome"),
        ({"outcome": "sideways"}, "outcome"),
    ],
)
def test_it_answers_bad_outcomes_with_400_and_saves_nothing(world, payload, field):
    occurrence = world.a.extras["occurrence"]
    client = world.client(world.users[Role.SRO])
    person = young_person(world.a, age=30 if payload.pop("adult", False) else 15)
    involvement = client.post(
        "/api/v1/involvements/",
        {"occurrence": occurrence.pk, "person": person.pk, "role": "subject"},
        format="json",
    ).data
    today = timezone.localdate()
    body = {
        k: (today + timedelta(days=int(v))).isoformat() if k != "outcome" else v for k, v in payload.items()
    }
    response = client.post("/api/v1/outcomes/", {"involvement": involvement["id"], **body}, format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert not SubjectOutcome.objects.filter(involvement_id=involvement["id"]).exists()


def test_it_audits_every_read_of_a_person(world):
    person = world.a.extras["person"]
    client = world.client(world.users[Role.SRO])
    client.get("/api/v1/people/")
    client.get(f"/api/v1/people/{person.pk}/")
    reads = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="people.person", object_id=str(person.pk)
    )
    assert reads.count() == 2


def test_it_lets_the_recipient_alone_read_and_confirm_a_disclosure(world):
    disclosure = world.a.extras["disclosure"]
    admin = world.users[Role.SCHOOL_ADMIN]
    created = world.client(world.users[Role.SRO]).post(
        "/api/v1/school-disclosures/",
        {
            "occurrence": disclosure.occurrence_id,
            "recipient": admin.pk,
            "purpose": "safety",
            "information_shared": "Keep apart at recess.",
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    mine = world.client(admin).get("/api/v1/school-disclosures/").data["results"]
    assert [row["id"] for row in mine] == [created.data["id"]]  # not the world's, made to someone else
    assert world.client(admin).get(f"/api/v1/occurrences/{disclosure.occurrence_id}/").status_code == 404
    url = f"/api/v1/school-disclosures/{created.data['id']}/"
    assert world.client(admin).get(url).status_code == 200
    assert world.client(admin).post(url + "confirm-destroyed/").status_code == 200
    assert world.client(admin).get(url).status_code == 404


def test_it_lets_the_custodian_destroy_only_past_period_records(world):
    occurrence = world.a.extras["occurrence"]
    assert (
        world.client(world.users[Role.SRO]).delete(f"/api/v1/occurrences/{occurrence.pk}/").status_code == 400
    )
    Occurrence.objects.filter(pk=occurrence.pk).update(
        access_period_ends_on=timezone.localdate() - timedelta(days=1)
    )
    custodian = world.client(world.users[Role.RECORDS_CUSTODIAN])
    assert custodian.delete(f"/api/v1/occurrences/{occurrence.pk}/").status_code == 204
    assert custodian.get(f"/api/v1/occurrences/{occurrence.pk}/").status_code == 404
