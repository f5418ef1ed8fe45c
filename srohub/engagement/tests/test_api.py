"""The engagement REST API, persona by persona: who reads what, who writes, and bad input → 400."""

from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.engagement.models import Activity, Referral
from srohub.engagement.testing import agency_contact, other_agency

pytestmark = pytest.mark.django_db
ACTIVITIES = "/api/v1/activities/"
REFERRALS = "/api/v1/referrals/"


def activity_payload(world, **overrides):
    return {
        "school": world.a.school.pk,
        "activity_type": "presentation",
        "occurred_on": timezone.localdate().isoformat(),
        "duration_minutes": 50,
        "topic": world.a.extras["topic"].pk,
        "audience_count": 25,
        **overrides,
    }


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.data["results"]}


@pytest.mark.parametrize(
    "role", [Role.SRO, Role.SRO_SUPERVISOR, Role.PROGRAM_ADMIN, Role.SCHOOL_ADMIN, Role.DIVISION_LEAD]
)
def test_it_lists_the_activities_of_the_readers_schools(world, role):
    assert ids(world.client(world.users[role]).get(ACTIVITIES)) == {world.a.extras["activity"].pk}


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.SCHOOL_OFFICE, Role.TIP_PARTNER, Role.AGENCY_CONTACT])
def test_it_shows_no_activity_row_to_count_only_or_unrelated_roles(world, role):
    assert ids(world.client(world.users[role]).get(ACTIVITIES)) == set()


def test_it_answers_an_outsider_with_404_on_every_record(world):
    client = world.client(world.outsider)
    for url in (
        f"{ACTIVITIES}{world.a.extras['activity'].pk}/",
        f"{REFERRALS}{world.a.extras['referral'].pk}/",
    ):
        assert client.get(url).status_code == 404
        assert client.patch(url, {"duration_minutes": 5}, format="json").status_code == 404
        assert client.delete(url).status_code == 404


def test_it_shows_the_pseudonym_and_notes_to_the_officer_and_audits_the_read(world):
    activity = world.a.extras["activity"]
    response = world.client(world.users[Role.SRO]).get(f"{ACTIVITIES}{activity.pk}/")
    assert response.data["person"] == activity.person.pseudonym and response.data["notes"]
    assert AuditEvent.objects.filter(
        object_type="people.person",
        object_id=str(activity.person_id),
        action="view",
        actor_id=world.users[Role.SRO].pk,
    ).exists()


def test_it_hides_a_persons_restricted_details_from_the_principal(world):
    activity = world.a.extras["activity"]
    response = world.client(world.users[Role.SCHOOL_ADMIN]).get(f"{ACTIVITIES}{activity.pk}/")
    assert response.status_code == 200
    assert response.data["involves_person"] is True
    assert response.data["person"] is None and response.data["notes"] is None
    assert activity.person.pseudonym not in response.content.decode()


def test_it_lets_the_officer_log_and_a_principal_only_read(world):
    created = world.client(world.users[Role.SRO]).post(ACTIVITIES, activity_payload(world), format="json")
    assert created.status_code == 201, created.content
    assert created.data["officer"] == world.a.officer.pk
    refused = world.client(world.users[Role.SCHOOL_ADMIN]).post(
        ACTIVITIES, activity_payload(world), format="json"
    )
    assert refused.status_code in (400, 403)
    assert Activity.objects.filter(program=world.a.program).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 1441}, "duration_minutes"),
        ({"duration_minutes": 10**12}, "duration_minutes"),
        ({"occurred_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "occurred_on"),
        ({"occurred_on": "yesterday"}, "occurred_on"),
        ({"activity_type": "karaoke"}, "activity_type"),
        ({"audience_count": -3}, "audience_count"),
    ],
)
def test_it_answers_bad_input_with_400_and_saves_nothing(world, overrides, field):
    before = Activity.objects.count()
    response = world.client(world.users[Role.SRO]).post(
        ACTIVITIES, activity_payload(world, **overrides), format="json"
    )
    assert response.status_code == 400 and field in response.data, response.content
    assert Activity.objects.count() == before


