"""The compliance decision (rules.decide_compliance): table-driven cases from the presets of
DOMAIN.md section 2, and invariants with hypothesis."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.drills import rules
from srohub.drills.presets import FALL_AND_SPRING, SEMESTERS
from srohub.drills.rules import HeldDrill, RequirementSpec, Status

YEAR = "2025-2026"
TERMS = rules.term_windows(YEAR, FALL_AND_SPRING)
SEMESTER_WINDOWS = rules.term_windows(YEAR, SEMESTERS)
ONTARIO_FIRE = RequirementSpec("evacuation", per_year=6, per_term=3)
EPSB_LOCKDOWN = RequirementSpec("lockdown", per_year=2, unannounced=1, varied_times=True)
MANITOBA_LOCKDOWN = RequirementSpec("lockdown", per_year=2, per_term=1)


def held(*days: str, at: time = time(9, 0), announced: bool = True) -> list[HeldDrill]:
    return [HeldDrill(date.fromisoformat(day), at, announced) for day in days]


CASES = [
    # (name, spec, terms, drills, today, status, words in the reason)
    ("nothing yet in September", ONTARIO_FIRE, TERMS, [], "2025-09-10", Status.ON_TRACK, "Fall: 0 of 3"),
    (
        "fall ends within 30 days",
        ONTARIO_FIRE,
        TERMS,
        held("2025-09-10"),
        "2025-12-05",
        Status.DUE_SOON,
        "Fall: 1 of 3",
    ),
    (
        "fall ended short",
        ONTARIO_FIRE,
        TERMS,
        held("2025-09-10", "2025-10-10"),
        "2026-01-05",
        Status.OVERDUE,
        "Fall: 2 of 3",
    ),
    (
        "all six, three a term",
        ONTARIO_FIRE,
        TERMS,
        held("2025-09-10", "2025-10-10", "2025-11-10", "2026-02-10", "2026-03-10", "2026-04-10"),
        "2026-04-20",
        Status.MET,
        "All requirements met",
    ),
    (
        "fall done, spring not started in earnest",
        ONTARIO_FIRE,
        TERMS,
        held("2025-09-10", "2025-10-10", "2025-11-10"),
        "2026-01-15",
        Status.ON_TRACK,
        "Winter/spring: 0 of 3",
    ),
    (
        "EPSB: two announced morning drills",
        EPSB_LOCKDOWN,
        TERMS,
        held("2025-10-01", "2026-03-01"),
        "2026-04-01",
        Status.ON_TRACK,
        "Unannounced: 0 of 1",
    ),
    (
        "EPSB: unannounced but same time of day",
        EPSB_LOCKDOWN,
        TERMS,
        held("2025-10-01") + held("2026-03-01", announced=False),
        "2026-06-10",
        Status.DUE_SOON,
        "Varied times",
    ),
    (
        "EPSB: met, varied and unannounced",
        EPSB_LOCKDOWN,
        TERMS,
        held("2025-10-01") + held("2026-03-01", at=time(14, 0), announced=False),
        "2026-03-02",
        Status.MET,
        "2 held",
    ),
    (
        "EPSB: year over, none unannounced",
        EPSB_LOCKDOWN,
        TERMS,
        held("2025-10-01", "2026-03-01"),
        "2026-07-01",
        Status.OVERDUE,
        "Unannounced: 0 of 1",
    ),
    (
        "Manitoba: first semester missed",
        MANITOBA_LOCKDOWN,
        SEMESTER_WINDOWS,
        held("2026-03-01"),
        "2026-03-02",
        Status.OVERDUE,
        "Semester 1: 0 of 1",
    ),
    (
        "Manitoba: one a semester",
        MANITOBA_LOCKDOWN,
        SEMESTER_WINDOWS,
        held("2025-11-01", "2026-03-01"),
        "2026-03-02",
        Status.MET,
        "All requirements met",
    ),
]


@pytest.mark.parametrize(
    ("name", "spec", "terms", "drills", "today", "status", "words"), CASES, ids=[case[0] for case in CASES]
)
def test_it_decides_compliance_with_its_reason(name, spec, terms, drills, today, status, words):
    result = rules.decide_compliance(spec, terms, drills, date.fromisoformat(today))
    assert result.status == status, result.reason
    assert words in result.reason


def test_it_counts_unannounced_drills_and_gives_the_next_deadline():
    result = rules.decide_compliance(
        EPSB_LOCKDOWN, TERMS, held("2025-10-01", announced=False), date(2025, 10, 2)
    )
    assert (result.unannounced, result.completed, result.required) == (1, 1, 2)
    assert result.next_due == date(2026, 6, 30)


def test_it_reports_each_term_with_required_and_completed():
    result = rules.decide_compliance(ONTARIO_FIRE, TERMS, held("2025-09-10", "2026-02-01"), date(2026, 2, 2))
    assert [(t.key, t.required, t.completed, t.status) for t in result.terms] == [
        ("fall", 3, 1, Status.OVERDUE),
        ("spring", 3, 1, Status.ON_TRACK),
    ]
    lockdown = rules.decide_compliance(EPSB_LOCKDOWN, TERMS, held("2025-09-10"), date(2026, 2, 2))
    assert [(t.required, t.completed) for t in lockdown.terms] == [(0, 1), (0, 0)]


@pytest.mark.parametrize(
    ("at", "band"),
    [
        (time(8, 0), "morning"),
        (time(10, 29), "morning"),
        (time(10, 30), "midday"),
        (time(12, 59), "midday"),
        (time(13, 0), "afternoon"),
        (time(15, 30), "afternoon"),
    ],
)
def test_it_tells_the_time_of_day(at, band):
    assert rules.time_of_day(at) == band


# ---------------------------------------------------------------- invariants

days_of_year = st.dates(min_value=date(2025, 7, 1), max_value=date(2026, 6, 30))
drill_lists = st.lists(st.builds(HeldDrill, days_of_year, st.times(), st.booleans()), max_size=12)
specs = st.builds(
    RequirementSpec,
    st.just("lockdown"),
    st.integers(0, 8),
    st.integers(0, 4),
    st.integers(0, 2),
    st.booleans(),
).filter(lambda s: s.unannounced <= s.per_year)


@given(specs, drill_lists, days_of_year)
def test_it_never_calls_a_requirement_met_with_too_few_drills(spec, drills, today):
    result = rules.decide_compliance(spec, TERMS, drills, today)
    if result.status == Status.MET:
        assert len(drills) >= spec.per_year
        assert result.unannounced >= spec.unannounced
        assert all(t.completed >= spec.per_term for t in result.terms)
    assert result.reason


@given(specs, drill_lists, days_of_year)
def test_it_never_improves_by_waiting(spec, drills, today):
    """With the same drills, a later day is never a better status."""
    earlier = rules.decide_compliance(spec, TERMS, drills, today)
    later = rules.decide_compliance(spec, TERMS, drills, today + timedelta(days=40))
    assert rules.SEVERITY[later.status] >= rules.SEVERITY[earlier.status]


@given(specs, drill_lists, st.builds(HeldDrill, days_of_year, st.times(), st.booleans()), days_of_year)
def test_it_never_gets_worse_with_one_more_drill(spec, drills, extra, today):
    before = rules.decide_compliance(spec, TERMS, drills, today)
    after = rules.decide_compliance(spec, TERMS, [*drills, extra], today)
    assert rules.SEVERITY[after.status] <= rules.SEVERITY[before.status]
