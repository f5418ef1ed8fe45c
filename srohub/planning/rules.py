"""Pure rules of presence planning: school calendars, demand from need, the horizon. No database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from math import floor

MONDAY, FRIDAY = 0, 4
# Statutory holidays that close schools, by province, beyond the national ones (New Year's Day,
# Good Friday, Victoria Day, Canada Day, Labour Day, Thanksgiving, Christmas, Boxing Day).
# Sources: Manitoba Employment Standards Code s.21 (Louis Riel Day, Truth and Reconciliation Day
# from 2023, Remembrance Day); Alberta Employment Standards Code s.1(1)(p) (Family Day, Remembrance
# Day); Ontario ESA 2000 s.1 (Family Day). Provinces not listed get the national set: edit the data.
PROVINCIAL_HOLIDAYS = {
    "MB": ("family_day", "truth_reconciliation", "remembrance"),
    "AB": ("family_day", "remembrance"),
    "ON": ("family_day",),
    "BC": ("family_day", "truth_reconciliation", "remembrance"),
    "SK": ("family_day", "remembrance"),
}


@dataclass(frozen=True)
class Closure:
    start: date
    end: date
    kind: str  # holiday | pd_day | break | closure
    label: str

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th given weekday of a month (n = 1 for the first)."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _victoria_day(year: int) -> date:
    """The Monday before 25 May (Holidays Act, R.S.C. 1985, c. H-5, s.2)."""
    may24 = date(year, 5, 24)
    return may24 - timedelta(days=may24.weekday())


def default_closures(province: str, school_year: int) -> list[Closure]:
    """The default calendar of the school year starting in September of ``school_year``.

    Mon–Fri are school days except: summer (1 July to Labour Day), statutory holidays (national,
    plus the province's in PROVINCIAL_HOLIDAYS), a winter break (21 December to 2 January) and a
    spring break (the last full Monday–Friday week of March). It is a starting point: divisions
    edit the generated data (PD days, their actual break dates).
    """
    fall, spring = school_year, school_year + 1
    labour_day = nth_weekday(fall, 9, MONDAY, 1)
    good_friday = easter_sunday(spring) - timedelta(days=2)
    spring_break = nth_weekday(spring, 3, MONDAY, 1) + timedelta(weeks=3)
    if spring_break + timedelta(days=4) > date(spring, 3, 31):
        spring_break -= timedelta(weeks=1)
    closures = [
        Closure(date(fall, 7, 1), labour_day, "break", "Summer break"),
        Closure(
            nth_weekday(fall, 10, MONDAY, 2), nth_weekday(fall, 10, MONDAY, 2), "holiday", "Thanksgiving"
        ),
        Closure(date(fall, 12, 21), date(spring, 1, 2), "break", "Winter break"),
        Closure(spring_break, spring_break + timedelta(days=4), "break", "Spring break"),
        Closure(good_friday, good_friday, "holiday", "Good Friday"),
        Closure(_victoria_day(spring), _victoria_day(spring), "holiday", "Victoria Day"),
        Closure(date(spring, 7, 1), date(spring, 7, 1), "holiday", "Canada Day"),
    ]
    extra = {
        "family_day": Closure(
            nth_weekday(spring, 2, MONDAY, 3),
            nth_weekday(spring, 2, MONDAY, 3),
            "holiday",
            "Family Day / Louis Riel Day",
        ),
        "truth_reconciliation": Closure(
            date(fall, 9, 30), date(fall, 9, 30), "holiday", "National Day for Truth and Reconciliation"
        ),
        "remembrance": Closure(date(fall, 11, 11), date(fall, 11, 11), "holiday", "Remembrance Day"),
    }
    closures += [extra[name] for name in PROVINCIAL_HOLIDAYS.get(province, ())]
    return sorted(closures, key=lambda c: c.start)


def school_year_of(day: date) -> int:
    """The school year a day belongs to, named by its September (July–June)."""
    return day.year if day.month >= 7 else day.year - 1


def school_days(start: date, end: date, closures) -> list[date]:
    """Weekdays from ``start`` to ``end`` (inclusive) not covered by a closure."""
    days, day = [], start
    while day <= end:
        if day.weekday() <= FRIDAY and not any(c.covers(day) for c in closures):
            days.append(day)
        day += timedelta(days=1)
    return days


def horizon_end(start: date, weeks: int, closures) -> date:
    """The last day of a horizon of ``weeks`` school weeks from ``start`` (weeks with no school
    day, such as a break, are not counted)."""
    counted, day, last = 0, start, start
    while counted < weeks:
        week_end = day + timedelta(days=6 - day.weekday())
        if school_days(day, week_end, closures):
            counted += 1
            last = week_end - timedelta(days=2) if week_end - timedelta(days=2) >= day else week_end
        day = week_end + timedelta(days=1)
        if (day - start).days > 7 * 60:
            break  # a calendar with no school for a year: stop rather than loop
    return last


@dataclass(frozen=True)
class NeedWeights:
    """Half-days a week by level, plus enrolment and enforcement adjustments (PlanningSettings)."""

    elementary: Decimal = Decimal("0.5")
    junior_high: Decimal = Decimal("1")
    senior_high: Decimal = Decimal("2")
    per_500_students: Decimal = Decimal("0.5")
    per_enforcement: Decimal = Decimal("0.1")

    @classmethod
    def of(cls, config) -> NeedWeights:
        """The weights of a program's PlanningSettings, as Decimals whether the settings were read
        from the database (Decimals) or are unsaved defaults (which may be ints or floats)."""
        names = ("elementary", "junior_high", "senior_high")
        values = [getattr(config, f"{name}_per_week") for name in names]
        values += [config.per_500_students, config.per_enforcement]
        return cls(*(Decimal(str(value)) for value in values))


def need_per_week(level: str, enrolment: int, enforcement_count: int, weights: NeedWeights) -> Decimal:
    """A school's need for presence in half-days a week (program policy, configurable per program).

    Base by level (a K–12 school counts as senior high), +``per_500_students`` for each full 500
    students above the first 500, +``per_enforcement`` per recent enforcement outcome (cautions,
    sanctions, charges) — capped at 10 half-days, a full week.
    """
    base = {"elementary": weights.elementary, "junior_high": weights.junior_high}.get(
        level, weights.senior_high
    )
    extra_students = max(0, enrolment - 500) // 500
    need = base + weights.per_500_students * extra_students + weights.per_enforcement * enforcement_count
    return min(Decimal(10), need)


def visits_in_horizon(per_week: Decimal | float | None, school_day_count: int) -> int:
    """Half-day visits in a horizon of ``school_day_count`` days for a weekly rate (5 days a week)."""
    if not per_week or school_day_count <= 0:
        return 0
    return floor(Decimal(str(per_week)) * school_day_count / 5 + Decimal("0.5"))


def demand_per_week(*, need: Decimal, requested: Decimal | None, target: Decimal | None) -> Decimal:
    """The weekly demand the planner aims for: the supervisor's target when set, else the school's
    request when set, else the need score."""
    if target is not None:
        return target
    if requested is not None:
        return requested
    return need


def may_cover_school(*, school_language: str, speaks_french: bool) -> bool:
    """A French-language school is covered by a French-speaking officer.

    Source: the program's bilingual principle (PRODUCT.md, "Bilingual and accessible": a francophone
    division is a partner in Calgary) and the issue's territory-design rule "French-language schools
    covered by French-speaking officers"; the same rule the territory designer applies.
    """
    return school_language != "fr" or speaks_french
