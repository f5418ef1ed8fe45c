"""Reminders before a requirement falls due, overdue notices at the division's interval, and the
retention purge that keeps its audit events."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.management import call_command

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.drills import maintenance, rule_services
from srohub.drills.models import Drill, DrillStatus, Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules_2025(world, django_capture_on_commit_callbacks):
    world.users[Role.SCHOOL_ADMIN].email = "principal@example.org"
    world.users[Role.SCHOOL_ADMIN].save()
    rule_set = rule_services.requirement_set_create(
        actor=world.users[Role.PROGRAM_ADMIN],
        division=world.a.division,
        school_year="2025-2026",
        preset="ontario",
    )
    rule_set.overdue_interval_days = 10
    rule_set.save()
    return rule_set


def send(world, day, capture):
    with capture(execute=True):
        return maintenance.notices_send(today=day, program_id=world.a.program.pk)


def test_it_reminds_30_days_before_and_then_repeats_overdue_notices(
    world, rules_2025, django_capture_on_commit_callbacks
):
    send(world, date(2025, 11, 30), django_capture_on_commit_callbacks)  # 31 days before the fall term ends
    assert not Notice.objects.filter(school=world.a.school, school_year="2025-2026").exists()
    assert send(world, date(2025, 12, 1), django_capture_on_commit_callbacks) >= 1
    assert any("principal@example.org" in m.to for m in mail.outbox)
    assert send(world, date(2025, 12, 2), django_capture_on_commit_callbacks) == 0  # a reminder goes once
    first_overdue = send(world, date(2026, 1, 2), django_capture_on_commit_callbacks)
    assert first_overdue >= 1
    assert send(world, date(2026, 1, 5), django_capture_on_commit_callbacks) == 0
    assert (
        send(world, date(2026, 1, 12), django_capture_on_commit_callbacks) == first_overdue
    )  # every 10 days


def test_it_runs_as_a_command(world, rules_2025):
    call_command("drills", "remind", "--today", "2025-12-01", "--program", str(world.a.program.pk))
    assert Notice.objects.filter(school=world.a.school, kind="reminder").exists()


def test_it_purges_drills_past_retention_and_keeps_the_audit_trail(world):
    old = Drill.objects.create(
        program=world.a.program,
        school=world.a.school,
        drill_type="lockdown",
        scheduled_for=datetime(2021, 10, 1, 15, tzinfo=UTC),
        status=DrillStatus.COMPLETED,
    )
    recent = Drill.objects.create(
        program=world.a.program,
        school=world.a.school,
        drill_type="lockdown",
        scheduled_for=datetime(2024, 10, 1, 15, tzinfo=UTC),
        status=DrillStatus.COMPLETED,
    )
    real = Drill.objects.create(
        program=world.a.program,
        school=world.a.school,
        drill_type="lockdown",
        is_real=True,
        scheduled_for=datetime(2015, 10, 1, 15, tzinfo=UTC),
        status=DrillStatus.COMPLETED,
    )
    call_command("drills", "purge", "--today", "2025-10-02")
    remaining = set(Drill.objects.filter(pk__in=[old.pk, recent.pk, real.pk]).values_list("pk", flat=True))
    assert remaining == {recent.pk, real.pk}
    assert AuditEvent.objects.filter(
        object_type="drills.drill", object_id=str(old.pk), action="delete"
    ).exists()


def test_it_runs_both_as_tasks(world, rules_2025):
    from srohub.drills.tasks import purge_expired_drills, send_drill_notices  # noqa: PLC0415

    sent = send_drill_notices.enqueue(today="2025-12-01", program_id=world.a.program.pk).return_value
    assert sent >= 1 and Notice.objects.filter(school=world.a.school, kind="reminder").count() == sent
    old = Drill.objects.create(
        program=world.a.program,
        school=world.a.school,
        drill_type="evacuation",
        scheduled_for=datetime(2021, 9, 15, 15, tzinfo=UTC),
        status=DrillStatus.COMPLETED,
    )
    assert purge_expired_drills.enqueue(today="2025-10-02").return_value >= 1
    assert not Drill.objects.filter(pk=old.pk).exists()
