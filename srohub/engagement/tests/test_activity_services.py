"""Logging an activity: what is saved, what is refused (and then nothing is saved)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.engagement import services
from srohub.engagement.models import Activity

pytestmark = pytest.mark.django_db
TODAY = date(2025, 10, 15)


def log(world, actor=None, **overrides):
    values = {
        "school": world.a.school,
        "activity_type": "presentation",
        "occurred_on": TODAY,
        "duration_minutes": 60,
        "today": TODAY,
        **overrides,
    }
    return services.activity_create(actor=actor or world.users[Role.SRO], **values)


def test_it_logs_an_activity_for_the_officer_with_its_audit_event(world):
    activity = log(world, topic=world.a.extras["topic"], audience_count=28, grades="7")
    assert activity.officer == world.a.officer and activity.program == world.a.program
    assert (
        AuditEvent.objects.filter(
            object_type="engagement.activity", object_id=str(activity.pk), action="create"
        ).count()
        == 1
    )


def test_it_lets_a_supervisor_log_for_an_officer_of_the_unit(world):
    activity = log(world, actor=world.users[Role.SRO_SUPERVISOR], officer=world.a.officer)
    assert activity.officer == world.a.officer


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 24 * 60 + 1}, "duration_minutes"),
        ({"occurred_on": TODAY + timedelta(days=1)}, "occurred_on"),
        ({"occurred_on": date(2019, 5, 1)}, "school"),  # before the officer's assignment began
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(world, overrides, field):
    before = (Activity.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        log(world, **overrides)
    assert field in caught.value.message_dict
    assert (Activity.objects.count(), AuditEvent.objects.count()) == before


def test_it_refuses_a_school_outside_the_officers_assignments(world):
    with pytest.raises(ValidationError) as caught:
        log(world, school=world.a.other_school)
    assert "school" in caught.value.message_dict
    assert not Activity.objects.filter(school=world.a.other_school).exists()


def test_it_refuses_an_sro_logging_for_another_officer(world):
    with pytest.raises(ValidationError) as caught:
        log(world, officer=world.a.other_officer, school=world.a.other_school)
    assert "officer" in caught.value.message_dict


def test_it_refuses_another_programs_topic(world):
    with pytest.raises(ValidationError) as caught:
        log(world, topic=world.b.extras["topic"])
    assert "topic" in caught.value.message_dict


def test_it_refuses_a_person_on_a_type_that_involves_nobody(world):
    with pytest.raises(ValidationError) as caught:
        log(world, person=world.a.extras["engagement_person"])
    assert "person" in caught.value.message_dict
    assert log(world, activity_type="mentoring", person=world.a.extras["engagement_person"]).person_id


def test_it_refuses_a_principal_who_may_only_read(world):
    with pytest.raises((PermissionDenied, ValidationError)):
        log(world, actor=world.users[Role.SCHOOL_ADMIN], officer=world.a.officer)
    assert not Activity.objects.filter(occurred_on=TODAY).exists()


def test_it_repeats_the_last_entry_today_without_the_person_or_notes(world):
    first = log(
        world,
        activity_type="mentoring",
        person=world.a.extras["engagement_person"],
        notes="private",
        occurred_on=TODAY - timedelta(days=2),
        duration_minutes=40,
        topic=world.a.extras["topic"],
    )
    again = services.activity_repeat_last(actor=world.users[Role.SRO], program=world.a.program, today=TODAY)
    assert (again.activity_type, again.duration_minutes, again.topic, again.school) == (
        first.activity_type,
        40,
        first.topic,
        first.school,
    )
    assert again.occurred_on == TODAY and again.person is None and again.notes == ""


def test_it_checks_a_correction_with_the_same_rules(world):
    activity = log(world)
    with pytest.raises(ValidationError):
        services.activity_update(
            actor=world.users[Role.SRO], activity=activity, changes={"duration_minutes": 0}, today=TODAY
        )
    updated = services.activity_update(
        actor=world.users[Role.SRO], activity=activity, changes={"duration_minutes": 75}, today=TODAY
    )
    assert updated.duration_minutes == 75 and updated.version == 2


def test_it_lets_an_sro_change_only_their_own_entries(world):
    from srohub.engagement.models import Activity as ActivityModel

    colleague_entry = ActivityModel.objects.create(
        program=world.a.program,
        school=world.a.school,
        officer=world.a.other_officer,
        activity_type="informal_contact",
        occurred_on=TODAY,
        duration_minutes=20,
    )
    with pytest.raises(PermissionDenied):
        services.activity_update(
            actor=world.users[Role.SRO],
            activity=colleague_entry,
            changes={"duration_minutes": 25},
            today=TODAY,
        )
