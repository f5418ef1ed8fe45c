"""Territory design: which officer covers which schools.

Each school gets exactly one primary officer among its ``candidates`` nearest officers (and its
current one). French-language schools go only to French-speaking officers. Objective (minimised):
need-weighted workload away from the unit's average, kilometres from each officer's base, and
schools taken from their current officer (continuity).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from srohub.planning.planner.geo import haversine_km
from srohub.planning.planner.instance import Finding
from srohub.planning.planner.linear import LinearModel, solve_cpsat, solve_highs


@dataclass(frozen=True)
class TerritorySchool:
    id: int
    name: str
    lat: float
    lon: float
    need: int
    french: bool = False
    current_officer_id: int | None = None


@dataclass(frozen=True)
class TerritoryOfficer:
    id: int
    name: str
    lat: float
    lon: float
    speaks_french: bool = False


@dataclass(frozen=True)
class TerritoryWeights:
    balance: int = 20
    km: int = 4
    continuity: int = 60
    candidates: int = 6


@dataclass(frozen=True)
class TerritoryInstance:
    schools: tuple[TerritorySchool, ...]
    officers: tuple[TerritoryOfficer, ...]
    weights: TerritoryWeights = TerritoryWeights()


@dataclass(frozen=True)
class TerritorySolution:
    method: str
    status: str
    assignment: dict[int, int]  # school id -> officer id
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    findings: tuple[Finding, ...] = ()

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return abs(self.objective - self.bound) / max(1.0, abs(self.objective))


@dataclass
class TerritoryModel:
    model: LinearModel
    y: dict[tuple[int, int], int]  # (school, officer) -> variable


def candidates_for(instance: TerritoryInstance, school: TerritorySchool) -> list[TerritoryOfficer]:
    """The school's nearest eligible officers, and its current one (continuity is always possible)."""
    eligible = [o for o in instance.officers if o.speaks_french or not school.french]
    eligible.sort(key=lambda o: _km(school, o))
    chosen = eligible[: instance.weights.candidates]
    current = next((o for o in eligible if o.id == school.current_officer_id), None)
    if current is not None and current not in chosen:
        chosen.append(current)
    return chosen


def _km(school: TerritorySchool, officer: TerritoryOfficer) -> int:
    return round(haversine_km(school.lat, school.lon, officer.lat, officer.lon))


def build_territory_model(instance: TerritoryInstance) -> TerritoryModel:
    model, y = LinearModel(), {}
    weights = instance.weights
    loads = {o.id: [] for o in instance.officers}
    for school in instance.schools:
        terms = []
        for officer in candidates_for(instance, school):
            moved = school.current_officer_id is not None and officer.id != school.current_officer_id
            index = model.var(0, 1, weights.km * _km(school, officer) + (weights.continuity if moved else 0))
            y[(school.id, officer.id)] = index
            terms.append((index, 1))
            loads[officer.id].append((index, school.need))
        model.add(terms, lo=1, hi=1)
    target = ceil(sum(s.need for s in instance.schools) / max(1, len(instance.officers)))
    total = sum(s.need for s in instance.schools)
    for terms in loads.values():
        over = model.var(0, total, weights.balance)
        under = model.var(0, target, weights.balance)
        model.add([*terms, (over, -1), (under, 1)], lo=target, hi=target)  # load - over + under = target
    return TerritoryModel(model, y)


def territory_findings(instance: TerritoryInstance) -> list[Finding]:
    if any(s.french for s in instance.schools) and not any(o.speaks_french for o in instance.officers):
        names = ", ".join(s.name for s in instance.schools if s.french)
        return [Finding("no_french_speaking_officer", {"schools": names})]
    return []


def design_territories(
    instance: TerritoryInstance, *, method: str = "cpsat", seconds: float = 60.0, workers: int = 1
) -> TerritorySolution:
    """Propose territories; the supervisor accepts or edits the proposal."""
    findings = territory_findings(instance)
    if findings:
        return TerritorySolution(method, "infeasible", {}, findings=tuple(findings))
    built = build_territory_model(instance)
    if method == "greedy":
        assignment = greedy_territories(instance)
        result = solve_cpsat(built.model.fixed(_values(built, assignment)), seconds=seconds)
        return TerritorySolution(method, "feasible", assignment, result.objective, None, result.seconds)
    if method == "highs":
        result = solve_highs(built.model, seconds=seconds)
    else:
        hint = _values(built, greedy_territories(instance))
        result = solve_cpsat(built.model, seconds=seconds, workers=workers, hint=hint)
    if not result.has_solution:
        return TerritorySolution(method, result.status, {}, bound=result.bound, seconds=result.seconds)
    assignment = {school: officer for (school, officer), i in built.y.items() if result.values[i]}
    return TerritorySolution(
        method, result.status, assignment, result.objective, result.bound, result.seconds
    )


def _values(built: TerritoryModel, assignment: dict[int, int]) -> dict[int, int]:
    return {index: int(assignment.get(school) == officer) for (school, officer), index in built.y.items()}


def greedy_territories(instance: TerritoryInstance) -> dict[int, int]:
    """Baseline: the neediest school first, to its nearest candidate with room under the average load."""
    target = sum(s.need for s in instance.schools) / max(1, len(instance.officers))
    load = {o.id: 0 for o in instance.officers}
    assignment = {}
    for school in sorted(instance.schools, key=lambda s: (-s.need, s.id)):
        options = candidates_for(instance, school)
        roomy = [o for o in options if load[o.id] + school.need <= target * 1.05]
        chosen = roomy[0] if roomy else min(options, key=lambda o: load[o.id])
        assignment[school.id] = chosen.id
        load[chosen.id] += school.need
    return assignment
