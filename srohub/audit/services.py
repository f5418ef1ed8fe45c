"""Writing audit events. Called by services inside their own transaction, never on its own."""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.compiled import CompiledInsert
from srohub.core.context import current_client_ip, current_request_id


class SystemActor:
    """The actor for work no person started: seeding, scheduled tasks, the YCJA sweep."""

    pk = None
    id = None
    username = "system"
    is_authenticated = False
    is_active = True

    def __str__(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()

# Every write in the system appends an event: its INSERT is compiled once, not built on each write.
AUDIT_EVENT_INSERT = CompiledInsert(AuditEvent)


def snapshot(instance: models.Model, *, complete: bool = False) -> dict:
    """The record's field values (and many-to-many links, as ids) as JSON-safe data, without secrets,
    with redacted fields masked. ``complete`` keeps secrets and redacted values, to tell what changed
    (never to store: a redacted name masked on both sides would look unchanged)."""
    exclude = frozenset() if complete else getattr(instance, "audit_exclude", frozenset())
    redact = frozenset() if complete else getattr(instance, "audit_redact", frozenset())
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = field.value_from_object(instance)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        elif isinstance(field, models.DecimalField) and value is not None:
            # 49.89 typed over a stored 49.89000 is the same value: compare at the field's precision.
            value = field.to_python(value).quantize(Decimal(1).scaleb(-field.decimal_places))
        values[field.attname] = "[redacted]" if field.name in redact and value not in (None, "") else value
    if instance.pk is not None:
        # Links (an agreement's partners) are part of what the record says: keep them as sorted ids.
        for field in instance._meta.many_to_many:
            if field.name not in exclude:
                values[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def audit_record(
    *, actor, action: str, instance: models.Model, before=None, after=None, label: str = ""
) -> AuditEvent:
    """Append one audit event about ``instance``; the caller's transaction makes it atomic with the write."""
    event = new_audit_event(actor=actor, action=action, instance=instance, before=before, after=after, label=label)
    return AUDIT_EVENT_INSERT.insert(event)


def audit_read(*, actor, instance: models.Model) -> AuditEvent:
    """Record that someone looked at a sensitive record (youth records, threat assessments)."""
    return audit_record(actor=actor, action=AuditAction.VIEW, instance=instance)


def audit_reads(*, actor, instances) -> None:
    """Record that someone was shown each of these sensitive records (a list, a page), in one insert."""
    AuditEvent.objects.bulk_create(
        new_audit_event(actor=actor, action=AuditAction.VIEW, instance=instance) for instance in instances
    )


def new_audit_event(
    *, actor, action: str, instance: models.Model, before=None, after=None, label: str = ""
) -> AuditEvent:
    """The audit event about ``instance``, not yet stored: :func:`audit_record` stores it, or a hot
    write inserts it in the same statement as the record (``core.compiled.insert_linked``)."""
    return AuditEvent(
        program_id=_program_id_of(instance),
        actor_id=getattr(actor, "pk", None),
        actor_label=str(getattr(actor, "username", "") or actor)[:150],
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=(label or _safe_repr(instance))[:200],
        before=before,
        after=after,
        request_id=current_request_id(),
        ip=current_client_ip(),
    )


def _program_id_of(instance: models.Model) -> int | None:
    if instance._meta.label_lower == "directory.program":
        return instance.pk
    return getattr(instance, "program_id", None)


def _safe_repr(instance: models.Model) -> str:
    # Records whose string form could identify a young person say so by audit_label.
    label = getattr(instance, "audit_label", None)
    return label() if callable(label) else str(instance)
