"""The append-only audit trail: every write, and every read of a sensitive record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from srohub.core.roles import ADMIN_ROLES
from srohub.core.scoping import Access, ScopedModel


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    VIEW = "view", _("Viewed")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    LOGIN = "login", _("Signed in")
    TOKEN = "token", _("API token")
    DESTROY = "destroy", _("Destroyed (YCJA s.128)")


class AuditEvent(ScopedModel):
    """One thing that happened. Rows are never updated or deleted (a trigger enforces it on PostgreSQL).

    The actor and program are kept as plain ids, not foreign keys: deleting a user or destroying a
    record must never reach back and rewrite history.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # Not indexed alone: audit_program_time leads with it. Every write in the system inserts an
    # event, so each index here is paid on every write.
    program_id = models.BigIntegerField(_("program"), null=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)  # indexed with object_id: audit_object
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    access = Access(view=ADMIN_ROLES, change=frozenset())

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["program_id", "-at"], name="audit_program_time"),
            # A record's history; its leading column also lists the record types present.
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"
