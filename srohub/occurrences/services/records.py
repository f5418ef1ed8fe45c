"""The end of a youth record's life: the sweep that makes it non-disclosable when its access period
has passed (YCJA s.119(2), s.128(1)), and the records custodian's archive and destroy (s.128(2), (7))."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import SYSTEM, audit_record
from srohub.core.context import current_client_ip, current_request_id
from srohub.core.services import authorize_change
from srohub.occurrences.models import Involvement, Occurrence, ParentalNotice, RecordsState, SchoolDisclosure
from srohub.occurrences.models.scope import past_period
from srohub.occurrences.services.attachments import delete_files_after_commit
from srohub.people.services import person_destroy

SWEEP_CHUNK = 500  # ids per UPDATE: under SQLite's bound-parameter limit, few round trips


@transaction.atomic
def ycja_sweep(*, as_of: date) -> int:
    """Mark every active record whose period ended before ``as_of`` as non-disclosable (the period
    includes its last day). Applying it twice changes nothing. Returns how many it marked.

    Set-based (one UPDATE and one audit insert per chunk of ids), so the first run over ten years
    of a large program's records takes seconds, not one round trip per record.
    """
    due = list(
        Occurrence.objects.filter(records_state=RecordsState.ACTIVE, access_period_ends_on__lt=as_of)
        .select_for_update()
        .order_by("pk")
        .values_list("pk", "program_id")
    )
    for start in range(0, len(due), SWEEP_CHUNK):
        chunk = due[start : start + SWEEP_CHUNK]
        Occurrence.objects.filter(pk__in=[pk for pk, _program in chunk]).update(
            records_state=RecordsState.NON_DISCLOSABLE, non_disclosable_since=as_of
        )
        AuditEvent.objects.bulk_create(_sweep_event(pk, program_id) for pk, program_id in chunk)
    return len(due)


def _sweep_event(pk: int, program_id: int) -> AuditEvent:
    """The audit event of one swept record: which record, no content (nothing identifying)."""
    return AuditEvent(
        program_id=program_id,
        actor_id=None,
        actor_label=str(SYSTEM),
        action=AuditAction.UPDATE,
        object_type=Occurrence._meta.label_lower,
        object_id=str(pk),
        object_repr=f"occurrence #{pk}",
        after={"records_state": RecordsState.NON_DISCLOSABLE},
        request_id=current_request_id(),
        ip=current_client_ip(),
    )


def _custodian_only(actor, occurrence: Occurrence) -> None:
    authorize_change(actor, occurrence)  # only the custodian's grant reaches past-period records
    if not Occurrence.objects.filter(past_period(), pk=occurrence.pk).exists():
        raise ValidationError(_("Only a record past its access period can be archived or destroyed."))


@transaction.atomic
def occurrence_archive(*, actor, occurrence: Occurrence) -> Occurrence:
    """Archive a record past its access period (s.128(2)); it stays with the records custodian."""
    _custodian_only(actor, occurrence)
    Occurrence.objects.filter(pk=occurrence.pk).update(
        records_state=RecordsState.ARCHIVED, version=occurrence.version + 1
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=occurrence,
        after={"records_state": RecordsState.ARCHIVED},
    )
    occurrence.records_state = RecordsState.ARCHIVED
    return occurrence


@transaction.atomic
def occurrence_destroy(*, actor, occurrence: Occurrence) -> Occurrence:
    """Destroy a record past its access period — YCJA s.128(7): overwrite or delete everything that
    could identify anyone (narrative, reporter, attachments, notices, disclosures, the people
    involved when no other live record names them). The row stays as an empty, invisible shell so
    that nothing else points at a missing id; what remains in the audit trail is one event that a
    record was destroyed, with no identifying content."""
    _custodian_only(actor, occurrence)
    attachments = list(occurrence.attachments.all())
    if attachments:  # the files go once the destruction commits; a rollback keeps them with their rows
        delete_files_after_commit([a.file.name for a in attachments], attachments[0].file.storage)
    occurrence.attachments.all().delete()
    ParentalNotice.objects.filter(occurrence=occurrence).delete()
    SchoolDisclosure.objects.filter(occurrence=occurrence).delete()
    _destroy_people(actor, occurrence)
    Occurrence.objects.filter(pk=occurrence.pk).update(
        narrative="",
        reporter_name="",
        reporter_contact="",
        space=None,
        relayed_by=None,
        records_state=RecordsState.DESTROYED,
        version=occurrence.version + 1,
    )
    audit_record(
        actor=actor, action=AuditAction.DESTROY, instance=occurrence, label=f"occurrence #{occurrence.pk}"
    )
    occurrence.records_state = RecordsState.DESTROYED
    return occurrence


def _destroy_people(actor, occurrence: Occurrence) -> None:
    involvements = list(Involvement.objects.filter(occurrence=occurrence).select_related("person"))
    Involvement.objects.filter(occurrence=occurrence).delete()  # outcomes go with them
    for person in {i.person for i in involvements}:
        named_elsewhere = (
            Involvement.objects.filter(person=person)
            .exclude(occurrence__records_state=RecordsState.DESTROYED)
            .exists()
        )
        if not named_elsewhere and not person.is_destroyed:
            person_destroy(actor=actor, person=person)
