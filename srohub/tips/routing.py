"""The database edge of routing: gather the inputs of the pure rules (rules.py) for one tip.

Availability: the officer's directory status, and leave recorded in the planning app when it is
installed (read in the same query as the assignments, see ``_school_officers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db.models import Exists, FilteredRelation, OuterRef, Value

from srohub.core.compiled import CompiledQuery
from srohub.directory.models import School, assignment_in_force
from srohub.tips import rules
from srohub.tips.conf import setting


@dataclass(frozen=True)
class Routing:
    """What routing decided for a new tip: the school (if resolved), the candidates, the target.
    ``school_found`` is False only when a given school id names no school of the program."""

    school_id: int | None
    candidates: tuple[rules.Candidate, ...]
    target: rules.Target
    school_found: bool = True

    def candidates_json(self) -> list[dict]:
        return [{"school_id": c.school_id, "score": c.score} for c in self.candidates]


def route_new_tip(*, program_id: int, school_id: int | None, school_text: str, on: date) -> Routing:
    """Resolve the school (given, or matched from text) and decide where the tip goes on ``on``.
    A given school id is checked against the program by the same query that finds its officers."""
    candidates: tuple[rules.Candidate, ...] = ()
    if school_id is None and school_text.strip():
        match = rules.match_school(
            school_text,
            school_texts(program_id),
            threshold=setting("SROHUB_TIPS_MATCH_THRESHOLD"),
            margin=setting("SROHUB_TIPS_MATCH_MARGIN"),
        )
        candidates, school_id = match.candidates, match.school_id
    if school_id is None:
        return Routing(None, candidates, rules.route_tip(school_id=None, primary=None, backup=None))
    officers = _school_officers(program_id, school_id, on)
    if officers is None:
        return Routing(None, candidates, rules.TRIAGE_QUEUE, school_found=False)
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


def _school_officers(program_id: int, school_id: int, on: date) -> dict[str, rules.OfficerOnDate] | None:
    """{"primary": …, "backup": …} of the program's school on ``on`` with their availability, in one
    query — or None when the program has no such school: the earliest-started assignment of each
    role (as ``directory.selectors.assignments_on``), the officer's status, and whether they are on
    leave that day.

    Leave is read in the same query rather than through ``planning.selectors.officer_available_on``
    (two more queries per officer on every incoming tip): that function's only answer routing acts
    on is False, "on leave"; its True (a published plan covers the day) and None route alike."""
    rows = SCHOOL_OFFICERS.rows(program_id=program_id, school_id=school_id, on=on)
    if not rows:
        return None
    found: dict[str, rules.OfficerOnDate] = {}
    for role, officer_id, status, on_leave in rows:
        if role is None:  # the school, without an assignment in force that day
            continue
        planned = False if on_leave else None
        found.setdefault(
            role, rules.OfficerOnDate(officer_id, rules.officer_is_available(status=status, planned=planned))
        )
    return found


def _school_officers_query(program_id: int, school_id: int, on: date):
    """The school (one row even without officers) with each assignment in force on ``on``."""
    return (
        School.objects.filter(pk=school_id, program_id=program_id)
        .annotate(in_force=FilteredRelation("assignments", condition=assignment_in_force(on, "assignments")))
        .annotate(on_leave=_on_leave(on, officer="in_force__officer_id"))
        .order_by("in_force__start_date", "in_force__pk")
        .values_list("in_force__role", "in_force__officer_id", "in_force__officer__status", "on_leave")
    )


# Compiled once: on every incoming tip, building these querysets cost several times their execution.
SCHOOL_OFFICERS = CompiledQuery(_school_officers_query, program_id=int, school_id=int, on=date)
SCHOOL_TEXTS = CompiledQuery(_school_texts_query, program_id=int)


def _on_leave(on: date, officer: str = "officer_id"):
    """An expression: the officer (``officer``, a field path) is on leave on ``on`` (False without
    the planning app)."""
    if not apps.is_installed("srohub.planning"):
        return Value(False)
    from srohub.planning.selectors import leave_in_force  # only when the planning app is installed

    return Exists(leave_in_force(on).filter(officer_id=OuterRef(officer)))


def backup_of(program_id: int, school_id: int | None, on: date) -> rules.OfficerOnDate | None:
    """The school's backup SRO on ``on`` with their availability (for the escalation chain)."""
    if school_id is None:
        return None
    return (_school_officers(program_id, school_id, on) or {}).get("backup")
