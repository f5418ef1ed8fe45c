from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from srohub.core.roles import Role
from srohub.occurrences import services
from srohub.occurrences.models import ParentalNotice, YouthRecordsSettings


@pytest.fixture
def notice(world):
    return world.a.extras["notice"]  # the world's s.11 duty (extrajudicial sanction)


def give(world, notice, **overrides):
    values = {
        "given_at": timezone.now(),
        "recipient_name": "A parent",
        "recipient_relationship": "parent",
        "parent_available": True,
        "method": "oral_phone",
        "contents_given": ["name", "sanction"],
    }
    return services.notice_record_given(actor=world.users[Role.SRO], notice=notice, **{**values, **overrides})


def test_it_records_a_notice_given(world, notice):
    assert notice.section == "s.11" and notice.due_at is not None
    given = give(world, notice)
    assert given.is_done and given.recorded_by == world.users[Role.SRO]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"recipient_relationship": "other_adult"},
            "recipient_relationship",
        ),  # s.26(4): a parent was available
        ({"contents_given": ["name"]}, "contents_given"),  # s.11: must say the sanction
        ({"method": "written_delivery"}, "proof_of_delivery"),  # s.26(8)
        ({"given_at": timezone.now() + timedelta(days=1)}, "given_at"),
    ],
)
def test_it_refuses_a_notice_the_act_would_not_accept(world, notice, overrides, field):
    with pytest.raises(ValidationError) as raised:
        give(world, notice, **overrides)
    assert field in raised.value.message_dict
    notice.refresh_from_db()
    assert notice.given_at is None


def test_it_requires_writing_for_a_summons(world, notice):
    ParentalNotice.objects.filter(pk=notice.pk).update(
        section="s.26(2)", form_required="written", required_contents=["name"]
    )
    notice.refresh_from_db()
    with pytest.raises(ValidationError) as raised:
        give(world, notice, contents_given=["name"])
    assert "method" in raised.value.message_dict
    give(
        world,
        notice,
        method="written_in_person",
        proof_of_delivery="Served at home by Cst. B.",
        contents_given=["name"],
    )


def test_it_escalates_an_overdue_duty_to_the_supervisor_once(
    world, notice, django_capture_on_commit_callbacks
):
    world.users[Role.SRO_SUPERVISOR].email = "sergeant@example.org"
    world.users[Role.SRO_SUPERVISOR].save()
    later = notice.due_at + timedelta(minutes=1)
    assert services.notices_escalate(now=notice.due_at - timedelta(minutes=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notices_escalate(now=later) == 2  # program A's duty and program B's
    assert services.notices_escalate(now=later) == 0
    notice.refresh_from_db()
    assert notice.escalated_at == later
    assert [m.to for m in mail.outbox] == [["sergeant@example.org"]]
    assert (
        "Jordan" not in mail.outbox[0].body and notice.involvement.person.pseudonym not in mail.outbox[0].body
    )


def test_it_uses_the_programs_deadline(world):
    from srohub.occurrences.testing import occurrence_at, subject_with_outcome

    YouthRecordsSettings.objects.create(program=world.a.program, notice_deadline_days=2)
    involvement = subject_with_outcome(
        world.a, occurrence_at(world.a), outcome="charge", charge_method="arrest_detention"
    )
    duty = ParentalNotice.objects.get(involvement=involvement)
    assert duty.section == "s.26(1)"
    assert timezone.localtime(duty.due_at).date() == timezone.localdate() + timedelta(days=3)


def test_it_records_a_discretionary_contact_without_a_duty(world):
    involvement = world.a.extras["subject"]
    contact = services.parental_contact_record(
        actor=world.users[Role.SRO],
        involvement=involvement,
        given_at=timezone.now(),
        recipient_name="Parent",
        recipient_relationship="parent",
        method="oral_phone",
    )
    assert not contact.is_duty and contact.due_at is None
    # only the duties escalate: the world's sanction in each program
    assert services.notices_escalate(now=timezone.now() + timedelta(days=30)) == 2
