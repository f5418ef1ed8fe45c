"""Files attached to an occurrence (photos, scanned statements).

They are stored under a random name (an upload's own name often carries a student's name) and are
served only through the scoped download (page and API), never from a public media URL: a record
past its access period takes its files out of sight with it (YCJA s.128(1)), and destroying it
deletes them (s.128(7)).
"""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from srohub.audit.services import audit_read
from srohub.core.services import authorize_change, create_record_with_file
from srohub.occurrences.conf import setting
from srohub.occurrences.models import Attachment, Occurrence

# What we accept, recognised by the file's first bytes, never by its name or the browser's claim.
SIGNATURES = {
    b"\xff\xd8\xff": ("jpg", "image/jpeg"),
    b"\x89PNG\r\n\x1a\n": ("png", "image/png"),
    b"%PDF-": ("pdf", "application/pdf"),
}
CONTENT_TYPES = dict(SIGNATURES.values())


def sniff_kind(head: bytes) -> tuple[str, str] | None:
    """(extension, content type) of a JPEG, PNG or PDF file from its first bytes; None otherwise."""
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def content_type_of(attachment: Attachment) -> str:
    extension = attachment.file.name.rsplit(".", 1)[-1].lower()
    return CONTENT_TYPES.get(extension, "application/octet-stream")


def _read_checked(upload) -> tuple[bytes, str]:
    """The upload's bytes and extension, or the field error a person can act on."""
    limit = setting("SROHUB_OCCURRENCE_ATTACHMENT_MAX_BYTES")
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    if upload.size is not None and upload.size > limit:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}})
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    kind = sniff_kind(data[:16])
    if kind is None:
        raise ValidationError({"file": _("Attach a JPEG or PNG picture or a PDF document.")})
    return data, kind[0]


@transaction.atomic
def attachment_add(*, actor, occurrence: Occurrence, upload, description: str = "") -> Attachment:
    """Attach a file to an occurrence the actor may change; size and type checked first, so a
    refused file leaves nothing behind."""
    authorize_change(actor, occurrence)
    if Attachment.objects.filter(occurrence=occurrence).count() >= setting("SROHUB_OCCURRENCE_ATTACHMENTS_MAX"):
        raise ValidationError({"file": _("This occurrence already has as many files as it may hold.")})
    data, extension = _read_checked(upload)
    attachment = Attachment(program_id=occurrence.program_id, occurrence=occurrence, description=description)
    return create_record_with_file(actor=actor, instance=attachment, data=data, extension=extension)


def delete_files_after_commit(names: list[str], storage) -> None:
    """Delete stored files once the destroying transaction commits (a rollback keeps them)."""
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


@transaction.atomic
def attachment_viewed(*, actor, attachment: Attachment) -> Attachment:
    """Every download of a youth record's file is audited."""
    audit_read(actor=actor, instance=attachment)
    return attachment
