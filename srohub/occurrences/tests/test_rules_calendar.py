from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.occurrences.rules.calendar import add_months, add_years


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2024, 8, 31), 3, date(2024, 11, 30)),  # DOMAIN.md: no 31 November → the last day
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap February
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 12, 15), 2, date(2025, 2, 15)),  # across the year
        (date(2024, 3, 31), 6, date(2024, 9, 30)),
        (date(2024, 5, 10), 0, date(2024, 5, 10)),
    ],
)
def test_it_counts_months_as_the_interpretation_act_says(start, months, end):
    assert add_months(start, months) == end


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # DOMAIN.md
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 3, 1), 2, date(2025, 3, 1)),
    ],
)
def test_it_counts_years_as_twelve_months(start, years, end):
    assert add_years(start, years) == end


def test_it_refuses_a_negative_period():
    with pytest.raises(ValueError):
        add_months(date(2024, 1, 1), -1)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 120))
def test_it_never_ends_before_the_start_and_lands_in_the_right_month(start, months):
    end = add_months(start, months)
    assert end >= start
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day
