"""Writes to the directory. Every one is a transaction that records its audit event."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.audit.services import SYSTEM
from srohub.core.services import (
    authorize_change,
    authorize_create,
    change_record,
    create_in_program,
    create_record,
    remove_record,
)
from srohub.directory.models import (
    Agreement,
    Assignment,
    AssignmentRole,
    Officer,
    Organization,
    Program,
    School,
    Space,
)
from srohub.directory.rules import periods_overlap


@transaction.atomic
def program_create(*, actor, **fields) -> Program:
    """Create a program (tenant). Only the platform operator (a superuser) or the system may."""
    if actor is not SYSTEM and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Only the platform operator may create a program."))
    return create_record(actor=actor, instance=Program(**fields))


def program_update(*, actor, program: Program, changes: dict, expected_version: int | None = None) -> Program:
    return change_record(actor, program, changes, expected_version)


def organization_create(*, actor, program: Program, **fields) -> Organization:
    return create_in_program(actor, Organization, program=program, **fields)


def organization_update(*, actor, organization, changes, expected_version=None) -> Organization:
    return change_record(actor, organization, changes, expected_version)


def organization_delete(*, actor, organization) -> None:
    remove_record(actor, organization)


@transaction.atomic
def agreement_create(*, actor, program: Program, partners=(), **fields) -> Agreement:
    """Record a memorandum of understanding and the partners who signed it (one audit event)."""
    _check_partners(program.pk, partners)
    return create_in_program(actor, Agreement, program=program, partners=list(partners), **fields)


@transaction.atomic
def agreement_update(*, actor, agreement, changes, partners=None, expected_version=None) -> Agreement:
    """Change an agreement; ``partners`` (when given) replaces the signatories, audited with the rest."""
    if partners is not None:
        _check_partners(agreement.program_id, partners)
        changes = {**changes, "partners": list(partners)}
    return change_record(actor, agreement, changes, expected_version)


def _check_partners(program_id: int, partners) -> None:
    if any(p.program_id != program_id for p in partners):
        raise ValidationError({"partners": _("Every partner must belong to the agreement's program.")})


def school_create(*, actor, program: Program, **fields) -> School:
    return create_in_program(actor, School, program=program, **fields)


def school_update(*, actor, school: School, changes: dict, expected_version=None) -> School:
    return change_record(actor, school, changes, expected_version)


def space_create(*, actor, school: School, **fields) -> Space:
    return create_in_program(actor, Space, program=school.program, school=school, **fields)


def space_update(*, actor, space: Space, changes: dict, expected_version=None) -> Space:
    if "school" in changes and changes["school"].pk != space.school_id:
        raise ValidationError(
            {"school": _("A space cannot move to another school; create it there instead.")})
    return change_record(actor, space, changes, expected_version)


def space_delete(*, actor, space: Space) -> None:
    remove_record(actor, space)


def officer_create(*, actor, program: Program, **fields) -> Officer:
    return create_in_program(actor, Officer, program=program, **fields)


def officer_update(*, actor, officer: Officer, changes: dict, expected_version=None) -> Officer:
    return change_record(actor, officer, changes, expected_version)


@transaction.atomic
def assignment_create(*, actor, officer: Officer, school: School, role: str, start_date: date,
                      end_date: date | None = None, note: str = "") -> Assignment:
    """Assign an officer to a school. At most one primary officer per school on any date."""
    # Authorize before looking at other assignments, so a refusal never describes them.
    authorize_create(actor, Assignment, program_id=school.program_id, school_id=school.pk)
    _lock_school(school)
    _refuse_overlap(officer=officer, school=school, role=role, start=start_date, end=end_date)
    return create_in_program(
        actor, Assignment, program=school.program, school=school, officer=officer, role=role,
        start_date=start_date, end_date=end_date, note=note,
    )


@transaction.atomic
def assignment_update(*, actor, assignment: Assignment, changes: dict, expected_version=None) -> Assignment:
    """Change an assignment's dates, role or note (the officer and school stay: end it and make a new one)."""
    authorize_change(actor, assignment)
    for fixed in ("officer", "school"):
        if fixed in changes and getattr(changes[fixed], "pk", None) != getattr(assignment, f"{fixed}_id"):
            raise ValidationError({fixed: _("End this assignment and create a new one instead.")})
    _lock_school(assignment.school)
    _refuse_overlap(
        officer=assignment.officer,
        school=assignment.school,
        role=changes.get("role", assignment.role),
        start=changes.get("start_date", assignment.start_date),
        end=changes.get("end_date", assignment.end_date),
        exclude_id=assignment.pk,
    )
    return change_record(actor, assignment, changes, expected_version)


def assignment_end(*, actor, assignment: Assignment, end_date: date, expected_version=None) -> Assignment:
    """End an assignment on ``end_date`` (inclusive). The record stays as history."""
    return assignment_update(actor=actor, assignment=assignment, changes={"end_date": end_date},
                             expected_version=expected_version)


def _lock_school(school: School) -> None:
    # Serializes concurrent assignment writes for one school (a no-op on SQLite, which
    # already takes the database write lock at BEGIN IMMEDIATE).
    School.objects.select_for_update().filter(pk=school.pk).exists()


def _refuse_overlap(*, officer, school, role, start, end, exclude_id=None) -> None:
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    others = Assignment.objects.filter(school=school).exclude(pk=exclude_id)
    for other in others.filter(officer=officer):
        if periods_overlap(start, end, other.start_date, other.end_date):
            raise ValidationError(
                {"start_date": _("%(officer)s is already assigned to this school from %(start)s.")
                 % {"officer": officer, "start": other.start_date}}
            )
    if role != AssignmentRole.PRIMARY:
        return
    for other in others.filter(role=AssignmentRole.PRIMARY).select_related("officer"):
        if periods_overlap(start, end, other.start_date, other.end_date):
            raise ValidationError({"start_date": _primary_taken(school, other)})


def _primary_taken(school: School, other: Assignment) -> str:
    until = _(" to %(end)s") % {"end": other.end_date} if other.end_date else ""
    return _("%(school)s already has a primary SRO (%(officer)s) from %(start)s%(until)s.") % {
        "school": school, "officer": other.officer, "start": other.start_date, "until": until}
