"""Today's practice as a baseline: each school keeps fixed weekly half-days, first come first served.

An officer takes their schools in a fixed order; each school claims its best-ranked weekly
half-days still free in the officer's week and keeps them every week. A visit that falls on a
closed day or leave is simply lost — nobody re-plans a spreadsheet.
"""

from __future__ import annotations

from math import ceil

from srohub.planning.planner.geo import haversine_km, travel_minutes
from srohub.planning.planner.instance import AM, HALF_DAYS, PM, PlannedVisit, VisitInstance

WEEK_PATTERN = tuple((weekday, half) for weekday in range(5) for half in HALF_DAYS)


def greedy_visits(instance: VisitInstance) -> list[PlannedVisit]:
    """The fixed-weekday, first-come-first-served plan (pins placed first)."""
    state = _State(instance)
    for pin in instance.pins:
        state.place(PlannedVisit(pin.officer_id, pin.school_id, *pin.slot))
    weeks = max(1, len({d.isocalendar()[:2] for d in instance.days}))
    for officer in sorted(instance.officers, key=lambda o: o.id):
        claimed: set[tuple[int, str]] = set()
        for school_id in sorted(officer.primary_school_ids):
            school = instance.school(school_id)
            pattern = _weekly_pattern(school, ceil(school.demand / weeks), claimed)
            claimed |= set(pattern)
            _fill(state, officer, school, pattern)
    return state.visits


def _weekly_pattern(school, per_week: int, claimed: set) -> list[tuple[int, str]]:
    ranked = sorted(school.preferences, key=school.preferences.get)
    ordered = ranked + [slot for slot in WEEK_PATTERN if slot not in school.preferences]
    return [slot for slot in ordered if slot not in claimed][:per_week]


def _fill(state: _State, officer, school, pattern) -> None:
    for day in state.instance.days:
        for weekday, half in pattern:
            if day.weekday() != weekday or state.count[school.id] >= school.demand:
                continue
            visit = PlannedVisit(officer.id, school.id, day, half)
            if day not in school.closed_days and day not in officer.unavailable_days and state.free(visit):
                state.place(visit)


class _State:
    def __init__(self, instance: VisitInstance):
        self.instance = instance
        self.visits: list[PlannedVisit] = []
        self.officer_at: dict[tuple, int] = {}
        self.school_busy: set[tuple] = set()
        self.count: dict[int, int] = {s.id: 0 for s in instance.schools}
        self.schools = {s.id: s for s in instance.schools}

    def free(self, visit: PlannedVisit) -> bool:
        if (visit.officer_id, visit.day, visit.half) in self.officer_at:
            return False
        if (visit.school_id, visit.day, visit.half) in self.school_busy:
            return False
        other = self.officer_at.get((visit.officer_id, visit.day, PM if visit.half == AM else AM))
        return other is None or self._near(other, visit.school_id)

    def _near(self, a: int, b: int) -> bool:
        one, two = self.schools[a], self.schools[b]
        km = round(haversine_km(one.lat, one.lon, two.lat, two.lon))
        return travel_minutes(km, self.instance.speed_kmh) <= self.instance.travel_limit_minutes

    def place(self, visit: PlannedVisit) -> None:
        self.visits.append(visit)
        self.officer_at[(visit.officer_id, visit.day, visit.half)] = visit.school_id
        self.school_busy.add((visit.school_id, visit.day, visit.half))
        self.count[visit.school_id] += 1
