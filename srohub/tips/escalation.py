"""Durable notification and escalation of tips.

Every tip gets step 0 (tell whoever it was routed to). A life-safety tip gets step k+1, due N
minutes after step k was sent, until someone acknowledges it. Steps live in the database: the
worker (``srohub tips escalate --watch``; in demo and tests the request itself) claims each due step
with ``SELECT … FOR UPDATE SKIP LOCKED`` in its own transaction, so two workers never take the same
step, a worker that dies mid-step leaves it pending for the next run, and the (tip, step) unique
constraint keeps a step from being created twice.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from django.db import InterfaceError, OperationalError, close_old_connections, connection, transaction
from django.utils import timezone

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.tips import notifications, rules
from srohub.tips.conf import setting
from srohub.tips.models import EscalationStep, StepState, Tip
from srohub.tips.routing import backup_of

logger = logging.getLogger(__name__)

# The longest pause between the step worker's retries while the database is unreachable.
RETRY_PAUSE_CAP_SECONDS = 30.0


def tip_target(tip: Tip) -> rules.Target:
    if tip.routed_kind == rules.OFFICER:
        return rules.Target(rules.OFFICER, officer_id=tip.routed_officer_id)
    return rules.Target(rules.QUEUE, queue=tip.routed_queue)


def step_create(*, tip: Tip, step: int, target: rules.Target, due_at: datetime) -> EscalationStep:
    """Schedule one step; an existing (tip, step) is returned as it is, never doubled."""
    record, _created = EscalationStep.objects.get_or_create(
        tip=tip,
        step=step,
        defaults={
            "program_id": tip.program_id,
            "due_at": due_at,
            "target_kind": target.kind,
            "target_officer_id": target.officer_id,
            "target_queue": target.queue,
        },
    )
    return record


class SetAside:
    """Steps whose sending failed, kept out of the worker's next passes for ``seconds``: one step
    that cannot be sent (bad data, a bug) must not hold back every step due after it — the claim
    takes the oldest due step first — while it is retried now and then, and logged each time."""

    def __init__(self, seconds: float = RETRY_PAUSE_CAP_SECONDS):
        self.seconds = seconds
        self._until: dict[int, float] = {}

    def add(self, step_id: int) -> None:
        self._until[step_id] = time.monotonic() + self.seconds

    def ids(self) -> list[int]:
        now = time.monotonic()
        self._until = {step_id: until for step_id, until in self._until.items() if until > now}
        return sorted(self._until)


def escalations_process(
    *, now: datetime | None = None, tip_id: int | None = None, limit: int = 1000, set_aside: SetAside | None = None
) -> int:
    """Send every step due at ``now`` (default: the current time), each in its own transaction.

    Returns how many steps were handled (sent or cancelled). Safe to run from several workers at
    once and to run again after a crash: a step is sent by exactly one successful transaction.
    A step that fails is logged, left pending and set aside (``set_aside``, or for this pass), and
    the others go on; losing the database connection ends the pass (the caller retries).
    """
    handled, set_aside = 0, set_aside or SetAside()
    while handled < limit:
        claimed = None
        try:
            with transaction.atomic():
                step = _claim_due_step(now or timezone.now(), tip_id, exclude=set_aside.ids())
                if step is None:
                    break
                claimed = step.pk
                _handle(step, now or timezone.now())
        except (OperationalError, InterfaceError):
            raise  # the database, not this step: every other step would fail the same way
        except Exception:
            if claimed is None:
                raise
            logger.exception("Tip notification step %s failed; it stays pending and the others go on", claimed)
            set_aside.add(claimed)
            continue
        handled += 1
    return handled


def escalations_watch(*, interval: float, stop) -> int:
    """The step worker: send due steps as they fall due, checking every ``interval`` seconds, until
    ``stop`` (a ``threading.Event``) is set. New tips' first steps are due at once, so they go out
    within ``interval``; a worker stopped at any point leaves nothing half-sent (each step is its own
    transaction). Returns how many steps were handled.

    A failed pass (the database restarting or unreachable, above all) does not end the worker:
    life-safety escalations must resume by themselves once the database is back. It is logged, and
    the worker tries again after a pause that doubles up to ``RETRY_PAUSE_CAP_SECONDS``."""
    handled, pause, set_aside = 0, interval, SetAside()
    while not stop.is_set():
        close_old_connections()  # as between requests: drop a connection the database closed
        try:
            sent = escalations_process(set_aside=set_aside)
        except Exception:  # whatever failed, the next pass may succeed; stopping never helps
            logger.exception("Sending tip notification steps failed; trying again in %.1f s", pause)
            connection.close()  # a fresh connection for the next pass, whatever state this one is in
            stop.wait(pause)
            pause = min(pause * 2, RETRY_PAUSE_CAP_SECONDS)
            continue
        handled, pause = handled + sent, interval
        if not sent:
            stop.wait(interval)
    connection.close()  # the worker is done with it: the server's session ends now, not at exit
    return handled


def _claim_due_step(now: datetime, tip_id: int | None, exclude=()) -> EscalationStep | None:
    due = EscalationStep.objects.select_for_update(skip_locked=True).filter(state=StepState.PENDING, due_at__lte=now)
    if exclude:
        due = due.exclude(pk__in=exclude)
    if tip_id is not None:
        due = due.filter(tip_id=tip_id)
    return due.order_by("due_at", "pk").first()


def _handle(step: EscalationStep, now: datetime) -> None:
    tip = Tip.objects.select_related("program", "school").get(pk=step.tip_id)
    if tip.acknowledged_at is not None:
        step.state = StepState.CANCELLED
        step.save(update_fields=["state", "updated_at"])
        return
    step.recipients = notifications.notify(tip, step.target, step.step)
    step.state, step.sent_at = StepState.SENT, now
    step.save(update_fields=["state", "sent_at", "recipients", "updated_at"])
    audit_record(
        actor=SYSTEM,
        action=AuditAction.UPDATE,
        instance=step,
        after={"state": step.state, "step": step.step, "target": step.target.as_json()},
    )
    if tip.life_safety:
        _schedule_next(tip, step, now)


def _schedule_next(tip: Tip, sent: EscalationStep, now: datetime) -> EscalationStep:
    chain = rules.escalation_chain(
        routed=tip_target(tip),
        backup=backup_of(tip.program_id, tip.school_id, timezone.localdate(now)),
        has_duty_line=bool(tip.program.duty_phone),
    )
    after = timedelta(minutes=setting("SROHUB_TIPS_ACK_MINUTES"))
    return step_create(
        tip=tip, step=sent.step + 1, target=rules.target_for_step(chain, sent.step + 1), due_at=now + after
    )


def pending_steps_cancel(tip: Tip) -> int:
    """Stop a tip's escalation (it was acknowledged): its pending steps will never be sent."""
    return EscalationStep.objects.filter(tip=tip, state=StepState.PENDING).update(
        state=StepState.CANCELLED, updated_at=timezone.now()
    )
