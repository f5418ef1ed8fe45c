"""Disclosure of youth-record information to a school — YCJA s.125(6)–(8)."""

from datetime import date, timedelta
from enum import StrEnum

from srohub.occurrences.rules.access_periods import is_past_period


class DisclosurePurpose(StrEnum):
    """YCJA s.125(6): the only purposes for which a peace officer may share with a school."""

    COURT_ORDER = "court_order"  # (a) to ensure compliance with a court order
    SAFETY = "safety"  # (b) to ensure the safety of staff, students or other persons
    REHABILITATION = "rehabilitation"  # (c) to facilitate the rehabilitation of the young person


def disclosure_allowed(purpose: str, *, on: date, period_end: date | None) -> bool:
    """YCJA s.125(6) and s.125(8): one of the three purposes, and not after the access period."""
    return purpose in {p.value for p in DisclosurePurpose} and not is_past_period(period_end, on)


def visible_to_recipient(*, on: date, period_end: date | None, destroyed_on: date | None) -> bool:
    """YCJA s.125(7)–(8): the school keeps it apart and destroys it when no longer needed; after
    the access period nothing of it may be disclosed, so the school no longer sees it."""
    return destroyed_on is None and not is_past_period(period_end, on)


def destruction_reminder_due(
    *, disclosed_on: date, last_reminded_on: date | None, today: date, interval_days: int
) -> bool:
    """YCJA s.125(7)(c): the school must destroy the information when it is no longer needed;
    until it confirms, remind the recipient every ``interval_days`` days (a program setting)."""
    since = last_reminded_on or disclosed_on
    return today >= since + timedelta(days=interval_days)
