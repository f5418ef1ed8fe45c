"""Recording occurrences and the people involved, including the school staff's report-a-crime intake."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.roles import SCHOOL_ROLES
from srohub.core.scoping import grants_for
from srohub.core.services import authorize_change, change_record, create_in_program, create_record
from srohub.directory.models import Assignment, AssignmentRole
from srohub.occurrences.models import Involvement, Occurrence, OccurrenceStatus, ReportedVia
from srohub.people.models import Guardian, Person


def _check_place(program, school, space) -> None:
    if school.program_id != program.pk:
        raise ValidationError({"school": _("The school belongs to another program.")})
    if space is not None and space.school_id != school.pk:
        raise ValidationError({"space": _("The space is not in this school.")})


def _check_not_future(occurred_at) -> None:
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("An occurrence cannot be in the future.")})


@transaction.atomic
def occurrence_create(
    *,
    actor,
    program,
    school,
    occurred_at,
    reported_via: str,
    categories=(),
    space=None,
    near_school: bool = False,
    narrative: str = "",
    officer=None,
) -> Occurrence:
    """Record an occurrence at (or near) ``school``: SROs at their schools, supervisors in the unit."""
    _check_place(program, school, space)
    _check_not_future(occurred_at)
    return create_in_program(
        actor,
        Occurrence,
        program=program,
        school=school,
        space=space,
        near_school=near_school,
        occurred_at=occurred_at,
        reported_via=reported_via,
        narrative=narrative,
        officer=officer,
        categories=list(categories),
    )


def occurrence_update(*, actor, occurrence: Occurrence, changes: dict, expected_version: int | None = None):
    """Change an occurrence (refused with 409 if someone saved it since ``expected_version``)."""
    if "space" in changes or "school" in changes:
        _check_place(
            occurrence.program,
            changes.get("school", occurrence.school),
            changes.get("space", occurrence.space),
        )
    if "occurred_at" in changes:
        _check_not_future(changes["occurred_at"])
    return change_record(actor, occurrence, changes, expected_version)


@transaction.atomic
def occurrence_report_intake(
    *,
    actor,
    school,
    occurred_at,
    what_happened: str,
    categories=(),
    reporter_name: str = "",
    reporter_contact: str = "",
    space=None,
) -> Occurrence:
    """School staff relay a student's report: a draft occurrence for the school's SRO.

    The school admin or office of ``school`` may file it and then sees none of it (school roles
    never see occurrences); the reporter's details are redacted in the audit trail and never leave
    the police view.
    """
    if not any(
        g.role in SCHOOL_ROLES and g.program_id == school.program_id and school.pk in (g.school_ids or ())
        for g in grants_for(actor)
    ):
        raise PermissionDenied(_("Only the staff of this school may report for it."))
    _check_place(school.program, school, space)
    _check_not_future(occurred_at)
    if not what_happened.strip():
        raise ValidationError({"what_happened": _("Say what happened.")})
    primary = (
        Assignment.objects.active_on(timezone.localdate())
        .filter(school=school, role=AssignmentRole.PRIMARY)
        .select_related("officer")
        .first()
    )
    occurrence = Occurrence(
        program=school.program,
        school=school,
        space=space,
        occurred_at=occurred_at,
        reported_via=ReportedVia.STUDENT,
        narrative=what_happened,
        status=OccurrenceStatus.DRAFT,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        relayed_by=actor,
        officer=primary.officer if primary else None,
    )
    return create_record(actor=actor, instance=occurrence, many_to_many={"categories": list(categories)})


@transaction.atomic
def involvement_add(*, actor, occurrence: Occurrence, person, role: str) -> Involvement:
    """Add a person to an occurrence as subject, victim, witness, complainant or parent."""
    authorize_change(actor, occurrence)
    if person.program_id != occurrence.program_id or person.is_destroyed:
        raise ValidationError({"person": _("Choose a person of this program.")})
    if Involvement.objects.filter(occurrence=occurrence, person=person, role=role).exists():
        raise ValidationError({"person": _("This person already has this role in the occurrence.")})
    involvement = Involvement(
        program_id=occurrence.program_id, occurrence=occurrence, person=person, role=role
    )
    return create_record(actor=actor, instance=involvement)


@transaction.atomic
def involvement_add_new_person(
    *, actor, occurrence: Occurrence, role: str, person_fields: dict, guardian_fields: dict | None = None
) -> Involvement:
    """Record someone new (under a new pseudonymous id), their parent or guardian if given, and
    their part in ``occurrence`` — all or nothing.

    Whoever may change the occurrence may record the people in it, whatever school they attend
    (a victim from another school, a parent): they then see that person through this occurrence.
    """
    authorize_change(actor, occurrence)
    school = person_fields.get("school")
    if school is not None and school.program_id != occurrence.program_id:
        raise ValidationError({"school": _("The school belongs to another program.")})
    person = create_record(actor=actor, instance=Person(program_id=occurrence.program_id, **person_fields))
    if guardian_fields:
        guardian = Guardian(program_id=occurrence.program_id, person=person, **guardian_fields)
        create_record(actor=actor, instance=guardian)
    return involvement_add(actor=actor, occurrence=occurrence, person=person, role=role)
