"""The drill rules as pure functions of plain values: school years and terms, a school's compliance
for one drill type, reminder and overdue notices, sweep timings and the retention period.

Sources: DOMAIN.md section 2 (the provincial and division requirements shipped as presets in
``presets.py``); "time to secure" is SRO Hub's own measure, not a standard.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
FIRST_MONTH_OF_SCHOOL_YEAR = 7  # July: a school year runs July 1 to June 30
DUE_SOON_DAYS = 30
CLOCK_TOLERANCE = timedelta(minutes=5)  # how far a phone's clock may run ahead of the server's


class Status(models.TextChoices):
    """A requirement's state, worst last (``WORST_FIRST`` orders them for a summary)."""

    MET = "met", gettext_lazy("Met")
    ON_TRACK = "on_track", gettext_lazy("On track")
    DUE_SOON = "due_soon", gettext_lazy("Due soon")
    OVERDUE = "overdue", gettext_lazy("Overdue")


SEVERITY = {Status.MET: 0, Status.ON_TRACK: 1, Status.DUE_SOON: 2, Status.OVERDUE: 3}


# ---------------------------------------------------------------- school years and terms


def school_year_of(day: date) -> str:
    """The school year ``day`` falls in, as "2025-2026" (July 1 to June 30)."""
    start = day.year if day.month >= FIRST_MONTH_OF_SCHOOL_YEAR else day.year - 1
    return f"{start}-{start + 1}"


def school_year_start(school_year: str) -> int:
    """The first calendar year of "2025-2026"; ValueError for anything else."""
    match = SCHOOL_YEAR.match(school_year or "")
    if not match or int(match[2]) != int(match[1]) + 1 or not 1900 < int(match[1]) < 2200:
        raise ValueError(_("Enter a school year such as 2025-2026."))
    return int(match[1])


def school_year_bounds(school_year: str) -> tuple[date, date]:
    start = school_year_start(school_year)
    return date(start, FIRST_MONTH_OF_SCHOOL_YEAR, 1), date(start + 1, FIRST_MONTH_OF_SCHOOL_YEAR - 1, 30)


@dataclass(frozen=True)
class TermWindow:
    key: str
    label: str
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def term_windows(school_year: str, terms: Sequence[dict]) -> list[TermWindow]:
    """The dated terms of a school year from a division's term boundaries ("MM-DD", July–June).

    ValueError when a boundary is malformed, a term ends before it starts, or two terms overlap.
    """
    first_year = school_year_start(school_year)
    if not terms:
        raise ValueError(_("Give at least one term."))
    windows = [_term_window(first_year, term) for term in terms]
    if len({window.key for window in windows}) != len(windows):
        raise ValueError(_("Each term needs its own key."))
    for earlier, later in zip(windows, windows[1:], strict=False):
        if later.start <= earlier.end:
            raise ValueError(
                _("Terms must be in order and must not overlap (%(term)s).") % {"term": later.label}
            )
    return windows


def _term_window(first_year: int, term: dict) -> TermWindow:
    try:
        start, end = _month_day(first_year, term["start"]), _month_day(first_year, term["end"])
        key, label = str(term["key"]).strip(), str(term.get("label") or term["key"]).strip()
    except (KeyError, TypeError) as exc:
        raise ValueError(_("Each term needs a key, a start and an end.")) from exc
    if not key or end < start:
        raise ValueError(_("The term %(term)s ends before it starts.") % {"term": label})
    return TermWindow(key, label, start, end)


def _month_day(first_year: int, text: str) -> date:
    match = MONTH_DAY.match(str(text))
    if not match:
        raise ValueError(_("Write term dates as MM-DD, for example 09-01."))
    month, day = int(match[1]), int(match[2])
    year = first_year if month >= FIRST_MONTH_OF_SCHOOL_YEAR else first_year + 1
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(_("%(text)s is not a date.") % {"text": text}) from exc


# ---------------------------------------------------------------- compliance


@dataclass(frozen=True)
class RequirementSpec:
    """One drill type's requirement for a year (a row of a division's requirement set)."""

    drill_type: str
    per_year: int
    per_term: int = 0
    unannounced: int = 0
    varied_times: bool = False


@dataclass(frozen=True)
class HeldDrill:
    """A completed drill as the rules see it: when it started and whether it was announced."""

    day: date
    at: time
    announced: bool = True


@dataclass(frozen=True)
class Check:
    """One requirement checked: ``key`` is a term key or "year", "unannounced", "varied"."""

    key: str
    required: int
    completed: int
    deadline: date
    status: str
    reason: str


