"""Territory design (pure): every school one officer, French schools to French speakers, solvers agree."""

import pytest

from srohub.planning.planner.synthetic import synthetic_territory_instance
from srohub.planning.planner.territory import (
    TerritoryInstance,
    TerritoryOfficer,
    TerritorySchool,
    design_territories,
)


def test_it_gives_every_school_one_officer_and_french_schools_french_speakers():
    instance = synthetic_territory_instance("tiny")
    solution = design_territories(instance, seconds=10)
    officers = {o.id: o for o in instance.officers}
    assert solution.status == "optimal"
    assert set(solution.assignment) == {s.id for s in instance.schools}
    for school in instance.schools:
        if school.french:
            assert officers[solution.assignment[school.id]].speaks_french


def test_it_agrees_with_the_exact_mip_and_beats_greedy():
    instance = synthetic_territory_instance("tiny")
    cpsat, highs, greedy = (
        design_territories(instance, method=m, seconds=20) for m in ("cpsat", "highs", "greedy")
    )
    assert cpsat.objective == pytest.approx(highs.objective)
    assert greedy.objective >= cpsat.objective


def test_it_balances_need_between_two_officers():
    schools = tuple(TerritorySchool(i, f"S{i}", 51.0, -114.0 + i / 1000, need=2) for i in range(1, 5))
    officers = (TerritoryOfficer(1, "A", 51.0, -114.0), TerritoryOfficer(2, "B", 51.0, -113.99))
    solution = design_territories(TerritoryInstance(schools, officers), seconds=5)
    assert sorted(list(solution.assignment.values()).count(o) for o in (1, 2)) == [2, 2]


def test_it_explains_french_schools_without_a_french_speaker():
    schools = (TerritorySchool(1, "École Provencher", 49.9, -97.1, need=2, french=True),)
    solution = design_territories(TerritoryInstance(schools, (TerritoryOfficer(1, "A", 49.9, -97.1),)))
    assert solution.status == "infeasible"
    assert solution.findings[0].code == "no_french_speaking_officer"
