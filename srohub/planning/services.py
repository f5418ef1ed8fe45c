"""Writes of what the planner reads: settings, calendars, presence requests, preferences, blackouts,
leave and fixed commitments. Each is one transaction with its audit event (core.services helpers).

Plans, check-ins and feeds have their own modules: ``plan_services`` and ``presence_services``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.core.services import (
    authorize_create,
    change_record,
    create_in_program,
    create_record,
    remove_record,
)
from srohub.directory.models import Officer, Organization, OrganizationKind, Program, School
from srohub.planning import rules
from srohub.planning.authz import is_planner, require_officer_or_planner
from srohub.planning.models import (
    Blackout,
    CalendarClosure,
    HalfDay,
    OfficerLeave,
    PlanningSettings,
    PreferredSlot,
    PresenceRequest,
    Visit,
)


def require_ordered(start: date, end: date, field: str = "end_date") -> None:
    """A range that ends before it starts is refused with a message on its end field."""
    if start and end and end < start:
        raise ValidationError({field: _("The end date cannot be before the start date.")})


def settings_for(program: Program) -> PlanningSettings:
    """The program's planning settings (defaults until someone changes them; not saved by reading)."""
    return PlanningSettings.objects.filter(program=program).first() or PlanningSettings(program=program)


@transaction.atomic
def settings_update(
    *, actor, program: Program, changes: dict, expected_version: int | None = None
) -> PlanningSettings:
    """Change the program's planning configuration (planners only; the web page and the API).

    The first save creates the program's row (until then the planner uses the defaults). Values are
    checked by the model's validators (``full_clean``), so a bad value is refused with its field
    name whoever calls; ``expected_version`` guards an edit against a concurrent one (409).
    """
    current = PlanningSettings.objects.filter(program=program).first()
    if current is None:
        return create_in_program(actor, PlanningSettings, program=program, **changes)
    return change_record(actor, current, changes, expected_version)


@transaction.atomic
def closure_create(
    *, actor, division: Organization, start_date: date, end_date: date, kind: str, label: str
) -> CalendarClosure:
    """Record days a division's schools are closed (holiday, PD day, break)."""
    require_ordered(start_date, end_date)
    if division.kind != OrganizationKind.SCHOOL_DIVISION:
        raise ValidationError({"division": _("Choose a school division.")})
    authorize_calendar(actor, division)
    closure = CalendarClosure(
        program=division.program,
        division=division,
        start_date=start_date,
        end_date=end_date,
        kind=kind,
        label=label,
    )
    return create_record(actor=actor, instance=closure)


def may_edit_calendar(actor, division: Organization) -> bool:
    """Planners edit every division's calendar; a division safety lead edits their own division's
    (the same rule as ``CalendarClosure.scope_condition``)."""
    return is_planner(actor, division.program_id) or any(
        g.role == Role.DIVISION_LEAD and g.program_id == division.program_id and g.organization_id == division.pk
        for g in grants_for(actor)
    )


def authorize_calendar(actor, division: Organization) -> None:
    if not may_edit_calendar(actor, division):
        raise PermissionDenied(_("Only a supervisor or the division's safety lead edits its calendar."))


def closure_delete(*, actor, closure: CalendarClosure) -> None:
    remove_record(actor, closure)


@transaction.atomic
def calendar_generate_default(*, actor, division: Organization, school_year: int) -> list[CalendarClosure]:
    """Create the default calendar of a school year for a division (rules.default_closures), unless
    the division already has closures in that school year — generated data is never duplicated."""
    authorize_calendar(actor, division)
    first, last = date(school_year, 7, 1), date(school_year + 1, 6, 30)
    if CalendarClosure.objects.filter(
        division=division, start_date__gte=first, start_date__lte=last
    ).exists():
        return []
    return [
        closure_create(
            actor=actor, division=division, start_date=c.start, end_date=c.end, kind=c.kind, label=c.label
        )
        for c in rules.default_closures(division.program.province, school_year)
    ]


