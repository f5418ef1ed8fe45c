from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.people.rules import age_on, is_young_person, parental_notice_applies


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2010, 5, 10), date(2022, 5, 9), 11),
        (date(2010, 5, 10), date(2022, 5, 10), 12),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_it_counts_whole_years(born, on, age):
    assert age_on(born, on) == age


@pytest.mark.parametrize(
    ("born", "on", "young"),
    [
        (date(2010, 5, 10), date(2022, 5, 9), False),  # eleven: not under the YCJA
        (date(2010, 5, 10), date(2022, 5, 10), True),  # twelfth birthday
        (date(2010, 5, 10), date(2028, 5, 9), True),  # last day of seventeen
        (date(2010, 5, 10), date(2028, 5, 10), False),  # eighteenth birthday: an adult
    ],
)
def test_it_applies_the_ycja_age_range(born, on, young):
    assert is_young_person(born, on) is young


def test_it_stops_parental_notice_at_twenty_at_first_appearance():
    assert parental_notice_applies(date(2006, 1, 1), date(2025, 12, 31))
    assert not parental_notice_applies(date(2006, 1, 1), date(2026, 1, 1))


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 30000))
def test_it_never_decreases_with_time(born, days):
    from datetime import timedelta

    later = born + timedelta(days=days)
    assert age_on(born, later) >= 0
    assert age_on(born, later + timedelta(days=1)) >= age_on(born, later)
