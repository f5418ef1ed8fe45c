"""The planner's input and output: frozen dataclasses of plain values (no ORM)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from srohub.planning.planner.progress import relative_gap

AM, PM = "am", "pm"
HALF_DAYS = (AM, PM)


class Slot(NamedTuple):
    """One half-day of one school day."""

    day: date
    half: str


class PlannedVisit(NamedTuple):
    """One officer at one school for one half-day."""

    officer_id: int
    school_id: int
    day: date
    half: str

    @property
    def slot(self) -> Slot:
        return Slot(self.day, self.half)


@dataclass(frozen=True)
class SchoolNeed:
    """A school as the visit planner sees it.

    ``demand`` is the target number of half-day visits in the horizon, ``minimum`` the hard floor.
    ``preferences`` ranks (weekday 0-4, half) slots: 1 is the school's first choice.
    ``closed_days`` are the days no visit is possible (division calendar closures and blackouts).
    """

    id: int
    name: str
    lat: float
    lon: float
    demand: int
    minimum: int = 0
    preferences: Mapping[tuple[int, str], int] = field(default_factory=dict)
    closed_days: frozenset[date] = frozenset()


@dataclass(frozen=True)
class OfficerTime:
    """An officer as the visit planner sees them: which schools they may visit, and when they cannot."""

    id: int
    name: str
    primary_school_ids: frozenset[int]
    backup_school_ids: frozenset[int] = frozenset()
    unavailable_days: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Pin:
    """A fixed commitment: this officer is at this school in this slot, whatever else happens."""

    officer_id: int
    school_id: int
    slot: Slot


@dataclass(frozen=True)
class VisitWeights:
    """Objective weights (integer costs). Meeting demand dominates; then preferences, spread, travel.

    ``stability`` is the cost of moving one visit of the published plan when re-planning.
    """

    shortfall: int = 1000
    preference_step: int = 10
    unranked_rank: int = 5
    spread: int = 30
    travel_per_km: int = 3
    stability: int = 200


@dataclass(frozen=True)
class VisitInstance:
    """Everything the visit planner needs for one horizon of school days."""

    days: tuple[date, ...]
    schools: tuple[SchoolNeed, ...]
    officers: tuple[OfficerTime, ...]
    pins: tuple[Pin, ...] = ()
    previous: frozenset[PlannedVisit] = frozenset()
    travel_limit_minutes: int = 30
    speed_kmh: int = 40
    plan_coverage: bool = True
    weights: VisitWeights = VisitWeights()

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(Slot(day, half) for day in self.days for half in HALF_DAYS)

    def school(self, school_id: int) -> SchoolNeed:
        return next(s for s in self.schools if s.id == school_id)


@dataclass(frozen=True)
class Finding:
    """One reason a plan cannot be made, as a code and plain values; the UI words it."""

    code: str
    params: Mapping[str, object]


@dataclass(frozen=True)
class Solution:
    """What a planning method produced: visits (or assignments), scores and, when infeasible, why."""

    method: str
    status: str
    visits: tuple[PlannedVisit, ...] = ()
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    findings: tuple[Finding, ...] = ()

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)

    @property
    def feasible(self) -> bool:
        return self.status in {"optimal", "feasible"}