@transaction.atomic
def presence_request_set(*, actor, school: School, changes: dict) -> PresenceRequest:
    """Set what a school asks for (school admin) or the target and hard minimum (supervisor)."""
    current = PresenceRequest.objects.filter(school=school).first()
    if current is None:
        return create_in_program(actor, PresenceRequest, program=school.program, school=school, **changes)
    return change_record(actor, current, changes)


@transaction.atomic
def preferred_slots_set(*, actor, school: School, ranked: list[tuple[int, str]]) -> list[PreferredSlot]:
    """Replace the school's ranked preferred half-days (first is best). Duplicates are refused."""
    if len(set(ranked)) != len(ranked):
        raise ValidationError({"slots": _("Each half-day can be ranked only once.")})
    if len(ranked) > 10:
        raise ValidationError({"slots": _("Rank at most ten half-days.")})
    for weekday, half in ranked:
        if weekday not in range(5) or half not in HalfDay.values:
            raise ValidationError({"slots": _("Choose a half-day from Monday to Friday.")})
    authorize_create(actor, PreferredSlot, program_id=school.program_id, school_id=school.pk)
    for slot in PreferredSlot.objects.filter(school=school):
        remove_record(actor, slot)
    return [
        create_in_program(
            actor,
            PreferredSlot,
            program=school.program,
            school=school,
            weekday=weekday,
            half_day=half,
            rank=rank,
        )
        for rank, (weekday, half) in enumerate(ranked, start=1)
    ]


@transaction.atomic
def blackout_create(*, actor, school: School, start_date: date, end_date: date, reason: str) -> Blackout:
    """Days the school does not want a visit (exams, events)."""
    require_ordered(start_date, end_date)
    return create_in_program(
        actor,
        Blackout,
        program=school.program,
        school=school,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
    )


def blackout_delete(*, actor, blackout: Blackout) -> None:
    remove_record(actor, blackout)


@transaction.atomic
def leave_create(
    *, actor, officer: Officer, start_date: date, end_date: date, reason: str = ""
) -> OfficerLeave:
    """An officer away: the next re-plan moves their visits to backups or drops them."""
    require_ordered(start_date, end_date)
    return create_in_program(
        actor,
        OfficerLeave,
        program=officer.program,
        officer=officer,
        start_date=start_date,
        end_date=end_date,
        reason=reason,
    )


def leave_delete(*, actor, leave: OfficerLeave) -> None:
    remove_record(actor, leave)


@transaction.atomic
def visit_pin(*, actor, officer: Officer, school: School, day: date, half_day: str, reason: str) -> Visit:
    """A fixed commitment (an assembly, a presentation, a drill): the officer is at the school then.

    Pins live outside any plan, so every plan keeps them and presence shows them at once. One pin
    per officer and half-day; the officer and the school must belong to the same program.
    """
    if officer.program_id != school.program_id:
        raise ValidationError({"officer": _("The officer belongs to another program.")})
    if half_day not in HalfDay.values:
        raise ValidationError({"half_day": _("Choose morning or afternoon.")})
    if day.weekday() > 4:
        raise ValidationError({"day": _("Choose a school day (Monday to Friday).")})
    if not is_planner(actor, school.program_id) and not _administers(actor, school):
        require_officer_or_planner(actor, officer)
    if Visit.objects.filter(officer=officer, day=day, half_day=half_day, plan__isnull=True).exists():
        raise ValidationError(
            {"day": _("%(officer)s already has a fixed commitment then.") % {"officer": officer}}
        )
    return create_in_program(
        actor,
        Visit,
        program=school.program,
        school=school,
        officer=officer,
        day=day,
        half_day=half_day,
        pinned=True,
        reason=reason,
    )


def _administers(actor, school: School) -> bool:
    return any(
        g.role == Role.SCHOOL_ADMIN and g.school_ids and school.pk in g.school_ids for g in grants_for(actor)
    )


def visit_unpin(*, actor, visit: Visit) -> None:
    """Cancel a fixed commitment."""
    if not visit.pinned:
        raise ValidationError({"visit": _("Only a fixed commitment can be cancelled here.")})
    remove_record(actor, visit)
