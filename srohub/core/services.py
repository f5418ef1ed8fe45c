"""The shared mechanics of every write: authorize, validate, save, audit — in one transaction.

Each app's services (``<entity>_<verb>``) put their domain checks around these helpers, so the
audit trail and the optimistic-concurrency check are written once, here.
"""

import uuid
from contextlib import nullcontext

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.http import Http404

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record, snapshot
from srohub.core.errors import Conflict
from srohub.core.scoping import CHANGE, VIEW, grants_for


def authorize_create(
    actor, model: type[models.Model], *, program_id: int, school_id: int | None = None
) -> None:
    """Refuse unless one of the actor's grants lets them change ``model`` records there."""
    if actor is SYSTEM:
        return
    access = model.access
    grants = grants_for(actor)
    if not any(access.allows(g, CHANGE, program_id=program_id, school_id=school_id) for g in grants):
        raise PermissionDenied("You may not create this record here.")


def authorize_change(actor, instance: models.Model) -> None:
    """Refuse a change: 404 if the actor cannot even see the record, 403 if they may only read it."""
    if actor is SYSTEM:
        return
    manager = type(instance).objects
    if manager.visible_to(actor, CHANGE).filter(pk=instance.pk).exists():
        return
    if manager.visible_to(actor, VIEW).filter(pk=instance.pk).exists():
        raise PermissionDenied("You may read this record but not change it.")
    raise Http404


@transaction.atomic
def create_record(*, actor, instance: models.Model, many_to_many: dict | None = None) -> models.Model:
    """Validate and insert ``instance`` (and its many-to-many links), with its audit event."""
    instance.full_clean()
    instance.save(force_insert=True)
    for name, related in (many_to_many or {}).items():
        getattr(instance, name).set(related)
    audit_record(actor=actor, action=AuditAction.CREATE, instance=instance, after=snapshot(instance))
    return instance


@transaction.atomic
def create_record_with_file(*, actor, instance: models.Model, data: bytes, extension: str, field: str = "file"):
    """Store ``data`` in the record's file field under a random name (an uploaded file's own name
    may identify someone), then create the record; a refused record leaves no file on disk."""
    stored = getattr(instance, field)
    stored.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    try:
        return create_record(actor=actor, instance=instance)
    except Exception:
        stored.storage.delete(stored.name)
        raise


def update_record(*, actor, instance: models.Model, changes: dict, expected_version: int | None = None):
    """Apply ``changes`` to a locked copy of the record; refuse if it moved past ``expected_version``.

    ``changes`` may name many-to-many fields (a list of records). Returns the saved record. Only
    the fields that really changed are written to the audit event, in the same transaction.
    """
    with _transaction_unless_in_one():
        return _update_locked(actor, instance, changes, expected_version)


def _transaction_unless_in_one():
    """Called from a service, the service's transaction holds the row lock; called on its own (a task
    worker in autocommit) the update opens one. Not a savepoint: a refused change inside a service
    must not leave the service's transaction marked broken for the caller who handles the refusal."""
    return nullcontext() if transaction.get_connection().in_atomic_block else transaction.atomic()


def _update_locked(actor, instance: models.Model, changes: dict, expected_version: int | None):
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and getattr(locked, "version", None) != expected_version:
        raise Conflict()
    before, before_values = snapshot(locked), snapshot(locked, complete=True)
    links, fields = _split_many_to_many(type(locked), changes)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    new_links = {name: sorted(r.pk for r in related) for name, related in links.items()}
    after, after_values = {**snapshot(locked), **new_links}, {**snapshot(locked, complete=True), **new_links}
    # What changed is told from the complete values: a redacted field reads "[redacted]" both sides.
    changed = {key for key in after_values if after_values[key] != before_values.get(key)}
    if not changed:
        return locked
    if hasattr(locked, "version"):
        locked.version += 1
    locked.save()
    for name, related in links.items():
        getattr(locked, name).set(related)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=locked,
        before={k: before[k] for k in sorted(changed) if k in before},
        after={k: after[k] for k in sorted(changed) if k in after},
    )
    return locked


def _split_many_to_many(model: type[models.Model], values: dict) -> tuple[dict, dict]:
    """``values`` as (many-to-many links, plain field values): links are set after the row is saved."""
    names = {field.name for field in model._meta.many_to_many}
    links = {name: value for name, value in values.items() if name in names}
    return links, {name: value for name, value in values.items() if name not in names}


@transaction.atomic
def delete_record(*, actor, instance: models.Model) -> None:
    """Delete the record, keeping what it was in its audit event."""
    before = snapshot(instance)
    audit_record(actor=actor, action=AuditAction.DELETE, instance=instance, before=before)
    instance.delete()


@transaction.atomic
def create_in_program(actor, model: type[models.Model], *, program, school=None, **fields):
    """Authorize and create a ``model`` record of ``program`` (at ``school`` for school-bound records)."""
    authorize_create(actor, model, program_id=program.pk, school_id=getattr(school, "pk", None))
    if school is not None:
        fields["school"] = school
    links, fields = _split_many_to_many(model, fields)
    return create_record(actor=actor, instance=model(program=program, **fields), many_to_many=links)


@transaction.atomic
def change_record(actor, instance: models.Model, changes: dict, expected_version: int | None = None):
    """Authorize and apply a change to an existing record (see :func:`update_record`)."""
    authorize_change(actor, instance)
    return update_record(actor=actor, instance=instance, changes=changes, expected_version=expected_version)


@transaction.atomic
def remove_record(actor, instance: models.Model) -> None:
    """Authorize and delete a record, keeping what it was in the audit trail."""
    authorize_change(actor, instance)
    delete_record(actor=actor, instance=instance)
