"""Handling a tip: the officer acknowledges it, asks the tipster questions, records notes and
actions, and closes it with a disposition; the tipster answers. Each write is one transaction with
its audit event (tip content is redacted there). Intake is in intake.py, escalation in escalation.py.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from srohub.core.services import authorize_change, create_record, update_record
from srohub.tips import rules
from srohub.tips.conf import setting
from srohub.tips.escalation import pending_steps_cancel
from srohub.tips.intake import TIPSTER, untraceable
from srohub.tips.models import Author, NoteKind, Tip, TipMessage, TipNote, TipStatus

PROBLEM_MESSAGES = {
    "occurrence": {
        "required": gettext_lazy("Choose the occurrence that was opened."),
        "not_allowed": gettext_lazy("Only a tip closed as “occurrence opened” links to an occurrence."),
    },
    "referred_to": {
        "required": gettext_lazy("Name the agency the tip was referred to."),
        "not_allowed": gettext_lazy("Only a referred tip names an agency."),
    },
    "duplicate_of": {
        "required": gettext_lazy("Choose the tip this one duplicates."),
        "not_allowed": gettext_lazy("Only a duplicate names another tip."),
    },
}


@transaction.atomic
def tip_acknowledge(*, actor, tip: Tip) -> Tip:
    """Take charge of a tip: it stops escalating. Acknowledging twice keeps the first time."""
    authorize_change(actor, tip)
    if tip.acknowledged_at is not None:
        return tip
    pending_steps_cancel(tip)
    return update_record(
        actor=actor,
        instance=tip,
        changes={
            "status": TipStatus.ACKNOWLEDGED,
            "acknowledged_at": timezone.now(),
            "acknowledged_by": actor,
        },
    )


@transaction.atomic
def tip_ask(*, actor, tip: Tip, question: str) -> TipMessage:
    """Ask the tipster a follow-up question (they read it with their tip number and passcode).
    Asking acknowledges the tip: someone is working on it."""
    tip = tip_acknowledge(actor=actor, tip=tip)
    _check_open(tip)
    _check_text("question", question, setting("SROHUB_TIPS_ANSWER_MAX"))
    message = TipMessage(
        program_id=tip.program_id, tip=tip, author=Author.OFFICER, author_user=actor, body=question.strip()
    )
    return create_record(actor=actor, instance=message)


def tip_answer(*, tip: Tip, answer: str) -> TipMessage:
    """The tipster's answer. The caller has opened the tip with its number and passcode
    (``intake.tipster_access``); nothing about the tipster is recorded."""
    _check_open(tip)
    _check_text("answer", answer, setting("SROHUB_TIPS_ANSWER_MAX"))
    with untraceable(), transaction.atomic():
        message = TipMessage(program_id=tip.program_id, tip=tip, author=Author.TIPSTER, body=answer.strip())
        return create_record(actor=TIPSTER, instance=message)


@transaction.atomic
def tip_note_add(*, actor, tip: Tip, body: str, kind: str = NoteKind.NOTE) -> TipNote:
    """Record an officer's note or action on a tip (never shown to the tipster or the partner)."""
    authorize_change(actor, tip)
    _check_text("body", body, setting("SROHUB_TIPS_NARRATIVE_MAX"))
    note = TipNote(program_id=tip.program_id, tip=tip, kind=kind, author_user=actor, body=body.strip())
    return create_record(actor=actor, instance=note)


@transaction.atomic
def tip_dispose(
    *,
    actor,
    tip: Tip,
    disposition: str,
    occurrence=None,
    referred_to: str = "",
    duplicate_of: Tip | None = None,
    expected_version: int | None = None,
) -> Tip:
    """Close a tip with its disposition and the link that disposition needs (issue 6, Handling):
    an occurrence, the agency referred to, or the tip it duplicates. The occurrence and the other
    tip must be records the actor can see (the caller fetched them through the choke point)."""
    authorize_change(actor, tip)
    links = {"occurrence": occurrence, "referred_to": referred_to.strip(), "duplicate_of": duplicate_of}
    errors = {
        name: PROBLEM_MESSAGES[name][code]
        for name, code in rules.disposition_problems(disposition, links).items()
    }
    errors.update(_link_errors(tip, occurrence, duplicate_of))
    if errors:
        raise ValidationError(errors)
    pending_steps_cancel(tip)
    now = timezone.now()
    changes = {"disposition": disposition, "status": TipStatus.CLOSED, "disposed_at": now, **links}
    if tip.acknowledged_at is None:
        changes.update(acknowledged_at=now, acknowledged_by=actor)
    return update_record(actor=actor, instance=tip, changes=changes, expected_version=expected_version)


def _link_errors(tip: Tip, occurrence, duplicate_of: Tip | None) -> dict:
    errors = {}
    if occurrence is not None and occurrence.program_id != tip.program_id:
        errors["occurrence"] = _("The occurrence belongs to another program.")
    if duplicate_of is not None and (duplicate_of.pk == tip.pk or duplicate_of.program_id != tip.program_id):
        errors["duplicate_of"] = _("Choose another tip of the same program.")
    return errors


def _check_open(tip: Tip) -> None:
    if tip.status == TipStatus.CLOSED:
        raise ValidationError(_("This tip is closed."))


def _check_text(field: str, text: str, limit: int) -> None:
    if not (text or "").strip():
        raise ValidationError({field: _("This field cannot be blank.")})
    if len(text) > limit:
        raise ValidationError({field: _("Keep it under %(limit)s characters.") % {"limit": limit}})
