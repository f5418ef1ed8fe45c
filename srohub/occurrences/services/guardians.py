"""Parents and guardians of the people in an occurrence, who receive the YCJA s.26 notices (and the
s.11 information): recorded and changed through an occurrence the caller may change, as on the
"add a person" page, so a record past its access period (s.119(2)) closes them with it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.audit.services import audit_reads
from srohub.core.services import authorize_change, change_record
from srohub.occurrences.models import Involvement
from srohub.people.models import Guardian
from srohub.people.services import guardian_add

GUARDIAN_FIELDS = ("name", "relationship", "phone", "email", "address")


@transaction.atomic
def guardian_add_to_involvement(*, actor, involvement: Involvement, **fields) -> Guardian:
    """Record a parent, guardian or other adult (s.26(4)) of the person in ``involvement``: whoever
    may change the occurrence may (404 out of scope, 403 read-only); validated and audited."""
    authorize_change(actor, involvement.occurrence)
    if involvement.person.is_destroyed:
        raise ValidationError(_("This record was destroyed under YCJA s.128 and cannot be changed."))
    return guardian_add(actor=actor, person=involvement.person, **_known_fields(fields))


def guardian_update(*, actor, guardian: Guardian, changes: dict, expected_version: int | None = None) -> Guardian:
    """Change a guardian's details (a new phone number, a correction); a stale ``expected_version``
    is a conflict. Only whoever may change the person (and so the guardian) may. The audit event
    shows "[redacted]" for every identifying field."""
    return change_record(actor, guardian, _known_fields(changes), expected_version)


@transaction.atomic
def guardians_viewed(*, actor, guardians) -> None:
    """One read event per guardian shown, in one insert (guardian details are part of the person
    record, every read of which is audited); the label names no one."""
    audit_reads(actor=actor, instances=guardians)


def _known_fields(values: dict) -> dict:
    return {name: value for name, value in values.items() if name in GUARDIAN_FIELDS}
