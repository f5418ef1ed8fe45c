"""Writes and audited reads of person records."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction
from srohub.audit.services import audit_read, audit_reads, audit_record
from srohub.core.services import authorize_change, change_record, create_in_program, create_record
from srohub.people.models import Guardian, Person


@transaction.atomic
def person_create(*, actor, program, school=None, **fields) -> Person:
    """Record a person under a new pseudonymous id (names and date of birth never reach the audit trail)."""
    if school is not None and school.program_id != program.pk:
        raise ValidationError({"school": _("The school belongs to another program.")})
    return create_in_program(actor, Person, program=program, school=school, **fields)


def person_update(*, actor, person: Person, changes: dict, expected_version=None) -> Person:
    if person.is_destroyed:
        raise ValidationError(_("This record was destroyed under YCJA s.128 and cannot be changed."))
    return change_record(actor, person, changes, expected_version)


@transaction.atomic
def guardian_add(*, actor, person: Person, **fields) -> Guardian:
    """Add a parent, guardian or other adult to notify: whoever may change the person may."""
    authorize_change(actor, person)
    return create_record(actor=actor, instance=Guardian(program_id=person.program_id, person=person, **fields))


@transaction.atomic
def person_viewed(*, actor, person: Person) -> Person:
    """Record that ``actor`` read ``person`` (every read of a person record is audited)."""
    audit_read(actor=actor, instance=person)
    return person


@transaction.atomic
def people_listed(*, actor, people) -> None:
    """Record one read event per person shown in a list, in one insert (labelled by id, not the
    pseudonym: audit readers are not all police)."""
    audit_reads(actor=actor, instances=people)


@transaction.atomic
def person_destroy(*, actor, person: Person) -> Person:
    """Make a person record inaccessible under YCJA s.128(7): overwrite every identifying field.

    The pseudonym stays so that de-identified counts still add up; what remains in the audit trail
    is an event that the record was destroyed, with no identifying content.
    """
    person.given_name = "—"
    person.family_name = "—"
    person.date_of_birth = None
    person.grade = ""
    person.is_destroyed = True
    person.version += 1
    person.save()
    Guardian.objects.filter(person=person).delete()
    audit_record(actor=actor, action=AuditAction.DESTROY, instance=person)
    return person
