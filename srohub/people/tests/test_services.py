"""A change to a redacted field is saved and audited, with the values kept out of the trail."""

import pytest

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.people.models import Person
from srohub.people.services import person_create, person_update

pytestmark = pytest.mark.django_db


def test_a_change_to_a_redacted_field_only_is_saved_and_audited_without_the_name(world):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    person = person_create(
        actor=supervisor, program=world.a.program, school=world.a.school, given_name="Jordan", family_name="Ray"
    )
    person_update(actor=supervisor, person=person, changes={"given_name": "Jordyn"}, expected_version=person.version)
    stored = Person.objects.get(pk=person.pk)
    assert stored.given_name == "Jordyn" and stored.version == person.version + 1
    event = AuditEvent.objects.filter(object_type="people.person", object_id=str(person.pk)).latest("pk")
    assert event.action == "update"
    assert event.before == {"given_name": "[redacted]"} and event.after == {"given_name": "[redacted]"}
    assert "Jordyn" not in str(event.after) and "Jordan" not in str(event.before)


def test_an_unchanged_record_writes_nothing(world):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    person = person_create(actor=supervisor, program=world.a.program, given_name="Sam", family_name="Lee")
    events = AuditEvent.objects.count()
    person_update(actor=supervisor, person=person, changes={"given_name": "Sam"})
    assert Person.objects.get(pk=person.pk).version == person.version
    assert AuditEvent.objects.count() == events
