"""The database edge of routing: gather the inputs of the pure rules (rules.py) for one tip.

Availability: the officer's directory status, and leave recorded in the planning app when it is
installed (read in the same query as the assignments, see ``_school_officers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db.models import Exists, OuterRef, Value

from srohub.core.compiled import CompiledQuery
from srohub.directory.models import Assignment, School
from srohub.tips import rules
from srohub.tips.conf import setting


@dataclass(frozen=True)
class Routing:
    """What routing decided for a new tip: the school (if resolved), the candidates, the target."""

    school_id: int | None
    candidates: tuple[rules.Candidate, ...]
    target: rules.Target

    def candidates_json(self) -> list[dict]:
        return [{"school_id": c.school_id, "score": c.score} for c in self.candidates]


def route_new_tip(*, program_id: int, school_id: int | None, school_text: str, on: date) -> Routing:
    """Resolve the school (given, or matched from text) and decide where the tip goes on ``on``."""
    candidates: tuple[rules.Candidate, ...] = ()
    if school_id is None and school_text.strip():
        match = rules.match_school(
            school_text,
            school_texts(program_id),
            threshold=setting("SROHUB_TIPS_MATCH_THRESHOLD"),
            margin=setting("SROHUB_TIPS_MATCH_MARGIN"),
        )
        candidates, school_id = match.candidates, match.school_id
    officers = _school_officers(school_id, on) if school_id is not None else {}
    target = rules.route_tip(school_id=school_id, primary=officers.get("primary"), backup=officers.get("backup"))
    return Routing(school_id, candidates, target)


def school_texts(program_id: int) -> list[rules.SchoolText]:
    """Every active school of the program with the texts a tipster may use for it."""
    rows = SCHOOL_TEXTS.rows(program_id=program_id)
    return [rules.SchoolText(pk, (name, short, address)) for pk, name, short, address in rows]


def _school_texts_query(program_id: int):
    return School.objects.filter(program_id=program_id, is_active=True).values_list(
        "pk", "name", "short_name", "address"
    )


def _school_officers(school_id: int, on: date) -> dict[str, rules.OfficerOnDate]:
    """{"primary": …, "backup": …} of the school on ``on`` with their availability, in one query:
    the earliest-started assignment of each role (as ``directory.selectors.assignments_on``), the
    officer's status, and whether they are on leave that day.

    Leave is read in the same query rather than through ``planning.selectors.officer_available_on``
    (two more queries per officer on every incoming tip): that function's only answer routing acts
    on is False, "on leave"; its True (a published plan covers the day) and None route alike."""
    found: dict[str, rules.OfficerOnDate] = {}
    for role, officer_id, status, on_leave in SCHOOL_OFFICERS.rows(school_id=school_id, on=on):
        planned = False if on_leave else None
        found.setdefault(
            role, rules.OfficerOnDate(officer_id, rules.officer_is_available(status=status, planned=planned))
        )
    return found


def _school_officers_query(school_id: int, on: date):
    return (
        Assignment.objects.active_on(on)
        .filter(school_id=school_id)
        .annotate(on_leave=_on_leave(on))
        .order_by("start_date", "pk")
        .values_list("role", "officer_id", "officer__status", "on_leave")
    )


# Compiled once: on every incoming tip, building these querysets cost several times their execution.
SCHOOL_OFFICERS = CompiledQuery(_school_officers_query, school_id=int, on=date)
SCHOOL_TEXTS = CompiledQuery(_school_texts_query, program_id=int)


def _on_leave(on: date):
    """An expression: the assignment's officer is on leave on ``on`` (False without the planning app)."""
    if not apps.is_installed("srohub.planning"):
        return Value(False)
    from srohub.planning.selectors import leave_in_force  # only when the planning app is installed

    return Exists(leave_in_force(on).filter(officer_id=OuterRef("officer_id")))


def backup_of(school_id: int | None, on: date) -> rules.OfficerOnDate | None:
    """The school's backup SRO on ``on`` with their availability (for the escalation chain)."""
    return _school_officers(school_id, on).get("backup") if school_id is not None else None
