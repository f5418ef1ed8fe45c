"""School years, term boundaries, notices, sweep timings and retention (rules.py)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.drills import rules
from srohub.drills.presets import FALL_AND_SPRING, SEMESTERS
from srohub.drills.rules import RoomResult, Status

T0 = datetime(2025, 10, 1, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "year"), [("2025-07-01", "2025-2026"), ("2025-06-30", "2024-2025"), ("2026-01-15", "2025-2026")]
)
def test_it_places_a_day_in_its_school_year(day, year):
    assert rules.school_year_of(date.fromisoformat(day)) == year


@pytest.mark.parametrize("text", ["2025", "2025-2027", "2025/2026", "", "abcd-efgh"])
def test_it_refuses_a_malformed_school_year(text):
    with pytest.raises(ValueError, match="2025-2026"):
        rules.school_year_start(text)


def test_it_dates_terms_and_semesters_across_new_year():
    fall, spring = rules.term_windows("2025-2026", FALL_AND_SPRING)
    assert (fall.start, fall.end, spring.start, spring.end) == (
        date(2025, 9, 1),
        date(2025, 12, 31),
        date(2026, 1, 1),
        date(2026, 6, 30),
    )
    s1, _s2 = rules.term_windows("2025-2026", SEMESTERS)
    assert s1.end == date(2026, 1, 31)


@pytest.mark.parametrize(
    "terms",
    [
        [{"key": "a", "start": "09-01", "end": "13-01"}],
        [{"key": "a", "start": "12-01", "end": "09-01"}],
        [{"key": "a", "start": "09-01", "end": "12-31"}, {"key": "b", "start": "12-01", "end": "06-30"}],
        [{"key": "a", "start": "09-01"}],
        [],
    ],
)
def test_it_refuses_bad_term_boundaries(terms):
    with pytest.raises(ValueError):
        rules.term_windows("2025-2026", terms)


def compliance(status_by_check):
    checks = [
        rules.Check(key, 1, 0, deadline, status, f"{key} reason") for key, deadline, status in status_by_check
    ]
    return rules.Compliance("lockdown", Status.OVERDUE, "", 0, 1, 0, 0, None, [], checks)


@pytest.mark.parametrize(
    ("today", "last_sent", "expected"),
    [
        (date(2026, 5, 30), {}, []),  # 31 days before: not yet
        (date(2026, 5, 31), {}, [("year", "reminder")]),  # 30 days before
        (date(2026, 6, 10), {("year", "reminder", date(2026, 6, 30)): date(2026, 5, 31)}, []),  # once only
        (date(2026, 7, 1), {}, [("year", "overdue")]),
        (date(2026, 7, 10), {("year", "overdue", date(2026, 6, 30)): date(2026, 7, 1)}, []),
        (
            date(2026, 7, 15),
            {("year", "overdue", date(2026, 6, 30)): date(2026, 7, 1)},
            [("year", "overdue")],
        ),
    ],
)
def test_it_sends_a_reminder_then_overdue_notices_at_the_interval(today, last_sent, expected):
    result = compliance([("year", date(2026, 6, 30), Status.DUE_SOON)])
    due = rules.notices_due(result, today, lead_days=30, interval_days=14, last_sent=last_sent)
    assert [(n.check_key, n.kind) for n in due] == expected


def test_it_sends_nothing_about_a_met_requirement():
    result = compliance([("year", date(2026, 6, 30), Status.MET)])
    assert rules.notices_due(result, date(2026, 7, 30), lead_days=30, interval_days=1, last_sent={}) == []


def room(space_id, minutes, secure=True):
    return RoomResult(space_id, T0 + timedelta(minutes=minutes), secure)


def test_it_times_the_sweep_to_the_last_secure_room():
    timing = rules.sweep_timing(
        T0, T0 + timedelta(minutes=15), [1, 2, 3], [room(1, 2), room(3, 7), room(2, 4)]
    )
    assert timing.time_to_secure == timedelta(minutes=7)
    assert timing.time_to_all_clear == timedelta(minutes=15)
    assert (timing.rooms, timing.checked, timing.secure) == (3, 3, 3)


def test_it_gives_no_time_to_secure_until_every_room_is_secure():
    partial = rules.sweep_timing(T0, None, [1, 2], [room(1, 2)])
    deficient = rules.sweep_timing(T0, None, [1, 2], [room(1, 2), room(2, 5, secure=False)])
    assert partial.time_to_secure is None and partial.time_to_sweep is None
    assert deficient.time_to_secure is None and deficient.time_to_sweep == timedelta(minutes=5)


@given(st.lists(st.integers(-10, 120), min_size=1, max_size=20))
def test_it_never_gives_a_negative_time(minutes):
    results = [room(i, m) for i, m in enumerate(minutes)]
    timing = rules.sweep_timing(T0, T0, range(len(minutes)), results)
    assert timing.time_to_secure >= timedelta(0)


@pytest.mark.parametrize(
    ("checked", "problem"),
    [
        (T0 - timedelta(minutes=10), "before the drill started"),
        (T0 + timedelta(hours=3), "in the future"),
        (T0 + timedelta(minutes=3), None),
        (T0 - timedelta(minutes=2), None),  # a phone a little behind
    ],
)
def test_it_checks_a_rooms_time_against_the_start(checked, problem):
    found = rules.checked_at_problem(T0, checked, now=T0 + timedelta(minutes=30))
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("today", "years", "cutoff"),
    [(date(2026, 5, 1), 3, date(2023, 5, 1)), (date(2028, 2, 29), 3, date(2025, 2, 28))],
)
def test_it_computes_the_retention_cutoff(today, years, cutoff):
    assert rules.retention_cutoff(today, years) == cutoff


def test_it_formats_durations():
    assert rules.format_duration(timedelta(minutes=4, seconds=5)) == "4 min 05 s"
    assert rules.format_duration(None) == "—"
    assert rules.time_of_day(time(9)) == "morning"
