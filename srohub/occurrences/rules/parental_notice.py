"""Notice to a parent — YCJA s.26 (arrest, summons, appearance notice, undertaking) and s.11
(extrajudicial sanction)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from srohub.people.rules import parental_notice_applies


class NoticeTrigger(StrEnum):
    """What creates a notice duty."""

    ARREST_DETENTION = "arrest_detention"
    SUMMONS = "summons"
    APPEARANCE_NOTICE = "appearance_notice"
    UNDERTAKING = "undertaking"
    EXTRAJUDICIAL_SANCTION = "extrajudicial_sanction"


class NoticeForm(StrEnum):
    ORAL_OR_WRITTEN = "oral_or_written"
    WRITTEN = "written"


class NoticeMethod(StrEnum):
    ORAL_IN_PERSON = "oral_in_person"
    ORAL_PHONE = "oral_phone"
    WRITTEN_IN_PERSON = "written_in_person"
    WRITTEN_DELIVERY = "written_delivery"


WRITTEN_METHODS = frozenset({NoticeMethod.WRITTEN_IN_PERSON, NoticeMethod.WRITTEN_DELIVERY})


class Recipient(StrEnum):
    PARENT = "parent"
    GUARDIAN = "guardian"
    ADULT_RELATIVE = "adult_relative"
    OTHER_ADULT = "other_adult"


PARENTS = frozenset({Recipient.PARENT, Recipient.GUARDIAN})


class Content(StrEnum):
    """What a notice must say."""

    NAME = "name"  # s.26(6)(a)
    CHARGE = "charge"  # s.26(6)(b)
    APPEARANCE = "appearance"  # s.26(6)(c): time and place of appearance
    RIGHT_TO_COUNSEL = "right_to_counsel"  # s.26(6)(d)
    DETENTION_PLACE_AND_REASON = "detention_place_and_reason"  # s.26(1)
    SANCTION = "sanction"  # s.11: the sanction used


@dataclass(frozen=True)
class NoticeDuty:
    section: str
    form: NoticeForm
    contents: tuple[Content, ...]


_S26_6 = (Content.NAME, Content.CHARGE, Content.APPEARANCE, Content.RIGHT_TO_COUNSEL)
_SUMMONS_LIKE = frozenset({NoticeTrigger.SUMMONS, NoticeTrigger.APPEARANCE_NOTICE, NoticeTrigger.UNDERTAKING})


def notice_duty_for(trigger: str) -> NoticeDuty:
    """The duty a trigger creates.

    - YCJA s.26(1): arrested and detained — notice as soon as possible, orally or in writing, with
      the place of detention and the reason for the arrest;
    - s.26(2): summons, appearance notice or undertaking — notice in writing, as soon as possible;
    - s.26(6): a s.26 notice names the young person, the charge, the time and place of appearance,
      and states the right to counsel;
    - s.11: an extrajudicial sanction — the program shall inform a parent of the sanction.
    """
    trigger = NoticeTrigger(trigger)
    if trigger == NoticeTrigger.ARREST_DETENTION:
        return NoticeDuty(
            "s.26(1)", NoticeForm.ORAL_OR_WRITTEN, (Content.DETENTION_PLACE_AND_REASON, *_S26_6)
        )
    if trigger in _SUMMONS_LIKE:
        return NoticeDuty("s.26(2)", NoticeForm.WRITTEN, _S26_6)
    return NoticeDuty("s.11", NoticeForm.ORAL_OR_WRITTEN, (Content.NAME, Content.SANCTION))


def notice_duty_arises(trigger: str, date_of_birth: date, first_appearance: date) -> NoticeDuty | None:
    """The duty, or None when YCJA s.26(12) lifts it: a s.26 notice is not required for a person
    twenty or older at their first appearance (``first_appearance``: its date, or the day the duty
    would arise when not yet known). s.26(12) does not reach s.11."""
    duty = notice_duty_for(trigger)
    if duty.section.startswith("s.26") and not parental_notice_applies(date_of_birth, first_appearance):
        return None
    return duty


def notice_due_at(triggered_at: datetime, *, deadline_days: int, tz: tzinfo) -> datetime:
    """When "as soon as possible" (s.26(1), s.26(2)) is overdue, as a program setting: the end of
    the local day the duty arose, plus ``deadline_days`` days (0: the same day)."""
    if deadline_days < 0:
        raise ValueError("deadline_days must not be negative")
    local_day = triggered_at.astimezone(tz).date()
    return datetime.combine(local_day + timedelta(days=deadline_days + 1), time.min, tzinfo=tz)


def is_overdue(due_at: datetime, now: datetime, given_at: datetime | None) -> bool:
    """A duty not yet done whose deadline has passed (escalated to the supervisor)."""
    return given_at is None and now >= due_at


def recipient_allowed(recipient: str, *, parent_available: bool) -> bool:
    """YCJA s.26(4): notice goes to a parent; only when no parent is available, to an adult
    relative, or to another appropriate adult who knows the young person."""
    return Recipient(recipient) in PARENTS or not parent_available


def method_allowed(form: str, method: str) -> bool:
    """YCJA s.26(2): a summons, appearance notice or undertaking needs written notice."""
    return NoticeForm(form) != NoticeForm.WRITTEN or NoticeMethod(method) in WRITTEN_METHODS


def proof_required(method: str) -> bool:
    """YCJA s.26(8): written notice is served in person or delivered with confirmation of receipt:
    either way the officer records the proof."""
    return NoticeMethod(method) in WRITTEN_METHODS


def missing_contents(duty: NoticeDuty, given: set[str]) -> tuple[Content, ...]:
    """What the notice still lacks of what s.26(6) / s.26(1) / s.11 require."""
    return tuple(c for c in duty.contents if c not in given)
