"""The database edge of routing: gather the inputs of the pure rules (rules.py) for one tip.

Availability comes from the planning app when it is installed and knows the date
(``srohub.planning.selectors.officer_available_on``), else from the officer's directory status.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date

from django.apps import apps

from srohub.directory.models import Assignment, Officer, School
from srohub.tips import rules
from srohub.tips.conf import setting


@dataclass(frozen=True)
class Routing:
    """What routing decided for a new tip: the school (if resolved), the candidates, the target."""

    school: School | None
    candidates: tuple[rules.Candidate, ...]
    target: rules.Target

    def candidates_json(self) -> list[dict]:
        return [{"school_id": c.school_id, "score": c.score} for c in self.candidates]


def route_new_tip(*, program, school: School | None, school_text: str, on: date) -> Routing:
    """Resolve the school (given, or matched from text) and decide where the tip goes on ``on``."""
    candidates: tuple[rules.Candidate, ...] = ()
    if school is None and school_text.strip():
        match = rules.match_school(
            school_text,
            school_texts(program.pk),
            threshold=setting("SROHUB_TIPS_MATCH_THRESHOLD"),
            margin=setting("SROHUB_TIPS_MATCH_MARGIN"),
        )
        candidates = match.candidates
        if match.school_id is not None:
            school = School.objects.get(pk=match.school_id)
    primary, backup = officers_on(school, on) if school is not None else (None, None)
    target = rules.route_tip(school_id=getattr(school, "pk", None), primary=primary, backup=backup)
    return Routing(school, candidates, target)


def school_texts(program_id: int) -> list[rules.SchoolText]:
    """Every active school of the program with the texts a tipster may use for it."""
    rows = School.objects.filter(program_id=program_id, is_active=True).values_list(
        "pk", "name", "short_name", "address"
    )
    return [rules.SchoolText(pk, (name, short, address)) for pk, name, short, address in rows]


def officers_on(school: School, on: date) -> tuple[rules.OfficerOnDate | None, rules.OfficerOnDate | None]:
    """The school's primary and backup SRO on ``on``, each with whether they can take a tip.

    The backup's availability is looked up only when the primary cannot take the tip (the rule
    does not look at it then); otherwise the backup is reported as None."""
    officers = _school_officers(school.pk, on)
    primary = _on_date(officers.get("primary"), on)
    if primary is not None and primary.available:
        return primary, None
    return primary, _on_date(officers.get("backup"), on)


def _school_officers(school_id: int, on: date) -> dict[str, Officer]:
    """{"primary": officer, "backup": officer} of the school on ``on`` — the same answer as
    ``directory.selectors.assignments_on`` (the earliest-started assignment of each role), read as
    plain values: this runs for every incoming tip, and loading full records was a third of it."""
    rows = (
        Assignment.objects.active_on(on)
        .filter(school_id=school_id)
        .order_by("start_date", "pk")
        .values_list("role", "officer_id", "officer__program_id", "officer__status")
    )
    found: dict[str, Officer] = {}
    for role, officer_id, program_id, status in rows:
        found.setdefault(role, Officer(pk=officer_id, program_id=program_id, status=status))
    return found


def _on_date(officer: Officer | None, on: date) -> rules.OfficerOnDate | None:
    if officer is None:
        return None
    planned = _planned_availability(officer, on)
    return rules.OfficerOnDate(officer.pk, rules.officer_is_available(status=officer.status, planned=planned))


def _planned_availability(officer: Officer, on: date) -> bool | None:
    """The planning app's answer (leave, visit plan) or None while it is absent or has no data."""
    if not apps.is_installed("srohub.planning"):
        return None
    try:
        selectors = importlib.import_module("srohub.planning.selectors")
    except ImportError:
        return None  # planning is being built alongside; the directory status decides meanwhile
    available_on = getattr(selectors, "officer_available_on", None)
    return None if available_on is None else available_on(officer=officer, on=on)


def backup_of(school: School | None, on: date) -> rules.OfficerOnDate | None:
    """The school's backup SRO on ``on`` with their availability (for the escalation chain)."""
    return _on_date(_school_officers(school.pk, on).get("backup"), on) if school is not None else None
