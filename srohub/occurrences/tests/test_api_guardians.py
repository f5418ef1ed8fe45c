"""The parents and guardians of a subject through the API (YCJA s.26 notices): the same scope,
access-period rule, validation and audit as the "add a person" page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.occurrences.testing import occurrence_at, subject_with_outcome, young_person
from srohub.people.models import Guardian

POLICE = {Role.SRO, Role.SRO_SUPERVISOR}
NEW_PARENT = {"name": "Dana Sample", "relationship": "parent", "phone": "431-555-8998", "email": "dana@example.org"}


def guardians_url(involvement) -> str:
    return f"/api/v1/involvements/{involvement.pk}/guardians/"


@pytest.fixture
def expired(world):
    """A subject of an occurrence whose s.119(2)(a) period ended about a year ago, with a parent."""
    occurrence = occurrence_at(world.a, days_ago=3 * 365)
    person = young_person(world.a, age=17, given_name="Quinn", family_name="Expired")
    involvement = subject_with_outcome(
        world.a, occurrence, person=person, consent_date=timezone.localdate() - timedelta(days=3 * 365 - 5)
    )
    Guardian.objects.create(program=world.a.program, person=person, name="Lee Expired", relationship="parent")
    return involvement


@pytest.mark.parametrize("role", list(Role.values))
def test_it_lists_a_subjects_guardians_to_their_police_only(world, role):
    response = world.client(world.users[role]).get(guardians_url(world.a.extras["subject"]))
    assert response.status_code == (200 if role in POLICE else 404)
    if role in POLICE:
        assert [row["name"] for row in response.data] == ["Robin Sample"]


def test_it_hides_another_programs_guardians(world):
    client = world.client(world.outsider)
    subject, guardian = world.a.extras["subject"], world.a.extras["guardian"]
    assert client.get(guardians_url(subject)).status_code == 404
    assert client.post(guardians_url(subject), NEW_PARENT, format="json").status_code == 404
    assert client.get(f"/api/v1/occurrence-guardians/{guardian.pk}/").status_code == 404
    assert (
        client.patch(f"/api/v1/occurrence-guardians/{guardian.pk}/", {"phone": "1"}, format="json").status_code == 404
    )
    assert guardian.pk not in {row["id"] for row in client.get("/api/v1/occurrence-guardians/").data["results"]}


def test_it_records_a_guardian_with_its_audit_event(world):
    subject = world.a.extras["subject"]
    created = world.client(world.users[Role.SRO]).post(guardians_url(subject), NEW_PARENT, format="json")
    assert created.status_code == 201, created.data
    guardian = Guardian.objects.get(pk=created.data["id"])
    assert (guardian.person_id, guardian.name, guardian.version) == (subject.person_id, "Dana Sample", 1)
    event = AuditEvent.objects.get(object_type="people.guardian", object_id=str(guardian.pk), action=AuditAction.CREATE)
    assert "Dana" not in str(event.after) and event.after["name"] == "[redacted]"


def test_it_changes_a_guardian_and_refuses_a_stale_version(world):
    client = world.client(world.users[Role.SRO_SUPERVISOR])
    guardian = world.a.extras["guardian"]
    url = f"/api/v1/occurrence-guardians/{guardian.pk}/"
    changed = client.patch(url, {"phone": "204-555-0177", "version": guardian.version}, format="json")
    assert changed.status_code == 200, changed.data
    assert (changed.data["phone"], changed.data["name"], changed.data["version"]) == ("204-555-0177", "Robin Sample", 2)
    update = AuditEvent.objects.get(
        object_type="people.guardian", object_id=str(guardian.pk), action=AuditAction.UPDATE
    )
    assert update.before == {"phone": "[redacted]"} and update.after == {"phone": "[redacted]"}
    stale = client.patch(url, {"phone": "204-555-0000", "version": guardian.version}, format="json")
    assert stale.status_code == 409
    assert Guardian.objects.get(pk=guardian.pk).phone == "204-555-0177"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"relationship": "parent"}, "name"),
        ({"name": "Dana", "relationship": "uncle"}, "relationship"),
        ({"name": "Dana", "relationship": "parent", "email": "not-an-email"}, "email"),
        ({"name": "D" * 201, "relationship": "parent"}, "name"),
        ({"name": "Dana", "relationship": "parent", "phone": "5" * 33}, "phone"),
    ],
)
def test_it_answers_bad_input_with_field_messages_and_writes_nothing(world, payload, field):
    before = Guardian.objects.count(), AuditEvent.objects.count()
    response = world.client(world.users[Role.SRO]).post(
        guardians_url(world.a.extras["subject"]), payload, format="json"
    )
    assert response.status_code == 400 and field in response.data, response.data
    assert (Guardian.objects.count(), AuditEvent.objects.count()) == before


def test_it_refuses_a_bad_change_with_field_messages(world):
    guardian = world.a.extras["guardian"]
    response = world.client(world.users[Role.SRO]).patch(
        f"/api/v1/occurrence-guardians/{guardian.pk}/", {"relationship": "neighbour"}, format="json"
    )
    assert response.status_code == 400 and "relationship" in response.data


def test_it_closes_guardians_with_the_record_past_its_access_period(world, expired):
    """s.119(2), s.128(1): police no longer reach them; the records custodian reads, never writes."""
    guardian = expired.person.guardians.get()
    for role in POLICE:
        client = world.client(world.users[role])
        assert client.get(guardians_url(expired)).status_code == 404, role
        assert client.post(guardians_url(expired), NEW_PARENT, format="json").status_code == 404, role
        assert client.get(f"/api/v1/occurrence-guardians/{guardian.pk}/").status_code == 404, role
    custodian = world.client(world.users[Role.RECORDS_CUSTODIAN])
    assert [row["name"] for row in custodian.get(guardians_url(expired)).data] == ["Lee Expired"]
    assert custodian.post(guardians_url(expired), NEW_PARENT, format="json").status_code == 403
    patched = custodian.patch(f"/api/v1/occurrence-guardians/{guardian.pk}/", {"phone": "1"}, format="json")
    assert patched.status_code == 403
    assert Guardian.objects.filter(person=expired.person).count() == 1


def test_it_lists_only_guardians_of_people_in_occurrences_the_caller_sees(world):
    """A student of the SRO's school who is in no occurrence they see: their parent is not listed."""
    bystander = young_person(world.a, given_name="Casey", family_name="Bystander")
    Guardian.objects.create(program=world.a.program, person=bystander, name="Kim Bystander", relationship="parent")
    rows = world.client(world.users[Role.SRO]).get("/api/v1/occurrence-guardians/").data["results"]
    assert [row["name"] for row in rows] == ["Robin Sample"]


def test_it_audits_every_read_of_a_guardian(world):
    guardian = world.a.extras["guardian"]
    client = world.client(world.users[Role.SRO])
    client.get(guardians_url(world.a.extras["subject"]))
    client.get("/api/v1/occurrence-guardians/")
    client.get(f"/api/v1/occurrence-guardians/{guardian.pk}/")
    reads = AuditEvent.objects.filter(
        object_type="people.guardian", object_id=str(guardian.pk), action=AuditAction.VIEW
    )
    assert reads.count() == 3
    assert all("Robin" not in event.object_repr for event in reads)


def test_it_refuses_a_guardian_for_a_destroyed_person(world):
    subject = world.a.extras["subject"]
    subject.person.is_destroyed = True
    subject.person.save()
    response = world.client(world.users[Role.SRO]).post(guardians_url(subject), NEW_PARENT, format="json")
    assert response.status_code == 400, response.data
    assert not Guardian.objects.filter(name="Dana Sample").exists()
