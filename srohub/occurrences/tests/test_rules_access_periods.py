from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from srohub.occurrences.rules.access_periods import (
    AccessPeriod,
    LaterOffence,
    MissingDateError,
    Outcome,
    OutcomeDates,
    PeriodStatus,
    access_period,
    is_past_period,
    later_summary_offence_period_end,
    record_period_end,
)

D = OutcomeDates


@pytest.mark.parametrize(
    ("outcome", "dates", "end", "provision"),
    [
        ("extrajudicial_sanction", D(consent_date=date(2024, 2, 29)), date(2026, 2, 28), "s.119(2)(a)"),
        ("acquittal", D(appeal_period_end=date(2024, 8, 31)), date(2024, 10, 31), "s.119(2)(b)"),
        (
            "acquittal",
            D(appeal_period_end=date(2024, 8, 31), appeal_completed=date(2025, 8, 31)),
            date(2025, 11, 30),
            "s.119(2)(b)",
        ),  # appealed: 3 months after the appeal ends
        ("dismissal", D(decision_date=date(2024, 12, 31)), date(2025, 2, 28), "s.119(2)(c)"),
        ("withdrawal", D(decision_date=date(2024, 1, 15)), date(2024, 3, 15), "s.119(2)(c)"),
        ("reprimand", D(finding_date=date(2023, 12, 31)), date(2024, 2, 29), "s.119(2)(c)"),
        ("stay", D(stay_date=date(2024, 2, 29)), date(2025, 2, 28), "s.119(2)(d)"),
        ("peace_bond", D(order_expiry=date(2024, 8, 31)), date(2025, 2, 28), "s.119(2)(d.1)"),
        ("absolute_discharge", D(finding_date=date(2024, 3, 1)), date(2025, 3, 1), "s.119(2)(e)"),
        ("conditional_discharge", D(finding_date=date(2024, 2, 29)), date(2027, 2, 28), "s.119(2)(f)"),
        (
            "summary_conviction",
            D(finding_date=date(2023, 1, 1), sentence_completed=date(2024, 2, 29)),
            date(2027, 2, 28),
            "s.119(2)(g)",
        ),
        ("indictable_conviction", D(sentence_completed=date(2024, 2, 29)), date(2029, 2, 28), "s.119(2)(h)"),
    ],
)
def test_it_computes_each_paragraph_on_edge_dates(outcome, dates, end, provision):
    assert access_period(outcome, dates) == AccessPeriod(PeriodStatus.ENDS, end, provision)


@pytest.mark.parametrize("outcome", ["warning", "caution", "referral", "no_further_action"])
def test_it_gives_extrajudicial_measures_no_period_but_restricted_access(outcome):
    period = access_period(outcome, D())
    assert period.status == PeriodStatus.RESTRICTED and period.ends_on is None
    assert period.provision == "s.119(4)" and "s.119(4)" in period.reason


@pytest.mark.parametrize(
    ("outcome", "missing"),
    [
        ("extrajudicial_sanction", "consent_date"),
        ("acquittal", "appeal_period_end"),
        ("dismissal", "decision_date"),
        ("stay", "stay_date"),
        ("peace_bond", "order_expiry"),
        ("conditional_discharge", "finding_date"),
        ("indictable_conviction", "sentence_completed"),
    ],
)
def test_it_names_the_missing_date(outcome, missing):
    with pytest.raises(MissingDateError) as raised:
        access_period(outcome, D())
    assert raised.value.field == missing


def test_it_keeps_a_charge_pending_and_an_adult_conviction_out_of_youth_periods():
    assert access_period("charge", D()).status == PeriodStatus.PENDING
    assert access_period("adult_conviction", D()).status == PeriodStatus.ADULT_RECORD


@pytest.mark.parametrize(
    ("later", "end", "provision"),
    [
        # (i): a summary offence found during the (g) period: the later of the two ends
        (LaterOffence(False, date(2026, 1, 1), date(2026, 6, 30)), date(2029, 6, 30), "s.119(2)(i)"),
        (LaterOffence(False, date(2024, 1, 1), date(2024, 1, 15)), date(2027, 2, 28), "s.119(2)(i)"),
        # (j): an indictable offence: five years after the new sentence
        (LaterOffence(True, date(2027, 2, 28), date(2027, 8, 31)), date(2032, 8, 31), "s.119(2)(j)"),
        # found guilty the day after the period ended: a separate record, no change
        (LaterOffence(True, date(2027, 3, 1), date(2027, 8, 31)), date(2027, 2, 28), "s.119(2)(g)"),
    ],
)
def test_it_extends_a_sentence_period_for_a_new_offence(later, end, provision):
    period = access_period("summary_conviction", D(sentence_completed=date(2024, 2, 29)), later_offence=later)
    assert (period.ends_on, period.provision) == (end, provision)


@pytest.mark.parametrize(
    ("adult_conviction", "status"),
    [
        (date(2029, 2, 28), PeriodStatus.ADULT_RECORD),
        (date(2029, 3, 1), PeriodStatus.ENDS),
        (None, PeriodStatus.ENDS),
    ],
)
def test_it_turns_the_record_adult_on_an_adult_conviction_during_the_period(adult_conviction, status):
    period = access_period(
        "indictable_conviction",
        D(sentence_completed=date(2024, 2, 29)),
        adult_conviction_date=adult_conviction,
    )
    assert period.status == status


def test_it_ends_a_record_with_the_last_subject_and_never_while_one_is_pending():
    ends = [
        AccessPeriod(PeriodStatus.ENDS, date(2025, 1, 1)),
        AccessPeriod(PeriodStatus.ENDS, date(2026, 1, 1)),
    ]
    restricted = AccessPeriod(PeriodStatus.RESTRICTED)
    assert record_period_end([*ends, restricted]) == date(2026, 1, 1)
    assert record_period_end([*ends, AccessPeriod(PeriodStatus.PENDING)]) is None
    assert record_period_end([restricted]) is None


@pytest.mark.parametrize(("on", "past"), [(date(2025, 2, 28), False), (date(2025, 3, 1), True)])
def test_it_includes_the_last_day_in_the_period(on, past):
    assert is_past_period(date(2025, 2, 28), on) is past
    assert is_past_period(None, on) is False


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(st.sampled_from([o for o in Outcome if o not in {"charge", "adult_conviction"}]), dates)
def test_it_never_ends_a_period_before_the_date_it_counts_from(outcome, day):
    period = access_period(outcome, OutcomeDates(**dict.fromkeys(OutcomeDates.field_names(), day)))
    assert period.ends_on is None or period.ends_on > day


@given(dates, dates)
def test_it_takes_the_later_of_two_dates_under_paragraph_i(first_end, later_sentence):
    end = later_summary_offence_period_end(first_end, later_sentence)
    assert end >= first_end and end > later_sentence
    assert end in {
        first_end,
        access_period("summary_conviction", D(sentence_completed=later_sentence)).ends_on,
    }