@dataclass(frozen=True)
class Compliance:
    drill_type: str
    status: str
    reason: str
    completed: int
    required: int
    unannounced: int
    unannounced_required: int
    next_due: date | None
    terms: list[Check] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def time_of_day(at: time) -> str:
    """The band a drill's start falls in, for "varied times of day" (EPSB administrative regulation)."""
    if at < time(10, 30):
        return "morning"
    return "midday" if at < time(13, 0) else "afternoon"


def decide_compliance(
    spec: RequirementSpec,
    terms: Sequence[TermWindow],
    drills: Iterable[HeldDrill],
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
) -> Compliance:
    """A school's compliance with one drill type's requirement for a school year.

    Each requirement (per term, per year, unannounced, varied times; DOMAIN.md section 2) is
    met, or unmet with a deadline: overdue once the deadline has passed, due soon within
    ``due_soon_days`` of it, on track before. The type takes the worst of its checks, with their
    reasons in words; ``next_due`` is the nearest deadline still ahead of an unmet check.
    """
    held = sorted(drills, key=lambda d: (d.day, d.at))
    year_end = max(window.end for window in terms)
    judge = _judge(today, due_soon_days)
    # Every term is counted (a page shows what each term held); only a per-term minimum is judged.
    term_checks = [_term_check(spec, window, held, judge) for window in terms]
    checks = [*(term_checks if spec.per_term else []), _year_check(spec, held, year_end, judge)]
    unannounced = sum(1 for d in held if not d.announced)
    if spec.unannounced:
        checks.append(_unannounced_check(spec, unannounced, year_end, judge))
    if spec.varied_times and spec.per_year >= 2:
        checks.append(_varied_check(held, year_end, judge))
    return _summarize(spec, checks, term_checks, len(held), unannounced, today)


def _judge(today: date, due_soon_days: int):
    def status_of(met: bool, deadline: date) -> str:
        if met:
            return Status.MET
        if today > deadline:
            return Status.OVERDUE
        return Status.DUE_SOON if (deadline - today).days <= due_soon_days else Status.ON_TRACK

    return status_of


def _term_check(spec: RequirementSpec, window: TermWindow, held: list[HeldDrill], judge) -> Check:
    done = sum(1 for d in held if window.holds(d.day))
    status = judge(done >= spec.per_term, window.end)
    reason = _("%(term)s: %(done)d of %(required)d done, by %(end)s.") % {
        "term": window.label,
        "done": done,
        "required": spec.per_term,
        "end": window.end.isoformat(),
    }
    return Check(window.key, spec.per_term, done, window.end, status, reason)


def _year_check(spec: RequirementSpec, held: list[HeldDrill], year_end: date, judge) -> Check:
    reason = _("School year: %(done)d of %(required)d done, by %(end)s.") % {
        "done": len(held),
        "required": spec.per_year,
        "end": year_end.isoformat(),
    }
    return Check(
        "year", spec.per_year, len(held), year_end, judge(len(held) >= spec.per_year, year_end), reason
    )


def _unannounced_check(spec: RequirementSpec, unannounced: int, year_end: date, judge) -> Check:
    reason = _("Unannounced: %(done)d of %(required)d done, by %(end)s.") % {
        "done": unannounced,
        "required": spec.unannounced,
        "end": year_end.isoformat(),
    }
    status = judge(unannounced >= spec.unannounced, year_end)
    return Check("unannounced", spec.unannounced, unannounced, year_end, status, reason)


def _varied_check(held: list[HeldDrill], year_end: date, judge) -> Check:
    bands = {time_of_day(d.at) for d in held}
    reason = _(
        "Varied times of day: held at %(count)d of the 2 or more different times needed "
        "(morning, midday, afternoon), by %(end)s."
    ) % {"count": len(bands), "end": year_end.isoformat()}
    return Check("varied", 2, len(bands), year_end, judge(len(bands) >= 2, year_end), reason)


def _summarize(spec, checks, term_checks, completed, unannounced, today) -> Compliance:
    worst = max((c.status for c in checks), key=SEVERITY.__getitem__)
    if worst == Status.MET:
        reason = _("All requirements met: %(done)d held of %(required)d required.") % {
            "done": completed,
            "required": spec.per_year,
        }
    else:
        reason = " ".join(c.reason for c in checks if c.status == worst)
    ahead = [c.deadline for c in checks if c.status != Status.MET and c.deadline >= today]
    return Compliance(
        drill_type=spec.drill_type,
        status=worst,
        reason=reason,
        completed=completed,
        required=spec.per_year,
        unannounced=unannounced,
        unannounced_required=spec.unannounced,
        next_due=min(ahead, default=None),
        terms=term_checks,
        checks=checks,
    )


