"""Reads of the plan: presence ("is our SRO in today"), availability, a school's week, comparisons.

``presence_for``, ``officer_available_on`` and ``current_school_for`` are the cross-app contract
(docs/extension-points.md); callers pass records already fetched through the choke point.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from srohub.directory.models import Officer, School
from srohub.planning.models import CheckIn, OfficerLeave, Plan, PlanStatus, Visit, VisitStatus


def published_plan(program_id: int, on: date) -> Plan | None:
    """The published plan covering ``on`` (the latest published when two overlap)."""
    return (
        Plan.objects.filter(
            program_id=program_id, status=PlanStatus.PUBLISHED, start_date__lte=on, end_date__gte=on
        )
        .order_by("-published_at", "-pk")
        .first()
    )


# A plan in one of these states has not finished its planner run.
WORKING = frozenset({PlanStatus.QUEUED, PlanStatus.RUNNING})


@dataclass(frozen=True)
class PlanProgress:
    """How far a planner run is: the share of its time limit used (0..1), and the best score so far
    with its relative gap to the best possible (None until the solver has found a plan)."""

    fraction: float
    objective: float | None = None
    gap: float | None = None
    finished: bool = False

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else self.gap * 100


def plan_progress(plan: Plan) -> PlanProgress:
    """The run's progress as last recorded while it solves; a run that ended is at 100 % with its
    final score and gap (plans from before progress was recorded included)."""
    if plan.status == PlanStatus.QUEUED:
        return PlanProgress(0.0)
    if plan.status == PlanStatus.RUNNING:
        return PlanProgress(plan.progress_fraction or 0.0, plan.progress_objective, plan.progress_gap)
    return PlanProgress(1.0, plan.objective, plan.gap, finished=True)


def visits_in_force(program_id: int, on_or_after: date, until: date | None = None):
    """Visits everyone should rely on: those of the published plans and the fixed commitments."""
    until = until or on_or_after
    published = Plan.objects.filter(program_id=program_id, status=PlanStatus.PUBLISHED)
    return Visit.objects.filter(program_id=program_id, day__gte=on_or_after, day__lte=until).filter(
        Q(plan__isnull=True) | Q(plan__in=published)
    )


def current_half_day() -> str:
    return "am" if timezone.localtime().hour < 12 else "pm"


def presence_for(*, school: School, officer: Officer, on: date) -> dict:
    """Whether ``officer`` is expected at ``school`` on ``on`` and whether they are there now.

    ``expected_on_site`` is None (unknown) while no published plan covers the date and no fixed
    commitment exists; a visit marked missed counts as not expected. ``on_site_now`` is only known
    for today: an open check-in there is True; otherwise False once a plan covers today or the
    officer has checked in anywhere today, else None.
    """
    plan = published_plan(school.program_id, on)
    visits = visits_in_force(school.program_id, on).filter(officer=officer, school=school)
    expected = None
    if plan is not None or visits.exists():
        expected = visits.exclude(status=VisitStatus.MISSED).exists()
    return {"expected_on_site": expected, "on_site_now": _on_site_now(school, officer, on, plan)}


def _on_site_now(school: School, officer: Officer, on: date, plan: Plan | None) -> bool | None:
    if on != timezone.localdate():
        return None
    open_here = CheckIn.objects.filter(officer=officer, school=school, checked_out_at__isnull=True).exists()
    if open_here:
        return True
    checked_in_today = CheckIn.objects.filter(officer=officer, checked_in_at__date=on).exists()
    return False if plan is not None or checked_in_today else None


def leave_in_force(on: date):
    """Leave that covers ``on`` (both ends included): the one definition of "on leave that day"."""
    return OfficerLeave.objects.filter(start_date__lte=on, end_date__gte=on)


def officer_available_on(*, officer: Officer, on: date) -> bool | None:
    """False on leave, True on a day a published plan covers, None when there is no data either way."""
    if leave_in_force(on).filter(officer=officer).exists():
        return False
    if published_plan(officer.program_id, on) is not None:
        return True
    return None


def current_school_for(*, officer: Officer, on: date) -> School | None:
    """Where the officer is checked in now (today), else their visit for that day and half-day
    (the current half-day today, the morning on another day); a fixed commitment comes first."""
    today = timezone.localdate()
    if on == today:
        open_check_in = (
            CheckIn.objects.filter(officer=officer, checked_out_at__isnull=True)
            .select_related("school")
            .first()
        )
        if open_check_in is not None:
            return open_check_in.school
    half = current_half_day() if on == today else "am"
    visit = (
        visits_in_force(officer.program_id, on)
        .filter(officer=officer, half_day=half)
        .exclude(status=VisitStatus.MISSED)
        .select_related("school")
        .order_by("-pinned")
        .first()
    )
    return visit.school if visit else None


def school_week(*, school: School, start: date, days: int = 7) -> list[dict]:
    """A school's visits day by day from ``start`` (for the office's "this week" view)."""
    visits = (
        visits_in_force(school.program_id, start, start + timedelta(days=days - 1))
        .filter(school=school)
        .select_related("officer")
        .order_by("day", "half_day")
    )
    by_day = defaultdict(list)
    for visit in visits:
        by_day[visit.day].append(visit)
    return [
        {"day": start + timedelta(days=i), "visits": by_day[start + timedelta(days=i)]}
        for i in range(days)
        if (start + timedelta(days=i)).weekday() < 5
    ]


def officer_schedule(*, officer: Officer, start: date, end: date):
    """An officer's visits in force over a range (their phone page and calendar feed)."""
    return (
        visits_in_force(officer.program_id, start, end)
        .filter(officer=officer)
        .select_related("school")
        .order_by("day", "half_day")
    )


def compare_plans(proposal: Plan, current: Plan | None, visible_visits) -> dict:
    """What moves between the current plan and the proposal, per school and per officer.

    ``visible_visits`` is ``Visit.objects.visible_to(user)`` so a comparison never shows more than
    the viewer may see.
    """

    def keyed(plan):
        if plan is None:
            return set()
        rows = visible_visits.filter(plan=plan, day__gte=proposal.start_date, day__lte=proposal.end_date)
        return set(rows.values_list("officer_id", "school_id", "day", "half_day"))

    new, old = keyed(proposal), keyed(current)
    added, removed = new - old, old - new
    per_school, per_officer = _changes_by(added, removed, 1), _changes_by(added, removed, 0)
    return {
        "added": len(added),
        "removed": len(removed),
        "kept": len(new & old),
        "schools": _named(per_school, School),
        "officers": _named(per_officer, Officer),
    }


def _changes_by(added, removed, position: int) -> dict[int, dict]:
    plus, minus = Counter(v[position] for v in added), Counter(v[position] for v in removed)
    return {key: {"added": plus[key], "removed": minus[key]} for key in sorted(set(plus) | set(minus))}


def _named(changes: dict[int, dict], model) -> list[dict]:
    names = {o.pk: str(o) for o in model.objects.filter(pk__in=list(changes))}
    return [{"id": key, "name": names.get(key, key), **value} for key, value in changes.items()]
