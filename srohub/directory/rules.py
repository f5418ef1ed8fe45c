"""Pure rules of the directory: no database, plain values in and out."""

from datetime import date


def periods_overlap(start_a: date, end_a: date | None, start_b: date, end_b: date | None) -> bool:
    """Whether two closed date periods share at least one day; an open end runs forever."""
    a_before_b_ends = end_b is None or start_a <= end_b
    b_before_a_ends = end_a is None or start_b <= end_a
    return a_before_b_ends and b_before_a_ends


def years_of_service(service_start: date, on: date) -> int:
    """Whole years of police service completed on ``on`` (an anniversary counts on its day)."""
    years = on.year - service_start.year
    if (on.month, on.day) < (service_start.month, service_start.day):
        years -= 1
    return max(years, 0)
