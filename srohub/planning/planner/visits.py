"""The visit-planning model: who visits which school in which half-day of the horizon.

Hard: an officer is at one school per half-day and a school has one officer per half-day; only the
school's primary officers visit it (its backups too, on days every primary is away, when planning
coverage); closed days (calendar, blackouts) and leave have no visits; pins are kept; two schools
on one day must be within the travel limit; each school gets at least its minimum.
Objective (minimised): shortfall against demand, then ranked preferences, spread through the
weeks, kilometres between a morning and an afternoon school, and moved visits of the previous plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from math import ceil

from srohub.planning.planner.geo import haversine_km, travel_minutes
from srohub.planning.planner.instance import AM, PM, PlannedVisit, VisitInstance
from srohub.planning.planner.linear import LinearModel

RELAXABLE = frozenset({"minimums", "travel", "pins", "calendar"})


@dataclass
class VisitModel:
    """The linear model and the index of each visit variable."""

    model: LinearModel
    x: dict[PlannedVisit, int]

    def visits(self, values: list[int]) -> tuple[PlannedVisit, ...]:
        return tuple(sorted(v for v, index in self.x.items() if values[index]))

    def assignment(self, visits) -> dict[int, int]:
        chosen = set(visits)
        return {index: int(v in chosen) for v, index in self.x.items()}


def build_visit_model(instance: VisitInstance, relax: frozenset[str] = frozenset()) -> VisitModel:
    """Build the model; ``relax`` drops constraint groups (used to explain infeasibility)."""
    model = LinearModel()
    candidates = candidate_visits(instance, ignore_calendar="calendar" in relax)
    pinned = (
        set()
        if "pins" in relax
        else {PlannedVisit(p.officer_id, p.school_id, *p.slot) for p in instance.pins}
    )
    x = {}
    for visit in sorted(candidates | pinned):
        x[visit] = model.var(1 if visit in pinned else 0, 1, _preference_cost(instance, visit))
    built = VisitModel(model, x)
    _one_place_at_a_time(built)
    _demand(built, instance, minimums="minimums" not in relax, pinned=pinned)
    _spread(built, instance)
    _travel(built, instance, hard="travel" not in relax)
    _stability(built, instance)
    return built


def candidate_visits(instance: VisitInstance, *, ignore_calendar: bool = False) -> set[PlannedVisit]:
    """Every (officer, school, slot) the hard eligibility rules allow."""
    primaries = defaultdict(set)
    for officer in instance.officers:
        for school_id in officer.primary_school_ids:
            primaries[school_id].add(officer)
    found = set()
    for school in instance.schools:
        for day in instance.days:
            if day in school.closed_days and not ignore_calendar:
                continue
            for officer in _eligible_on(instance, school.id, day, primaries[school.id]):
                found.update(PlannedVisit(officer.id, school.id, day, half) for half in (AM, PM))
    return found


def _eligible_on(instance: VisitInstance, school_id: int, day, primaries) -> list:
    present = [o for o in primaries if day not in o.unavailable_days]
    if present or not instance.plan_coverage:
        return present
    return [
        o for o in instance.officers if school_id in o.backup_school_ids and day not in o.unavailable_days
    ]


def _preference_cost(instance: VisitInstance, visit: PlannedVisit) -> int:
    weights = instance.weights
    rank = instance.school(visit.school_id).preferences.get((visit.day.weekday(), visit.half))
    return weights.preference_step * ((rank or weights.unranked_rank) - 1)


def _one_place_at_a_time(built: VisitModel) -> None:
    by_officer_slot, by_school_slot = defaultdict(list), defaultdict(list)
    for visit, index in built.x.items():
        by_officer_slot[(visit.officer_id, visit.slot)].append((index, 1))
        by_school_slot[(visit.school_id, visit.slot)].append((index, 1))
    for terms in (*by_officer_slot.values(), *by_school_slot.values()):
        if len(terms) > 1:
            built.model.add(terms, hi=1)


def _demand(built: VisitModel, instance: VisitInstance, *, minimums: bool, pinned: set) -> None:
    by_school = defaultdict(list)
    for visit, index in built.x.items():
        by_school[visit.school_id].append((index, 1))
    pins_at = defaultdict(int)
    for visit in pinned:
        pins_at[visit.school_id] += 1
    weight = instance.weights.shortfall
    for school in instance.schools:
        terms = by_school[school.id]
        cap = max(school.demand, school.minimum, pins_at[school.id])
        built.model.add(terms, lo=school.minimum if minimums else 0, hi=cap)
        if school.demand > 0:
            shortfall = built.model.var(0, school.demand, weight)
            built.model.add([*terms, (shortfall, 1)], lo=school.demand)


def weekly_targets(instance: VisitInstance, school) -> dict[tuple[int, int], int]:
    """Even spread: the school's demand shared over the ISO weeks in proportion to its open days."""
    open_days = [d for d in instance.days if d not in school.closed_days]
    per_week = defaultdict(int)
    for day in open_days:
        per_week[day.isocalendar()[:2]] += 1
    total = max(1, len(open_days))
    return {week: ceil(school.demand * count / total) for week, count in per_week.items()}


