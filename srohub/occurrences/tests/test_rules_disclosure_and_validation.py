from datetime import date

import pytest

from srohub.occurrences.rules.disclosure import (
    destruction_reminder_due,
    disclosure_allowed,
    visible_to_recipient,
)
from srohub.occurrences.rules.validation import outcome_date_errors, youth_outcome_age_error

END = date(2025, 2, 28)


@pytest.mark.parametrize(
    ("purpose", "on", "allowed"),
    [
        ("safety", END, True),
        ("court_order", date(2024, 1, 1), True),
        ("rehabilitation", END, True),
        ("safety", date(2025, 3, 1), False),  # s.125(8): not after the period
        ("curiosity", END, False),
    ],  # s.125(6): only the three purposes
)
def test_it_allows_disclosure_only_for_a_listed_purpose_within_the_period(purpose, on, allowed):
    assert disclosure_allowed(purpose, on=on, period_end=END) is allowed


@pytest.mark.parametrize(
    ("on", "destroyed", "visible"),
    [(END, None, True), (date(2025, 3, 1), None, False), (END, date(2025, 1, 1), False)],
)
def test_it_hides_a_disclosure_after_the_period_or_once_destroyed(on, destroyed, visible):
    assert visible_to_recipient(on=on, period_end=END, destroyed_on=destroyed) is visible


@pytest.mark.parametrize(
    ("last", "today", "due"),
    [
        (None, date(2025, 1, 30), False),
        (None, date(2025, 1, 31), True),
        (date(2025, 1, 31), date(2025, 2, 15), False),
    ],
)
def test_it_reminds_the_school_every_interval_until_destroyed(last, today, due):
    assert (
        destruction_reminder_due(
            disclosed_on=date(2025, 1, 1), last_reminded_on=last, today=today, interval_days=30
        )
        is due
    )


def test_it_refuses_dates_before_the_occurrence_and_a_sentence_before_the_finding():
    errors = outcome_date_errors(
        date(2024, 5, 1),
        {
            "consent_date": date(2024, 4, 30),
            "finding_date": date(2024, 9, 1),
            "sentence_completed": date(2024, 8, 31),
        },
    )
    assert set(errors) == {"consent_date", "sentence_completed"}
    assert outcome_date_errors(date(2024, 5, 1), {"consent_date": date(2024, 5, 1)}) == {}


@pytest.mark.parametrize(
    ("outcome", "born", "refused"),
    [
        ("caution", date(2012, 5, 2), True),  # eleven on the day
        ("caution", date(2012, 5, 1), False),  # twelve that day
        ("extrajudicial_sanction", date(2006, 5, 1), True),  # eighteen: an adult
        ("charge", None, True),
        ("no_further_action", date(2000, 1, 1), False),  # not a YCJA outcome: adults too
        ("adult_conviction", date(2000, 1, 1), False),
    ],
)
def test_it_refuses_a_ycja_outcome_outside_twelve_to_seventeen(outcome, born, refused):
    assert (youth_outcome_age_error(outcome, born, date(2024, 5, 1)) is not None) is refused
