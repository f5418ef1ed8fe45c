"""Tips coming in: from a tip partner's API client, and from the anonymous web form; and the
anonymous tipster coming back with their tip number and passcode.

Whatever a tip contains, it is stored and routed (to an officer or a queue) in the same
transaction, with its first notification step: a tip is never dropped (issue 6).
"""

from __future__ import annotations

import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import AUDIT_EVENT_INSERT, new_audit_event, snapshot
from srohub.core.compiled import CompiledInsert, insert_linked
from srohub.core.context import client_ip_var, request_id_var
from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.core.tasks import queued_for_workers
from srohub.directory.models import Program
from srohub.tips import codes
from srohub.tips.attachments import CleanPicture, attachment_store, clean_picture
from srohub.tips.conf import setting
from srohub.tips.models import EscalationStep, Tip, TipSource
from srohub.tips.routing import route_new_tip

# Every incoming tip inserts a tip and its first step: their INSERTs are compiled once per process.
TIP_INSERT, STEP_INSERT = CompiledInsert(Tip), CompiledInsert(EscalationStep)

# How far ahead of our clock a partner's "received at" may be (their clock may drift).
CLOCK_SKEW = timedelta(minutes=5)


class AnonymousTipster:
    """The audit actor of anonymous submissions: no account, no address, nothing to trace."""

    pk = None
    id = None
    username = "anonymous tipster"
    is_authenticated = False
    is_active = True

    def __str__(self) -> str:
        return self.username


TIPSTER = AnonymousTipster()


@dataclass(frozen=True)
class TipContent:
    """What any tip says, whoever sends it."""

    category: str
    life_safety: bool
    narrative: str
    school_id: int | None = None
    school_text: str = ""


def partner_organization_id(actor, program_id: int) -> int:
    """The tip line organization the actor submits for in the program; 403 without one."""
    for grant in grants_for(actor):
        if grant.role == Role.TIP_PARTNER and grant.program_id == program_id:
            if grant.organization_id is None:
                raise PermissionDenied(_("Your tip-partner membership names no tip line organization."))
            return grant.organization_id
    raise PermissionDenied(_("You may not submit tips to this program."))


def tip_submit_by_partner(
    *,
    actor,
    program_id: int,
    content: TipContent,
    received_at: datetime,
    reference: str,
    pictures: list[bytes] = (),
) -> tuple[Tip, bool]:
    """Store a partner's tip, or return the one already stored under its reference.

    The partner's reference is an idempotency key (unique per partner organization): a retry,
    even one racing the first request, gets the first tip back and ``created`` False. The
    reference is not looked up first: that was a query on every tip for the few that are retries.
    The unique constraint refuses a retry's insert, and then the first tip is read. Pictures are
    re-encoded without their metadata, as the anonymous form's (:func:`clean_pictures`).
    """
    partner_id = partner_organization_id(actor, program_id)
    if received_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"received_at": _("The time received cannot be in the future.")})
    cleaned = clean_pictures(pictures, field="attachments")
    tip = _routed_tip(
        program_id,
        content,
        source=TipSource.PARTNER,
        received_at=received_at,
        partner_id=partner_id,
        partner_reference=reference,
    )
    try:
        _store_numbered(actor, tip, pictures=cleaned)
    except IntegrityError:
        first = Tip.objects.filter(partner_id=partner_id, partner_reference=reference).first()
        if first is None:
            raise
        return first, False
    return tip, True


def tip_submit_anonymous(
    *, program: Program, content: TipContent, pictures: list[bytes] = ()
) -> tuple[Tip, str]:
    """Store an anonymous web tip and its pictures; returns it with its passcode, shown once and
    stored only hashed. The audit events carry no client address or request id (:func:`untraceable`);
    the pictures are re-encoded without metadata before anything is written."""
    cleaned = clean_pictures(pictures, field="attachment")
    passcode = codes.new_passcode()
    passcode_hash = codes.hash_passcode(passcode)  # slow on purpose: before the write lock
    tip = _routed_tip(
        program.pk, content, source=TipSource.WEB, received_at=timezone.now(), passcode_hash=passcode_hash
    )
    with untraceable():
        _store_numbered(TIPSTER, tip, pictures=cleaned)
    return tip, passcode


def clean_pictures(pictures: list[bytes], *, field: str) -> list[CleanPicture]:
    """Every picture re-encoded without metadata (before any write: it is the slow part), or a
    ValidationError on ``field`` for too many pictures or one that is not a JPEG or PNG."""
    limit = setting("SROHUB_TIPS_ATTACHMENTS_MAX")
    if len(pictures) > limit:
        raise ValidationError({field: _("Send at most %(n)s pictures.") % {"n": limit}})
    cleaned = []
    for data in pictures:
        try:
            cleaned.append(clean_picture(data))
        except ValidationError as error:
            raise ValidationError({field: error.message_dict["attachment"]}) from error
    return cleaned


@contextmanager
def untraceable():
    """Blank the request's client address and id while a tipster's write is audited: the audit
    trail stamps both on every event, and for a tipster either could lead back to them."""
    ip_token, id_token = client_ip_var.set(None), request_id_var.set("")
    try:
        yield
    finally:
        client_ip_var.reset(ip_token)
        request_id_var.reset(id_token)


