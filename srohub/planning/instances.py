"""From the database to the planner's dataclasses (the only place the planner's input is read)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Q

from srohub.directory.models import Assignment, AssignmentRole, Officer, OfficerStatus, Program, School
from srohub.planning import rules
from srohub.planning.models import (
    Blackout,
    CalendarClosure,
    OfficerLeave,
    PreferredSlot,
    PresenceRequest,
    Visit,
)
from srohub.planning.planner.instance import (
    OfficerTime,
    Pin,
    PlannedVisit,
    SchoolNeed,
    Slot,
    VisitInstance,
    VisitWeights,
)
from srohub.planning.services import settings_for


def closures_by_division(program: Program, start: date, end: date) -> dict[int, list[rules.Closure]]:
    """Each division's closures over the range; a division with no calendar data for a school year
    gets the default calendar of the program's province for that year (rules.default_closures)."""
    found = defaultdict(list)
    for closure in CalendarClosure.objects.filter(program=program, start_date__lte=end, end_date__gte=start):
        found[closure.division_id].append(
            rules.Closure(closure.start_date, closure.end_date, closure.kind, closure.label)
        )
    division_ids = set(School.objects.filter(program=program).values_list("division_id", flat=True))
    years = {rules.school_year_of(start), rules.school_year_of(end)}
    for division_id in division_ids:
        for year in years:
            if not _has_year(found[division_id], year):
                found[division_id] += rules.default_closures(program.province, year)
    return found


def _has_year(closures, year: int) -> bool:
    first, last = date(year, 7, 1), date(year + 1, 6, 30)
    return any(first <= c.start <= last for c in closures)


def weekdays(start: date, end: date) -> tuple[date, ...]:
    count = (end - start).days + 1
    return tuple(d for d in (start + timedelta(days=i) for i in range(count)) if d.weekday() < 5)


def visit_instance(program: Program, start: date, end: date, *, previous_plan=None) -> VisitInstance:
    """The visit-planning instance of ``program`` for ``start``–``end``."""
    config = settings_for(program)
    days = weekdays(start, end)
    closures = closures_by_division(program, start, end)
    schools = tuple(_school_needs(program, days, closures, config))
    officers = tuple(_officer_times(program, start, end, days))
    pins = tuple(
        Pin(v.officer_id, v.school_id, Slot(v.day, v.half_day))
        for v in Visit.objects.filter(program=program, plan__isnull=True, day__gte=start, day__lte=end)
    )
    previous = frozenset()
    if previous_plan is not None:
        previous = frozenset(
            PlannedVisit(*row)
            for row in previous_plan.visits.filter(day__gte=start, day__lte=end).values_list(
                "officer_id", "school_id", "day", "half_day"
            )
        )
    return VisitInstance(
        days=days,
        schools=schools,
        officers=officers,
        pins=pins,
        previous=previous,
        travel_limit_minutes=config.travel_limit_minutes,
        speed_kmh=config.speed_kmh,
        weights=VisitWeights(stability=config.stability_weight),
    )


def _school_needs(program, days, closures, config):
    weights = rules.NeedWeights.of(config)
    schools = list(School.objects.filter(program=program, is_active=True).order_by("pk"))
    requests = {r.school_id: r for r in PresenceRequest.objects.filter(program=program)}
    preferences = defaultdict(dict)
    for slot in PreferredSlot.objects.filter(program=program):
        preferences[slot.school_id][(slot.weekday, slot.half_day)] = slot.rank
    blackout_days = _blackout_days(program, days)
    enforcement = _enforcement_counts(program, days)
    for school in schools:
        closed = {d for d in days if any(c.covers(d) for c in closures[school.division_id])}
        open_count = len(days) - len(closed)
        request = requests.get(school.pk)
        need = rules.need_per_week(school.level, school.enrolment, enforcement.get(school.pk, 0), weights)
        per_week = rules.demand_per_week(
            need=need,
            requested=getattr(request, "requested_per_week", None),
            target=getattr(request, "target_per_week", None),
        )
        yield SchoolNeed(
            id=school.pk,
            name=school.name,
            lat=float(school.latitude or 0),
            lon=float(school.longitude or 0),
            demand=rules.visits_in_horizon(per_week, open_count),
            minimum=rules.visits_in_horizon(getattr(request, "minimum_per_week", 0), open_count),
            preferences=preferences[school.pk],
            closed_days=frozenset(closed | blackout_days[school.pk]),
        )


def _blackout_days(program, days) -> dict[int, set[date]]:
    found = defaultdict(set)
    if not days:
        return found
    for blackout in Blackout.objects.filter(program=program, start_date__lte=days[-1], end_date__gte=days[0]):
        found[blackout.school_id].update(d for d in days if blackout.start_date <= d <= blackout.end_date)
    return found


def _enforcement_counts(program, days) -> dict[int, int]:
    """Recent enforcement outcomes per school (the 90 days before the horizon), once the occurrences
    app provides them; an empty answer until then."""
    if not days or not apps.is_installed("srohub.occurrences"):
        return {}
    try:
        from srohub.occurrences.selectors import enforcement_counts  # noqa: PLC0415 - optional capability
    except ImportError:
        return {}
    return enforcement_counts(program_id=program.pk, start=days[0] - timedelta(days=90), end=days[0])


def _officer_times(program, start: date, end: date, days):
    assignments = Assignment.objects.filter(program=program, start_date__lte=start).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=end)
    )
    primary, backup = defaultdict(set), defaultdict(set)
    for officer_id, school_id, role in assignments.values_list("officer_id", "school_id", "role"):
        (primary if role == AssignmentRole.PRIMARY else backup)[officer_id].add(school_id)
    away = defaultdict(set)
    for leave in OfficerLeave.objects.filter(program=program, start_date__lte=end, end_date__gte=start):
        away[leave.officer_id].update(d for d in days if leave.start_date <= d <= leave.end_date)
    for officer in Officer.objects.filter(program=program).exclude(status=OfficerStatus.LEFT).order_by("pk"):
        unavailable = set(days) if officer.status == OfficerStatus.ON_LEAVE else away[officer.pk]
        yield OfficerTime(
            officer.pk,
            officer.name,
            frozenset(primary[officer.pk]),
            frozenset(backup[officer.pk]),
            frozenset(unavailable),
        )
