"""Parental notices: recording how a duty was met (YCJA s.26(4), (6), (8); s.11), discretionary
contacts with parents, and escalating overdue duties to the supervisor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.core.roles import Role
from srohub.core.services import authorize_change, create_record, update_record
from srohub.occurrences.models import Involvement, NoticeSection, ParentalNotice
from srohub.occurrences.rules.parental_notice import (
    NoticeDuty,
    method_allowed,
    missing_contents,
    notice_duty_for,
    proof_required,
    recipient_allowed,
)
from srohub.occurrences.selectors import overdue_notices_q
from srohub.occurrences.services.notify import email_after_commit, emails_of_role

GIVEN_FIELDS = (
    "given_at",
    "recipient_name",
    "recipient_relationship",
    "parent_available",
    "method",
    "proof_of_delivery",
    "contents_given",
    "note",
)


def _given_errors(notice: ParentalNotice, values: dict) -> dict:
    errors = {}
    if not values.get("recipient_name"):
        errors["recipient_name"] = _("Say to whom the notice was given.")
    if values["given_at"] > timezone.now():
        errors["given_at"] = _("A notice cannot be given in the future.")
    if not recipient_allowed(values["recipient_relationship"], parent_available=values["parent_available"]):
        errors["recipient_relationship"] = _(
            "Notice goes to a parent; another adult only when no parent is available (s.26(4))."
        )
    if notice.form_required and not method_allowed(notice.form_required, values["method"]):
        errors["method"] = _("This notice must be given in writing (s.26(2)).")
    elif proof_required(values["method"]) and not values.get("proof_of_delivery"):
        errors["proof_of_delivery"] = _("Record the proof of service or delivery (s.26(8)).")
    duty = NoticeDuty(notice.section, notice.form_required, tuple(notice.required_contents))
    if missing_contents(duty, set(values.get("contents_given") or [])):
        errors["contents_given"] = _("The notice must say everything the Act requires (s.26(6)).")
    return errors


@transaction.atomic
def notice_record_given(
    *, actor, notice: ParentalNotice, expected_version: int | None = None, **values
) -> ParentalNotice:
    """Record to whom, how and when a notice duty was met, with the proof for written notice."""
    authorize_change(actor, notice)
    values = {name: values.get(name) for name in GIVEN_FIELDS}
    values["parent_available"] = bool(values["parent_available"])
    values["contents_given"] = list(values["contents_given"] or [])
    values["proof_of_delivery"] = values["proof_of_delivery"] or ""
    values["note"] = values["note"] or ""
    errors = _given_errors(notice, values)
    if errors:
        raise ValidationError(errors)
    return update_record(
        actor=actor,
        instance=notice,
        changes={**values, "recorded_by": actor},
        expected_version=expected_version,
    )


@transaction.atomic
def parental_contact_record(
    *,
    actor,
    involvement: Involvement,
    given_at,
    recipient_name: str,
    recipient_relationship: str,
    method: str,
    note: str = "",
) -> ParentalNotice:
    """A discretionary contact with a parent (program practice): recorded, no duty created."""
    authorize_change(actor, involvement.occurrence)
    if given_at > timezone.now():
        raise ValidationError({"given_at": _("A contact cannot be in the future.")})
    return create_record(
        actor=actor,
        instance=ParentalNotice(
            program_id=involvement.program_id,
            occurrence_id=involvement.occurrence_id,
            involvement=involvement,
            section=NoticeSection.DISCRETIONARY,
            is_duty=False,
            given_at=given_at,
            recipient_name=recipient_name,
            recipient_relationship=recipient_relationship,
            method=method,
            note=note,
            recorded_by=actor,
        ),
    )


@transaction.atomic
def notices_escalate(*, now=None) -> int:
    """Escalate every overdue notice duty to the SRO supervisors of its program, once."""
    now = now or timezone.now()
    overdue = list(
        ParentalNotice.objects.filter(overdue_notices_q(now), escalated_at__isnull=True).select_for_update()
    )
    for notice in overdue:
        ParentalNotice.objects.filter(pk=notice.pk).update(escalated_at=now)
        audit_record(
            actor=SYSTEM, action=AuditAction.UPDATE, instance=notice, after={"escalated_at": str(now)}
        )
        email_after_commit(
            emails_of_role(notice.program_id, Role.SRO_SUPERVISOR),
            _("Overdue parental notice"),
            _("A parental notice for occurrence %(number)s is overdue. Open SRO Hub to see it.")
            % {"number": notice.occurrence_id},
        )
    return len(overdue)


def duty_for(section: str) -> NoticeDuty | None:
    """The duty a stored provision stands for (for pages that explain it)."""
    triggers = {"s.26(1)": "arrest_detention", "s.26(2)": "summons", "s.11": "extrajudicial_sanction"}
    return notice_duty_for(triggers[section]) if section in triggers else None
