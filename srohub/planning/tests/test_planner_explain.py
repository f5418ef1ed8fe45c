"""Infeasible input gets an explanation in words, never a crash or a partial plan."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from srohub.planning.explanations import describe, finding_to_data
from srohub.planning.planner.instance import OfficerTime, Pin, SchoolNeed, Slot, VisitInstance
from srohub.planning.planner.solve import plan_visits

MONDAY = date(2030, 3, 4)
WEEK = tuple(MONDAY + timedelta(days=i) for i in range(5))


def sentence(solution) -> list[str]:
    with translation.override("en"):
        return [describe(finding_to_data(f)) for f in solution.findings]


def test_it_names_the_school_whose_minimum_exceeds_its_open_slots():
    aspen = SchoolNeed(
        id=1,
        name="Aspen Ridge School",
        lat=51.0,
        lon=-114.0,
        demand=8,
        minimum=8,
        closed_days=frozenset(WEEK[:2]),
    )
    solution = plan_visits(
        VisitInstance(days=WEEK, schools=(aspen,), officers=(OfficerTime(1, "A", frozenset({1})),))
    )
    assert solution.status == "infeasible" and solution.visits == ()
    assert sentence(solution) == [
        "Aspen Ridge School needs 8 visits but only 6 half-days are open after blackout dates, holidays and "
        "officer leave."
    ]


def test_it_explains_a_pin_on_a_closed_day():
    closed = SchoolNeed(
        id=1, name="Birch School", lat=51.0, lon=-114.0, demand=1, closed_days=frozenset({MONDAY})
    )
    instance = VisitInstance(
        days=WEEK,
        schools=(closed,),
        officers=(OfficerTime(1, "Cst. Roy", frozenset({1})),),
        pins=(Pin(1, 1, Slot(MONDAY, "am")),),
    )
    assert (
        "Birch School has a fixed commitment on 2030-03-04 (morning) but the school is closed"
        in sentence(plan_visits(instance))[0]
    )


def test_it_finds_the_travel_limit_by_relaxing_constraint_groups():
    near = SchoolNeed(id=1, name="Near School", lat=49.90, lon=-97.1, demand=5, minimum=5)
    far = SchoolNeed(id=2, name="Far School", lat=50.60, lon=-97.1, demand=5, minimum=5)
    instance = VisitInstance(
        days=WEEK, schools=(near, far), officers=(OfficerTime(1, "A", frozenset({1, 2})),)
    )
    solution = plan_visits(instance, seconds=5)
    assert solution.status == "infeasible" and solution.visits == ()
    assert [f.code for f in solution.findings] == ["blocked_by_travel"]
    assert "travel limit" in sentence(solution)[0]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_it_words_unknown_codes_without_failing(language):
    with translation.override(language):
        assert "mystery" in describe({"code": "mystery", "params": {}})
