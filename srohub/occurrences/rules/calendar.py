"""Periods of months and years, counted as the Interpretation Act (R.S.C. 1985, c. I-21) s.28 says."""

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The day ``months`` months after ``start`` — Interpretation Act s.28.

    Count forward from ``start`` the number of months, to the day with the same calendar number,
    or to the last day of that month when it has no such day (31 August + 3 months = 30 November).
    A period "ends" on that day and includes it (DOMAIN.md s.1).
    """
    if months < 0:
        raise ValueError("months must not be negative")
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def add_years(start: date, years: int) -> date:
    """The day ``years`` years after ``start``: twelve months a year — Interpretation Act s.28
    (29 February + 1 year = 28 February)."""
    return add_months(start, 12 * years)
