"""Disclosure of youth-record information to a school — YCJA s.125(6)–(8)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.accounts.models import Membership
from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_read, audit_record
from srohub.core.roles import Role
from srohub.core.services import authorize_change, create_record
from srohub.occurrences.models import Occurrence, SchoolDisclosure
from srohub.occurrences.rules.disclosure import destruction_reminder_due, disclosure_allowed
from srohub.occurrences.selectors import settings_for
from srohub.occurrences.services.notify import email_after_commit


def _recipient_school(occurrence: Occurrence, recipient):
    membership = (
        Membership.objects.filter(
            user=recipient, program_id=occurrence.program_id, role=Role.SCHOOL_ADMIN, is_active=True
        )
        .select_related("school")
        .first()
    )
    if membership is None:
        raise ValidationError({"recipient": _("Choose a school admin of this program.")})
    return membership.school


@transaction.atomic
def disclosure_create(
    *, actor, occurrence: Occurrence, recipient, purpose: str, information_shared: str
) -> SchoolDisclosure:
    """Share information from a youth record with a school admin, for one of the purposes of
    s.125(6) and only within the access period (s.125(8)); kept apart from the occurrence."""
    authorize_change(actor, occurrence)
    school = _recipient_school(occurrence, recipient)
    if not information_shared.strip():
        raise ValidationError({"information_shared": _("Write exactly what is shared.")})
    if not disclosure_allowed(purpose, on=timezone.localdate(), period_end=occurrence.access_period_ends_on):
        raise ValidationError({"purpose": _("Choose one of the purposes of s.125(6).")})
    disclosure = create_record(
        actor=actor,
        instance=SchoolDisclosure(
            program_id=occurrence.program_id,
            occurrence=occurrence,
            school=school,
            recipient=recipient,
            purpose=purpose,
            information_shared=information_shared,
            disclosed_at=timezone.now(),
            disclosed_by=actor,
        ),
    )
    email_after_commit(
        [recipient.email],
        _("Information shared with your school"),
        _(
            "An SRO shared information with you for your school. Open SRO Hub to read it, keep it "
            "apart from student records, and confirm its destruction when no longer needed."
        ),
    )
    return disclosure


@transaction.atomic
def disclosure_viewed(*, actor, disclosure: SchoolDisclosure) -> SchoolDisclosure:
    """Every read of a disclosure is audited."""
    audit_read(actor=actor, instance=disclosure)
    return disclosure


@transaction.atomic
def disclosure_confirm_destroyed(*, actor, disclosure: SchoolDisclosure) -> SchoolDisclosure:
    """The recipient confirms the school destroyed the information (s.125(7)(c)); it leaves their view."""
    if disclosure.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the recipient confirms the destruction."))
    now = timezone.now()
    SchoolDisclosure.objects.filter(pk=disclosure.pk).update(
        destroyed_confirmed_at=now, version=disclosure.version + 1
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=disclosure,
        after={"destroyed_confirmed_at": str(now)},
    )
    disclosure.destroyed_confirmed_at = now
    return disclosure


@transaction.atomic
def disclosures_remind(*, today=None) -> int:
    """Remind each recipient whose disclosure is still not destroyed, every few days (program setting)."""
    today = today or timezone.localdate()
    pending = (
        SchoolDisclosure.objects.filter(destroyed_confirmed_at__isnull=True)
        .select_related("recipient", "occurrence")
        .select_for_update(of=("self",))
    )
    reminded = 0
    for disclosure in pending:
        if _remind(disclosure, today):
            reminded += 1
    return reminded


def _remind(disclosure: SchoolDisclosure, today) -> bool:
    occurrence = disclosure.occurrence
    if occurrence.records_state != "active" or (
        occurrence.access_period_ends_on and today > occurrence.access_period_ends_on
    ):
        return False  # s.125(8): the recipient no longer sees it; nothing to remind about
    due = destruction_reminder_due(
        disclosed_on=timezone.localtime(disclosure.disclosed_at).date(),
        last_reminded_on=timezone.localtime(disclosure.last_reminded_at).date()
        if disclosure.last_reminded_at
        else None,
        today=today,
        interval_days=settings_for(disclosure.program_id).disclosure_reminder_days,
    )
    if not due:
        return False
    now = timezone.now()
    SchoolDisclosure.objects.filter(pk=disclosure.pk).update(last_reminded_at=now)
    audit_record(
        actor=SYSTEM, action=AuditAction.UPDATE, instance=disclosure, after={"last_reminded_at": str(now)}
    )
    email_after_commit(
        [disclosure.recipient.email],
        _("Reminder: destroy shared information"),
        _(
            "Information an SRO shared with you is still kept. Destroy it when no longer needed "
            "and confirm in SRO Hub."
        ),
    )
    return True
