from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from srohub.occurrences.rules.parental_notice import (
    Content,
    NoticeForm,
    is_overdue,
    method_allowed,
    missing_contents,
    notice_due_at,
    notice_duty_arises,
    notice_duty_for,
    proof_required,
    recipient_allowed,
)

WINNIPEG = ZoneInfo("America/Winnipeg")


@pytest.mark.parametrize(
    ("trigger", "section", "form"),
    [
        ("arrest_detention", "s.26(1)", NoticeForm.ORAL_OR_WRITTEN),
        ("summons", "s.26(2)", NoticeForm.WRITTEN),
        ("appearance_notice", "s.26(2)", NoticeForm.WRITTEN),
        ("undertaking", "s.26(2)", NoticeForm.WRITTEN),
        ("extrajudicial_sanction", "s.11", NoticeForm.ORAL_OR_WRITTEN),
    ],
)
def test_it_creates_the_duty_each_trigger_calls_for(trigger, section, form):
    duty = notice_duty_for(trigger)
    assert (duty.section, duty.form) == (section, form)


def test_it_requires_the_contents_of_section_26_6():
    duty = notice_duty_for("summons")
    assert set(duty.contents) == {Content.NAME, Content.CHARGE, Content.APPEARANCE, Content.RIGHT_TO_COUNSEL}
    assert Content.DETENTION_PLACE_AND_REASON in notice_duty_for("arrest_detention").contents
    assert missing_contents(duty, {"name", "charge"}) == (Content.APPEARANCE, Content.RIGHT_TO_COUNSEL)


@pytest.mark.parametrize(
    ("trigger", "first_appearance", "arises"),
    [
        ("summons", date(2025, 12, 31), True),  # 19 the day before the 20th birthday
        ("summons", date(2026, 1, 1), False),  # 20 at first appearance: s.26(12)
        ("arrest_detention", date(2026, 1, 1), False),
        ("extrajudicial_sanction", date(2026, 1, 1), True),  # s.26(12) does not reach s.11
    ],
)
def test_it_lifts_the_duty_at_twenty_at_first_appearance(trigger, first_appearance, arises):
    assert (notice_duty_arises(trigger, date(2006, 1, 1), first_appearance) is not None) is arises


@pytest.mark.parametrize(
    ("triggered", "days", "due"),
    [
        # 23:30 local (CDT) on 10 March is 04:30 UTC on 11 March: the local day decides.
        (datetime(2025, 3, 11, 4, 30, tzinfo=UTC), 0, datetime(2025, 3, 11, 0, 0, tzinfo=WINNIPEG)),
        (datetime(2025, 3, 10, 15, 0, tzinfo=UTC), 0, datetime(2025, 3, 11, 0, 0, tzinfo=WINNIPEG)),
        (datetime(2025, 3, 10, 15, 0, tzinfo=UTC), 2, datetime(2025, 3, 13, 0, 0, tzinfo=WINNIPEG)),
    ],
)
def test_it_makes_notice_due_by_the_end_of_the_configured_day(triggered, days, due):
    assert notice_due_at(triggered, deadline_days=days, tz=WINNIPEG) == due


def test_it_is_overdue_only_past_the_deadline_and_while_not_given():
    due = datetime(2025, 3, 11, tzinfo=WINNIPEG)
    assert not is_overdue(due, datetime(2025, 3, 10, 23, 59, tzinfo=WINNIPEG), None)
    assert is_overdue(due, due, None)
    assert not is_overdue(due, due, given_at=datetime(2025, 3, 10, 12, tzinfo=WINNIPEG))


@pytest.mark.parametrize(
    ("recipient", "parent_available", "allowed"),
    [
        ("parent", True, True),
        ("guardian", True, True),
        ("adult_relative", True, False),
        ("adult_relative", False, True),
        ("other_adult", False, True),
    ],
)
def test_it_turns_to_another_adult_only_when_no_parent_is_available(recipient, parent_available, allowed):
    assert recipient_allowed(recipient, parent_available=parent_available) is allowed


@pytest.mark.parametrize(
    ("form", "method", "allowed", "proof"),
    [
        ("written", "oral_phone", False, False),
        ("written", "written_delivery", True, True),
        ("oral_or_written", "oral_in_person", True, False),
        ("oral_or_written", "written_in_person", True, True),
    ],
)
def test_it_requires_writing_and_proof_where_the_act_does(form, method, allowed, proof):
    assert method_allowed(form, method) is allowed
    assert proof_required(method) is proof