def _routed_tip(program_id: int, content: TipContent, **fields) -> Tip:
    """The new tip, checked and routed, not yet saved. Done before the write transaction: routing
    only reads, and on SQLite every statement inside the transaction holds the database's write
    lock that all other tips wait for. A given school id is checked against the program by the
    routing query itself (one query for both)."""
    _check_content(content)
    routing = route_new_tip(
        program_id=program_id,
        school_id=content.school_id,
        school_text=content.school_text,
        on=timezone.localdate(),
    )
    if not routing.school_found:
        raise ValidationError({"school": _("No school with this id is part of the program.")})
    target = routing.target
    return Tip(
        program_id=program_id,
        school_id=routing.school_id,
        school_text=content.school_text,
        school_candidates=routing.candidates_json(),
        category=content.category,
        life_safety=content.life_safety,
        narrative=content.narrative,
        routed_kind=target.kind,
        routed_officer_id=target.officer_id,
        routed_queue=target.queue,
        **fields,
    )


def _store_numbered(actor, tip: Tip, *, pictures=(), attempts: int = 3) -> Tip:
    """Store the tip under a fresh random tip number, in one transaction with its pictures.

    The number is not looked up first (that was a query on every tip): the unique constraint
    refuses the one-in-10^11 collision, and the tip is stored again under a new number. Any other
    integrity error (the partner's reference stored meanwhile) goes to the caller."""
    for attempt in range(1, attempts + 1):
        tip.number = codes.new_tip_number()
        stored = []
        try:
            # Without pictures the tip's rows are one statement on PostgreSQL: atomic by itself.
            with transaction.atomic() if pictures else nullcontext():
                _store(actor, tip)
                for picture in pictures:
                    stored.append(attachment_store(actor=actor, tip=tip, picture=picture))
            return tip
        except BaseException as error:
            # The transaction rolled back: no picture of it may stay on disk (it could identify).
            for attachment in stored:
                attachment.file.storage.delete(attachment.file.name)
            if not isinstance(error, IntegrityError):
                raise
            number_taken = Tip.objects.filter(number=tip.number).exists()
            if attempt == attempts or not number_taken:
                raise
            tip.pk = None
    return tip


def _store(actor, tip: Tip) -> Tip:
    """Insert the routed tip, its audit event and its first notification step: all or none, in one
    statement on PostgreSQL (``insert_linked``).

    The step row is the job: the step worker (``srohub tips escalate --watch``) sends it within a
    second, as it sends every later escalation step; a task row as well would cost every tip one
    more insert to say the same thing. Where no worker runs (the immediate task backend of demo and
    tests), the request sends it itself once the tip has committed.

    Not ``full_clean()``: on the intake path its per-foreign-key and per-constraint queries were
    most of a tip's cost, and they check nothing new here — the related records were fetched (or
    resolved) moments ago, and the database enforces the foreign keys, the unique (partner,
    reference) and tip number, and the routing check constraint anyway. The tip's own fields
    (lengths, choices) are checked.
    """
    tip.clean_fields(exclude=[field.name for field in Tip._meta.fields if field.is_relation])
    insert_linked(TIP_INSERT, tip, lambda tip: [(AUDIT_EVENT_INSERT, _created(actor, tip)), (STEP_INSERT, _step0(tip))])
    from srohub.tips.tasks import send_tip_notifications  # noqa: PLC0415 - tasks import services

    if not queued_for_workers(send_tip_notifications):
        transaction.on_commit(lambda: send_tip_notifications.enqueue(tip_id=tip.pk))
    return tip


def _created(actor, tip: Tip) -> AuditEvent:
    return new_audit_event(actor=actor, action=AuditAction.CREATE, instance=tip, after=snapshot(tip))


def _step0(tip: Tip) -> EscalationStep:
    return EscalationStep.first_of(tip, due_at=timezone.now())  # a new tip has no step: no get-or-create


def _check_content(content: TipContent) -> None:
    if not content.narrative.strip():
        raise ValidationError({"narrative": _("Say what happened.")})
    limit = setting("SROHUB_TIPS_NARRATIVE_MAX")
    if len(content.narrative) > limit:
        raise ValidationError({"narrative": _("Keep it under %(limit)s characters.") % {"limit": limit}})


# ---------------------------------------------------------------- the tipster comes back


def tipster_access(*, number: str, passcode: str) -> Tip | None:
    """The tip a tip number and passcode open, or None — the same None, after the same delay, for
    an unknown number, a wrong passcode and a locked tip, so guessing teaches nothing.

    After ``SROHUB_TIPS_PASSCODE_MAX_FAILURES`` wrong passcodes in a row the tip refuses every
    passcode for ``SROHUB_TIPS_PASSCODE_LOCK_MINUTES``.
    """
    tip = _check_passcode(codes.canonical_tip_number(number), passcode)
    if tip is None:
        time.sleep(setting("SROHUB_TIPS_PASSCODE_DELAY_SECONDS"))  # outside any transaction
    return tip


def _check_passcode(number: str, passcode: str) -> Tip | None:
    tip = Tip.objects.filter(number=number, source=TipSource.WEB).first() if number else None
    now = timezone.now()
    locked = tip is not None and tip.passcode_locked_until is not None and tip.passcode_locked_until > now
    matches = codes.passcode_matches(passcode, None if tip is None or locked else tip.passcode_hash)
    if tip is None or locked:
        return None
    if matches:
        if tip.passcode_failures:
            Tip.objects.filter(pk=tip.pk).update(passcode_failures=0)
        return tip
    _count_failure(tip, now)
    return None


def _count_failure(tip: Tip, now: datetime) -> None:
    with transaction.atomic():
        Tip.objects.filter(pk=tip.pk).update(passcode_failures=F("passcode_failures") + 1)
        failures = Tip.objects.filter(pk=tip.pk).values_list("passcode_failures", flat=True).get()
        if failures >= setting("SROHUB_TIPS_PASSCODE_MAX_FAILURES"):
            lock = now + timedelta(minutes=setting("SROHUB_TIPS_PASSCODE_LOCK_MINUTES"))
            Tip.objects.filter(pk=tip.pk).update(passcode_failures=0, passcode_locked_until=lock)
