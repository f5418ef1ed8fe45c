"""Running, publishing and re-planning through the services (the task backend is immediate in tests)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.planning import plan_services, services
from srohub.planning.models import Plan, PlanStatus, PresenceRequest, Visit

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 3, 4)


def run(world, **kwargs) -> Plan:
    with_capture = kwargs.pop("captured")
    with with_capture(execute=True):
        plan = plan_services.plan_request(
            actor=world.users[Role.SRO_SUPERVISOR],
            program=world.a.program,
            start_date=MONDAY,
            end_date=MONDAY + timedelta(days=11),
            seconds=5,
            **kwargs,
        )
    plan.refresh_from_db()
    return plan


def test_it_proposes_a_plan_for_every_school_and_audits_it(world, django_capture_on_commit_callbacks):
    plan = run(world, captured=django_capture_on_commit_callbacks)
    assert plan.status == PlanStatus.PROPOSED
    assert {v.school_id for v in plan.visits.all()} == {world.a.school.pk, world.a.other_school.pk}
    assert plan.visits.filter(officer=world.a.officer).exclude(school=world.a.school).count() == 0
    assert AuditEvent.objects.filter(object_type="planning.plan", object_id=str(plan.pk)).count() >= 3


def test_it_publishes_and_supersedes_the_previous_plan(world, django_capture_on_commit_callbacks):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    first = run(world, captured=django_capture_on_commit_callbacks)
    plan_services.plan_publish(actor=supervisor, plan=first)
    second = run(world, captured=django_capture_on_commit_callbacks)
    assert second.based_on_id == first.pk and second.moved_visits == 0
    plan_services.plan_publish(actor=supervisor, plan=second)
    first.refresh_from_db()
    assert first.status == PlanStatus.SUPERSEDED


def test_it_re_plans_around_leave_moving_few_other_visits(world, django_capture_on_commit_callbacks):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    first = run(world, captured=django_capture_on_commit_callbacks)
    plan_services.plan_publish(actor=supervisor, plan=first)
    services.leave_create(
        actor=supervisor, officer=world.a.officer, start_date=MONDAY, end_date=MONDAY + timedelta(4)
    )
    second = run(world, captured=django_capture_on_commit_callbacks)
    assert not second.visits.filter(officer=world.a.officer, day__lte=MONDAY + timedelta(4)).exists()
    others_before = set(
        first.visits.filter(officer=world.a.other_officer).values_list("school", "day", "half_day")
    )
    others_after = set(
        second.visits.filter(officer=world.a.other_officer).values_list("school", "day", "half_day")
    )
    assert others_before == others_after


def test_it_stores_why_a_plan_is_impossible_and_no_visits(world, django_capture_on_commit_callbacks):
    PresenceRequest.objects.filter(school=world.a.school).update(minimum_per_week=10)
    services.blackout_create(
        actor=world.users[Role.SCHOOL_ADMIN],
        school=world.a.school,
        start_date=MONDAY,
        end_date=MONDAY,
        reason="Exams",
    )
    plan = run(world, captured=django_capture_on_commit_callbacks)
    assert plan.status == PlanStatus.INFEASIBLE
    assert plan.findings[0]["code"] == "school_minimum_exceeds_open_slots"
    assert not Visit.objects.filter(plan=plan).exists()


def test_it_refuses_a_range_that_ends_before_it_starts(world):
    with pytest.raises(ValidationError):
        plan_services.plan_request(
            actor=world.users[Role.SRO_SUPERVISOR],
            program=world.a.program,
            start_date=MONDAY,
            end_date=MONDAY - timedelta(days=1),
        )
    assert not Plan.objects.filter(start_date=MONDAY).exists()


@pytest.mark.parametrize("role", [Role.SRO, Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE])
def test_it_lets_only_planners_run_and_publish(world, role, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        plan_services.plan_request(actor=world.users[role], program=world.a.program, start_date=MONDAY)
    plan = run(world, captured=django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        plan_services.plan_publish(actor=world.users[role], plan=plan)
