"""Demo data of the planning app: calendars, preferences, a published plan covering today's four
school weeks and today's check-ins, so "is our SRO in today" answers something real."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.directory.models import Organization, OrganizationKind, School
from srohub.planning import rules, services
from srohub.planning.instances import closures_by_division, visit_instance
from srohub.planning.models import CheckIn, Plan, PlanStatus, PreferredSlot, PresenceRequest, Visit
from srohub.planning.planner.solve import plan_visits

SEED_SECONDS = {"winnipeg": 10, "calgary": 30}
WEEK_SLOTS = [(weekday, half) for weekday in range(5) for half in ("am", "pm")]


def seed_planning(*, program, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    """Seed one program's planning data (deterministic given ``rng``)."""
    counts = {
        "calendar_closures": _calendars(program, today),
        "preferred_slots": _preferences(program, rng),
        "presence_requests": _requests(program, rng),
    }
    plan = _published_plan(program, today, SEED_SECONDS.get(scale, 10))
    counts["planned_visits"] = plan.visits.count() if plan else 0
    counts["check_ins"] = _check_ins(program, plan, today, rng) if plan else 0
    return counts


def _calendars(program, today: date) -> int:
    created = 0
    year = rules.school_year_of(today)
    for division in Organization.objects.filter(program=program, kind=OrganizationKind.SCHOOL_DIVISION):
        for school_year in (year, year + 1):
            created += len(
                services.calendar_generate_default(actor=SYSTEM, division=division, school_year=school_year)
            )
    return created


def _preferences(program, rng: random.Random) -> int:
    rows = []
    for school in School.objects.filter(program=program).order_by("pk"):
        for rank, (weekday, half) in enumerate(rng.sample(WEEK_SLOTS, 3), start=1):
            rows.append(
                PreferredSlot(program=program, school=school, weekday=weekday, half_day=half, rank=rank)
            )
    PreferredSlot.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _requests(program, rng: random.Random) -> int:
    rows = [
        PresenceRequest(
            program=program,
            school=school,
            requested_per_week=rng.choice((1, 2, 3)),
            minimum_per_week=rng.choice((0, 0.5)),
        )
        for school in School.objects.filter(program=program).order_by("pk")
        if rng.random() < 0.3
    ]
    PresenceRequest.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def _published_plan(program, today: date, seconds: int) -> Plan | None:
    """Plan from this week's Monday for four school weeks, solved now and published."""
    start = today - timedelta(days=today.weekday())
    closures = next(iter(closures_by_division(program, start, start).values()), [])
    end = rules.horizon_end(start, 4, closures)
    solution = plan_visits(visit_instance(program, start, end), seconds=seconds)
    if not solution.feasible:
        return None
    plan = Plan.objects.create(
        program=program,
        start_date=start,
        end_date=end,
        status=PlanStatus.PUBLISHED,
        objective=solution.objective,
        bound=solution.bound,
        solve_seconds=solution.seconds,
        seconds_allowed=seconds,
        published_at=timezone.now(),
    )
    Visit.objects.bulk_create(
        Visit(
            program=program,
            plan=plan,
            officer_id=v.officer_id,
            school_id=v.school_id,
            day=v.day,
            half_day=v.half,
        )
        for v in solution.visits
    )
    audit_record(
        actor=SYSTEM, action=AuditAction.CREATE, instance=plan, after={"visits": len(solution.visits)}
    )
    return plan


def _check_ins(program, plan: Plan, today: date, rng: random.Random) -> int:
    """Most of this morning's visits checked in (and out by noon); most afternoon ones checked in now."""
    zone = timezone.get_current_timezone()
    rows = []
    for visit in plan.visits.filter(day=today).order_by("pk"):
        if rng.random() < 0.15:
            continue  # a few officers have not arrived: the office sees "not yet"
        arrive = time(8, 40) if visit.half_day == "am" else time(12, 40)
        leave = time(11, 55) if visit.half_day == "am" else None
        rows.append(
            CheckIn(
                program=program,
                officer_id=visit.officer_id,
                school_id=visit.school_id,
                checked_in_at=datetime.combine(today, arrive, zone).astimezone(UTC),
                checked_out_at=datetime.combine(today, leave, zone).astimezone(UTC) if leave else None,
            )
        )
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


SEEDERS = [seed_planning]
