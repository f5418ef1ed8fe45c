"""The pure rules of the engagement log: activity input, terms, referral steps, reminders, ratio."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.engagement import rules
from srohub.engagement.rules import ActivityType, ReferralStatus

TODAY = date(2025, 10, 15)


@pytest.mark.parametrize(
    ("minutes", "day", "has_person", "kind", "bad_fields"),
    [
        (45, TODAY, False, "presentation", set()),
        (1, TODAY - timedelta(days=400), False, "informal_contact", set()),
        (24 * 60, TODAY, True, "mentoring", set()),
        (0, TODAY, False, "presentation", {"duration_minutes"}),
        (24 * 60 + 1, TODAY, False, "presentation", {"duration_minutes"}),
        (None, TODAY, False, "presentation", {"duration_minutes"}),
        (30, TODAY + timedelta(days=1), False, "presentation", {"occurred_on"}),
        (30, None, False, "presentation", {"occurred_on"}),
        (30, TODAY, True, "presentation", {"person"}),
        (30, TODAY, False, "karaoke", {"activity_type"}),
    ],
)
def test_it_checks_an_activity(minutes, day, has_person, kind, bad_fields):
    problems = rules.activity_problems(
        activity_type=kind, duration_minutes=minutes, occurred_on=day, today=TODAY, has_person=has_person
    )
    assert set(problems) == bad_fields


def test_it_refuses_an_implausible_audience():
    assert "audience_count" in rules.activity_problems(
        activity_type="presentation", duration_minutes=30, occurred_on=TODAY, today=TODAY, audience_count=6000
    )


def test_it_has_a_profile_and_a_default_duration_for_every_type():
    assert set(rules.TYPE_PROFILES) == set(ActivityType.values)
    assert all(0 < rules.default_minutes(kind) <= rules.MAX_DURATION_MINUTES for kind in ActivityType.values)


@pytest.mark.parametrize(
    ("day", "key", "start", "end"),
    [
        (date(2025, 9, 1), "2025-fall", date(2025, 9, 1), date(2026, 1, 31)),
        (date(2026, 1, 31), "2025-fall", date(2025, 9, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), "2026-spring", date(2026, 2, 1), date(2026, 6, 30)),
        (date(2026, 7, 4), "2026-summer", date(2026, 7, 1), date(2026, 8, 31)),
    ],
)
def test_it_names_the_term_of_a_day(day, key, start, end):
    term = rules.term_of(day)
    assert (term.key, term.start, term.end) == (key, start, end)
    assert rules.term_from_key(key) == term


@pytest.mark.parametrize("key", ["", "2025", "2025-winter", "fall-2025", "1800-fall"])
def test_it_refuses_a_malformed_term_key(key):
    with pytest.raises(ValueError):
        rules.term_from_key(key)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_it_puts_every_day_in_exactly_one_term_and_terms_tile_the_calendar(day):
    term = rules.term_of(day)
    assert term.start <= day <= term.end
    assert term.next().start == term.end + timedelta(days=1)
    assert term.previous().end == term.start - timedelta(days=1)


@pytest.mark.parametrize(
    ("current", "new", "outcome", "allowed"),
    [
        ("referred", "contacted", "", True),
        ("referred", "engaged", "", True),
        ("contacted", "closed", "completed", True),
        ("referred", "closed", "declined", True),
        ("engaged", "contacted", "", False),
        ("engaged", "engaged", "", False),
        ("contacted", "closed", "", False),
        ("contacted", "engaged", "completed", False),
        ("closed", "closed", "completed", False),
        ("referred", "lost", "", False),
    ],
)
def test_it_moves_a_referral_forward_only(current, new, outcome, allowed):
    assert (rules.referral_transition_problem(current, new, outcome) is None) is allowed


@pytest.mark.parametrize(
    ("status", "last_update", "reminded", "due"),
    [
        ("referred", TODAY - timedelta(days=14), None, True),
        ("referred", TODAY - timedelta(days=13), None, False),
        ("engaged", TODAY - timedelta(days=30), TODAY - timedelta(days=3), False),
        ("engaged", TODAY - timedelta(days=30), TODAY - timedelta(days=14), True),
        ("closed", TODAY - timedelta(days=300), None, False),
    ],
)
def test_it_decides_when_a_referral_needs_a_reminder(status, last_update, reminded, due):
    assert (
        rules.reminder_due(
            status=status, last_update_on=last_update, last_reminded_on=reminded, today=TODAY, days=14
        )
        is due
    )


@given(st.integers(0, 400), st.integers(1, 60), st.sampled_from(ReferralStatus.values))
def test_it_never_reminds_twice_within_the_period(age, days, status):
    last_update = TODAY - timedelta(days=age)
    if rules.reminder_due(
        status=status, last_update_on=last_update, last_reminded_on=None, today=TODAY, days=days
    ):
        assert not rules.reminder_due(
            status=status,
            last_update_on=last_update,
            last_reminded_on=TODAY,
            today=TODAY + timedelta(days=days - 1),
            days=days,
        )


@pytest.mark.parametrize(
    ("engaged", "enforced", "available", "value"),
    [(30, None, False, None), (30, 0, True, None), (30, 4, True, 7.5), (0, 2, True, 0.0)],
)
def test_it_shows_the_ratio_or_says_its_denominator_is_not_available(engaged, enforced, available, value):
    ratio = rules.engagement_ratio(engaged, enforced)
    assert (ratio.available, ratio.value) == (available, value)


def test_it_refuses_negative_counts_in_the_ratio():
    with pytest.raises(ValueError):
        rules.engagement_ratio(-1, 3)
