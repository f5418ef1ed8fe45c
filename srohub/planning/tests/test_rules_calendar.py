"""Calendar and demand rules (pure, table-driven)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.planning import rules


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
    ],
)
def test_it_computes_easter(year, easter):
    assert rules.easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("province", "day", "closed"),
    [
        ("MB", date(2026, 11, 11), True),  # Remembrance Day
        ("ON", date(2026, 11, 11), False),
        ("MB", date(2026, 9, 30), True),  # Truth and Reconciliation
        ("AB", date(2026, 9, 30), False),
        ("MB", date(2027, 2, 15), True),  # Louis Riel Day, third Monday of February
        ("AB", date(2026, 10, 12), True),  # Thanksgiving
        ("AB", date(2026, 12, 24), True),  # winter break
        ("AB", date(2027, 3, 24), True),  # spring break, last full week of March
        ("AB", date(2027, 3, 26), True),  # Good Friday 2027
        ("AB", date(2027, 5, 24), True),  # Victoria Day
        ("AB", date(2026, 9, 7), True),  # Labour Day closes the summer
        ("AB", date(2026, 9, 8), False),  # first school day
        ("AB", date(2026, 11, 23), False),
    ],
)
def test_it_generates_the_default_calendar(province, day, closed):
    closures = rules.default_closures(province, 2026)
    assert any(c.covers(day) for c in closures) is closed


@pytest.mark.parametrize(
    ("start", "end"), [(date(2026, 11, 23), date(2026, 12, 18)), (date(2026, 12, 14), date(2027, 1, 22))]
)
def test_it_counts_only_weeks_with_school_days(start, end):
    assert rules.horizon_end(start, 4, rules.default_closures("MB", 2026)) == end


@pytest.mark.parametrize(
    ("level", "enrolment", "enforcement", "expected"),
    [
        ("elementary", 300, 0, Decimal("0.5")),
        ("junior_high", 600, 0, Decimal("1")),
        ("senior_high", 1600, 0, Decimal("3.0")),
        ("senior_high", 800, 10, Decimal("3.0")),
        ("k12", 100, 0, Decimal("2")),
        ("senior_high", 9000, 100, Decimal("10")),
    ],
)
def test_it_scores_need(level, enrolment, enforcement, expected):
    assert rules.need_per_week(level, enrolment, enforcement, rules.NeedWeights()) == expected


@pytest.mark.parametrize(
    ("need", "requested", "target", "expected"),
    [
        (Decimal(2), None, None, Decimal(2)),
        (Decimal(2), Decimal(1), None, Decimal(1)),
        (Decimal(2), Decimal(1), Decimal(3), Decimal(3)),
    ],
)
def test_it_prefers_the_supervisors_target_then_the_schools_request(need, requested, target, expected):
    assert rules.demand_per_week(need=need, requested=requested, target=target) == expected


@given(st.integers(0, 100), st.decimals(0, 10, places=1))
def test_it_never_plans_more_visits_than_half_days(days, per_week):
    assert 0 <= rules.visits_in_horizon(per_week, days) <= 2 * days


def test_weights_from_unsaved_default_settings_add_up_with_enforcement():
    # The demo seed plans for programs that never saved their settings: the model's defaults must
    # mix with enforcement counts as Decimals (a float default once broke `make demo`).
    from srohub.planning.models import PlanningSettings

    weights = rules.NeedWeights.of(PlanningSettings())
    assert weights == rules.NeedWeights()
    assert rules.need_per_week("senior_high", 1200, 3, weights) == Decimal("2.8")
