from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.occurrences import services
from srohub.occurrences.models import Involvement, Occurrence, SchoolDisclosure
from srohub.occurrences.testing import occurrence_at, subject_with_outcome, young_person
from srohub.people.models import Person


@pytest.fixture
def expired(world):
    """An occurrence three years ago, sanctioned: its s.119(2)(a) period ended about a year ago."""
    occurrence = occurrence_at(world.a, days_ago=3 * 365, narrative="Took a phone from a locker.")
    person = young_person(world.a, age=17, given_name="Quinn", family_name="Expired")
    subject_with_outcome(
        world.a, occurrence, person=person, consent_date=timezone.localdate() - timedelta(days=3 * 365 - 5)
    )
    occurrence.refresh_from_db()
    return occurrence


def visible(user, model=Occurrence):
    return model.objects.visible_to(user)


def test_it_hides_a_record_past_its_period_from_everyone_but_the_custodian(world, expired):
    assert expired.access_period_ends_on < timezone.localdate()
    for role in Role.values:
        found = visible(world.users[role]).filter(pk=expired.pk).exists()
        assert found is (role == Role.RECORDS_CUSTODIAN), role
    person = expired.involvements.get().person
    assert not visible(world.users[Role.SRO], Person).filter(pk=person.pk).exists()
    assert visible(world.users[Role.RECORDS_CUSTODIAN], Person).filter(pk=person.pk).exists()
    # the live record of the world stays with its police and away from the custodian
    live = world.a.extras["occurrence"]
    assert visible(world.users[Role.SRO]).filter(pk=live.pk).exists()
    assert not visible(world.users[Role.RECORDS_CUSTODIAN]).filter(pk=live.pk).exists()


def test_it_keeps_the_record_disclosable_on_the_last_day_of_its_period(world, expired):
    Occurrence.objects.filter(pk=expired.pk).update(access_period_ends_on=timezone.localdate())
    assert visible(world.users[Role.SRO]).filter(pk=expired.pk).exists()
    assert services.ycja_sweep(as_of=timezone.localdate()) == 0


def test_it_sweeps_once_and_changes_nothing_the_second_time(world, expired):
    as_of = timezone.localdate()
    assert services.ycja_sweep(as_of=as_of) == 1
    events = AuditEvent.objects.count()
    assert services.ycja_sweep(as_of=as_of) == 0
    assert AuditEvent.objects.count() == events
    expired.refresh_from_db()
    assert (expired.records_state, expired.non_disclosable_since) == ("non_disclosable", as_of)


def test_it_hides_a_disclosure_after_the_period(world, expired):
    recipient = world.users[Role.SCHOOL_ADMIN]
    disclosure = SchoolDisclosure.objects.create(
        program=world.a.program,
        occurrence=expired,
        school=world.a.school,
        recipient=recipient,
        purpose="safety",
        information_shared="x",
        disclosed_at=timezone.now() - timedelta(days=800),
    )
    assert not SchoolDisclosure.objects.visible_to(recipient).filter(pk=disclosure.pk).exists()
    with pytest.raises(Http404):  # police no longer reach the record at all
        services.disclosure_create(
            actor=world.users[Role.SRO_SUPERVISOR],
            occurrence=expired,
            recipient=recipient,
            purpose="safety",
            information_shared="y",
        )


def test_it_lets_only_the_custodian_archive_or_destroy(world, expired):
    with pytest.raises(Http404):
        services.occurrence_archive(actor=world.users[Role.SRO_SUPERVISOR], occurrence=expired)
    with pytest.raises(ValidationError):  # a live record is not the custodian's to destroy
        services.occurrence_destroy(actor=world.users[Role.SRO], occurrence=world.a.extras["occurrence"])
    archived = services.occurrence_archive(actor=world.users[Role.RECORDS_CUSTODIAN], occurrence=expired)
    assert archived.records_state == "archived"
    assert visible(world.users[Role.RECORDS_CUSTODIAN]).filter(pk=expired.pk).exists()


def test_it_destroys_by_overwriting_and_leaves_a_non_identifying_event(world, expired):
    person = expired.involvements.get().person
    custodian = world.users[Role.RECORDS_CUSTODIAN]
    services.occurrence_destroy(actor=custodian, occurrence=expired)
    expired.refresh_from_db()
    person.refresh_from_db()
    assert (expired.records_state, expired.narrative) == ("destroyed", "")
    assert not Involvement.objects.filter(occurrence=expired).exists()
    assert person.is_destroyed and person.given_name != "Quinn" and person.date_of_birth is None
    for role in Role.values:
        assert not visible(world.users[role]).filter(pk=expired.pk).exists()
    event = AuditEvent.objects.get(
        action=AuditAction.DESTROY, object_type="occurrences.occurrence", object_id=str(expired.pk)
    )
    trail = " ".join(str(v) for e in AuditEvent.objects.all() for v in (e.object_repr, e.before, e.after))
    assert "Quinn" not in trail and "Expired" not in trail and "locker" not in trail
    assert event.object_repr == f"occurrence #{expired.pk}"
