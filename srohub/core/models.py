"""Abstract bases shared by every app's models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from srohub.core.scoping import ScopedModel


class TrackedModel(ScopedModel):
    """A scoped record with timestamps and a version number for optimistic concurrency."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Fields never written to the audit trail (secrets), and fields written only as "[redacted]".
    audit_exclude: frozenset[str] = frozenset()
    audit_redact: frozenset[str] = frozenset()

    class Meta:
        abstract = True


class ProgramOwned(TrackedModel):
    """A record that belongs to one program (the tenant). Nothing crosses programs."""

    program = models.ForeignKey("directory.Program", on_delete=models.PROTECT, verbose_name=_("program"))

    class Meta:
        abstract = True