# ---------------------------------------------------------------- reminders and overdue notices


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", gettext_lazy("Reminder")
    OVERDUE = "overdue", gettext_lazy("Overdue notice")


@dataclass(frozen=True)
class NoticeDue:
    drill_type: str
    check_key: str
    kind: str
    deadline: date
    reason: str


def notices_due(
    compliance: Compliance,
    today: date,
    *,
    lead_days: int,
    interval_days: int,
    last_sent: dict[tuple[str, str, date], date],
) -> list[NoticeDue]:
    """The notices to send today for one school and drill type (division configuration).

    A reminder once, ``lead_days`` before an unmet requirement falls due; after the deadline an
    overdue notice, repeated every ``interval_days``. ``last_sent`` maps (check key, kind,
    deadline) to the day that notice was last sent.
    """
    due = []
    for check in compliance.checks:
        if check.status == Status.MET:
            continue
        kind = NoticeKind.OVERDUE if today > check.deadline else NoticeKind.REMINDER
        last = last_sent.get((check.key, kind, check.deadline))
        if kind == NoticeKind.REMINDER:
            send = last is None and (check.deadline - today).days <= lead_days
        else:
            send = last is None or (today - last).days >= interval_days
        if send:
            due.append(NoticeDue(compliance.drill_type, check.key, kind, check.deadline, check.reason))
    return due


# ---------------------------------------------------------------- conducting a drill


@dataclass(frozen=True)
class RoomResult:
    space_id: int
    checked_at: datetime
    secure: bool


@dataclass(frozen=True)
class SweepTiming:
    rooms: int
    checked: int
    secure: int
    time_to_sweep: timedelta | None
    time_to_secure: timedelta | None
    time_to_all_clear: timedelta | None


def sweep_timing(
    started_at: datetime | None,
    all_clear_at: datetime | None,
    space_ids: Iterable[int],
    results: Iterable[RoomResult],
) -> SweepTiming:
    """Time to sweep (start to the last room checked), time to secure (start to the last room found
    secure, only when every room was) and time to all-clear. SRO Hub's own measures (DOMAIN.md s.2).

    A phone's clock may run slightly behind the start: durations never go below zero.
    """
    rooms = set(space_ids)
    results = [r for r in results if r.space_id in rooms]
    checked = {r.space_id for r in results}
    secure = sum(1 for r in results if r.secure)
    last = max((r.checked_at for r in results), default=None)
    complete = started_at is not None and bool(rooms) and checked == rooms

    def since_start(moment):
        return max(moment - started_at, timedelta(0)) if moment and started_at else None

    return SweepTiming(
        rooms=len(rooms),
        checked=len(checked),
        secure=secure,
        time_to_sweep=since_start(last) if complete else None,
        time_to_secure=since_start(last) if complete and secure == len(rooms) else None,
        time_to_all_clear=since_start(all_clear_at),
    )


def checked_at_problem(started_at: datetime | None, checked_at: datetime, now: datetime) -> str | None:
    """Why a room's time cannot be right, or None: a room is checked after the drill started and
    not in the future (a phone's clock may be off by ``CLOCK_TOLERANCE``)."""
    if started_at is None:
        return _("Start the drill before recording rooms.")
    if checked_at < started_at - CLOCK_TOLERANCE:
        return _("A room cannot be checked before the drill started.")
    if checked_at > now + CLOCK_TOLERANCE:
        return _("A room cannot be checked in the future.")
    return None


def retention_cutoff(today: date, retention_years: int) -> date:
    """Drills held before this day are past a ``retention_years`` retention period
    (Edmonton Public keeps drill records 3 years; DOMAIN.md section 2)."""
    try:
        return today.replace(year=today.year - retention_years)
    except ValueError:  # February 29 in a year without one
        return today.replace(year=today.year - retention_years, day=28)


def format_duration(duration: timedelta | None) -> str:
    """ "4 min 05 s" for a page or an export; an em dash when there is no measure."""
    if duration is None:
        return "—"
    seconds = int(duration.total_seconds())
    return f"{seconds // 60} min {seconds % 60:02d} s"
