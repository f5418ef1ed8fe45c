"""The directory's pure rules: when two periods overlap, and whole years of police service."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.directory.rules import periods_overlap, years_of_service

D = date


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((D(2024, 1, 1), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 12, 31)), False),  # back to back
        ((D(2024, 1, 1), D(2024, 6, 30)), (D(2024, 6, 30), D(2024, 12, 31)), True),  # share the last day
        ((D(2024, 1, 1), D(2024, 12, 31)), (D(2024, 3, 1), D(2024, 3, 31)), True),  # one inside the other
        ((D(2024, 1, 1), None), (D(2030, 1, 1), D(2030, 1, 2)), True),  # an open end runs forever
        ((D(2024, 1, 1), None), (D(2020, 1, 1), D(2023, 12, 31)), False),  # ended the day before
        ((D(2024, 1, 1), None), (D(2020, 1, 1), None), True),  # two open ends always meet
        ((D(2024, 5, 5), D(2024, 5, 5)), (D(2024, 5, 5), D(2024, 5, 5)), True),  # one-day periods, same day
        ((D(2024, 5, 5), D(2024, 5, 5)), (D(2024, 5, 6), D(2024, 5, 6)), False),
    ],
)
def test_it_decides_whether_two_periods_share_a_day(a, b, overlap):
    assert periods_overlap(*a, *b) is overlap


@pytest.mark.parametrize(
    ("start", "on", "years"),
    [
        (D(2012, 9, 1), D(2017, 8, 31), 4),  # the day before the fifth anniversary
        (D(2012, 9, 1), D(2017, 9, 1), 5),  # the anniversary counts on its day
        (D(2012, 9, 1), D(2012, 9, 1), 0),  # the first day
        (D(2012, 9, 1), D(2010, 1, 1), 0),  # before the service started: never negative
        (D(2016, 2, 29), D(2021, 2, 28), 4),  # a 29 February start ...
        (D(2016, 2, 29), D(2021, 3, 1), 5),  # ... completes its year on 1 March
        (D(2016, 2, 29), D(2024, 2, 29), 8),
        (D(1999, 12, 31), D(2025, 1, 1), 25),
    ],
)
def test_it_counts_whole_years_of_service(start, on, years):
    assert years_of_service(start, on) == years


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@st.composite
def periods(draw):
    start = draw(days)
    end = draw(st.none() | st.integers(min_value=0, max_value=4000).map(lambda n: start + timedelta(days=n)))
    return start, end


def shared_day_exists(a, b) -> bool:
    """The definition, the slow way: the later start falls inside both periods."""
    later_start = max(a[0], b[0])
    return all(end is None or later_start <= end for _, end in (a, b))


@given(periods(), periods())
def test_it_finds_overlap_the_same_whichever_period_comes_first(a, b):
    assert periods_overlap(*a, *b) == periods_overlap(*b, *a)


@given(periods())
def test_it_finds_every_period_overlaps_itself(a):
    assert periods_overlap(*a, *a)


@given(periods(), periods())
def test_it_agrees_with_the_definition_of_sharing_a_day(a, b):
    assert periods_overlap(*a, *b) == shared_day_exists(a, b)


@given(days, days, days)
def test_it_never_loses_a_year_of_service_as_time_passes(start, earlier, later):
    earlier, later = sorted((earlier, later))
    assert 0 <= years_of_service(start, earlier) <= years_of_service(start, later)