def test_it_refuses_a_school_outside_the_officers_assignments_with_400(world):
    sro = world.client(world.users[Role.SRO])
    for school in (world.a.other_school, world.b.school):
        response = sro.post(ACTIVITIES, activity_payload(world, school=school.pk), format="json")
        assert response.status_code == 400 and "school" in response.data
    supervisor = world.client(world.users[Role.SRO_SUPERVISOR])
    response = supervisor.post(
        ACTIVITIES,
        activity_payload(world, school=world.a.other_school.pk, officer=world.a.officer.pk),
        format="json",
    )
    assert response.status_code == 400 and "school" in response.data
    assert not Activity.objects.filter(school=world.a.other_school).exists()


def test_it_lets_an_agency_contact_see_and_move_only_their_agencys_referrals(world):
    mine, theirs = world.a.extras["referral"], Referral.objects.get(pk=world.a.extras["referral"].pk)
    theirs.pk, theirs.agency = None, other_agency(world.a)
    theirs.save()
    client = world.client(agency_contact(world.a))
    assert ids(client.get(REFERRALS)) == {mine.pk}
    assert client.get(f"{REFERRALS}{theirs.pk}/").status_code == 404
    moved = client.patch(
        f"{REFERRALS}{mine.pk}/", {"status": "contacted", "note": "Called the family"}, format="json"
    )
    assert moved.status_code == 200 and moved.data["status"] == "contacted"
    assert moved.data["person"] is None  # the agency sees the referral, not the police person record
    assert ids(client.get(ACTIVITIES)) == set()


def test_it_refuses_a_backward_referral_step_with_400(world):
    client = world.client(world.users[Role.SRO])
    url = f"{REFERRALS}{world.a.extras['referral'].pk}/"
    assert client.patch(url, {"status": "engaged"}, format="json").status_code == 200
    response = client.patch(url, {"status": "contacted"}, format="json")
    assert response.status_code == 400 and "status" in response.data
    closing = client.patch(url, {"status": "closed"}, format="json")
    assert closing.status_code == 400
    assert Referral.objects.get(pk=world.a.extras["referral"].pk).status == "engaged"


def test_it_creates_a_referral_with_consent(world):
    payload = {
        "school": world.a.school.pk,
        "agency": world.a.extras["agency"].pk,
        "service_kind": "addictions",
        "consent_given_by": "both",
        "consent_given_on": timezone.localdate().isoformat(),
        "consent_scope": "Name and school to the counsellor",
    }
    response = world.client(world.users[Role.SCHOOL_ADMIN]).post(REFERRALS, payload, format="json")
    assert response.status_code == 201, response.content
    bad = world.client(world.users[Role.SRO]).post(
        REFERRALS, {**payload, "agency": world.a.police.pk}, format="json"
    )
    assert bad.status_code == 400 and "agency" in bad.data


def test_it_gives_the_evaluator_measures_and_no_rows(world):
    client = world.client(world.users[Role.EVALUATOR])
    response = client.get("/api/v1/engagement/measures/", {"term": "2021-spring"})
    assert response.status_code == 200, response.content
    assert response.data["total"]["activities"] == 1 and response.data["total"]["hours"] == 0.8
    assert "person" not in str(response.data)
    assert client.get("/api/v1/engagement/measures/", {"term": "spring"}).status_code == 400
    assert (
        world.client(world.users[Role.TIP_PARTNER])
        .get("/api/v1/engagement/measures/", {"term": "2021-spring"})
        .status_code
        == 403
    )


def test_it_counts_how_often_each_presentation_was_delivered(world):
    version = world.a.extras["material_version"]
    for _ in range(3):
        Activity.objects.create(
            program=world.a.program,
            school=world.a.school,
            officer=world.a.officer,
            activity_type="presentation",
            occurred_on=timezone.localdate(),
            duration_minutes=60,
            material_version=version,
        )
    response = world.client(world.users[Role.SRO]).get("/api/v1/presentations/")
    assert response.status_code == 200
    rows = {row["id"]: row["times_delivered"] for row in response.data["results"]}
    assert rows == {world.a.extras["material"].pk: 3}