def _spread(built: VisitModel, instance: VisitInstance) -> None:
    by_school_week = defaultdict(list)
    for visit, index in built.x.items():
        by_school_week[(visit.school_id, visit.day.isocalendar()[:2])].append((index, 1))
    for school in instance.schools:
        for week, target in weekly_targets(instance, school).items():
            terms = by_school_week.get((school.id, week), [])
            if len(terms) > target:
                excess = built.model.var(0, len(terms) - target, instance.weights.spread)
                built.model.add([*terms, (excess, -1)], hi=target)


def _travel(built: VisitModel, instance: VisitInstance, *, hard: bool) -> None:
    """Forbid far pairs on one day; charge the km between the morning and the afternoon school."""
    halves = defaultdict(lambda: {AM: {}, PM: {}})
    for visit, index in built.x.items():
        halves[(visit.officer_id, visit.day)][visit.half][visit.school_id] = index
    km = _distance_table(instance)
    for day_halves in halves.values():
        mornings, afternoons = day_halves[AM], day_halves[PM]
        if not mornings or not afternoons:
            continue
        _travel_day(built.model, instance, km, mornings, afternoons, hard=hard)


def _travel_day(
    model: LinearModel, instance: VisitInstance, km, mornings: dict, afternoons: dict, *, hard
) -> None:
    """A small transport problem per officer-day: pair the morning school with the afternoon one.

    ``pair[m, a]`` is 1 when the officer is at ``m`` in the morning and ``a`` in the afternoon; it
    costs the km between them. Far pairs get no variable when the travel limit holds, which forbids
    them. This is exact for whole plans and much tighter in the LP than a big-M bound.
    """
    by_morning, by_afternoon, pairs = defaultdict(list), defaultdict(list), []
    for morning in mornings:
        for afternoon in afternoons:
            distance = km[morning, afternoon]
            if hard and travel_minutes(distance, instance.speed_kmh) > instance.travel_limit_minutes:
                continue
            pair = model.var(0, 1, instance.weights.travel_per_km * distance)
            by_morning[morning].append((pair, 1))
            by_afternoon[afternoon].append((pair, 1))
            pairs.append((pair, 1))
    for morning, index in mornings.items():
        model.add([*by_morning[morning], (index, -1)], hi=0)
    for afternoon, index in afternoons.items():
        model.add([*by_afternoon[afternoon], (index, -1)], hi=0)
    present = [(i, -1) for i in (*mornings.values(), *afternoons.values())]
    model.add([*pairs, *present], lo=-1)  # a morning and an afternoon visit make exactly one pair


def _distance_table(instance: VisitInstance) -> dict[tuple[int, int], int]:
    return _LazyDistances(instance)


class _LazyDistances(dict):
    """Distances computed on first use: a full table for 400+ schools is wasteful."""

    def __init__(self, instance: VisitInstance):
        super().__init__()
        self._schools = {s.id: s for s in instance.schools}

    def __missing__(self, key):
        a, b = self._schools[key[0]], self._schools[key[1]]
        value = 0 if a.id == b.id else round(haversine_km(a.lat, a.lon, b.lat, b.lon))
        self[key] = value
        return value


def _stability(built: VisitModel, instance: VisitInstance) -> None:
    """Each visit of the previous plan that is not kept costs ``stability``."""
    weight = instance.weights.stability
    for visit in instance.previous:
        index = built.x.get(visit)
        built.model.offset += weight
        if index is not None:
            built.model.cost[index] -= weight


def moved_visits(previous, current, *, ignore_officers: frozenset[int] = frozenset()) -> int:
    """How many visits of the previous plan (other than of ``ignore_officers``) are not in the new one."""
    kept = set(current)
    return sum(1 for v in previous if v.officer_id not in ignore_officers and v not in kept)
