"""Pictures sent with tips, stripped of what could identify the sender's device.

A phone photo's EXIF block names the camera model and often where it was taken. Re-encoding the
pixels with Pillow drops every metadata block; only JPEG and PNG are accepted.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from srohub.core.services import create_record_with_file
from srohub.tips.models import TipAttachment

FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


@dataclass(frozen=True)
class CleanPicture:
    data: bytes
    content_type: str
    extension: str


def clean_picture(data: bytes) -> CleanPicture:
    """The picture's pixels re-encoded without metadata (turned upright first, since the EXIF
    orientation goes too). Raises ValidationError for anything but a readable JPEG or PNG."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in FORMATS:
                raise ValidationError({"attachment": _("Send a JPEG or PNG picture.")})
            upright = ImageOps.exif_transpose(image)
            if upright.mode == "P":
                upright = upright.convert("RGBA")
            pixels = Image.new(upright.mode, upright.size)
            pixels.paste(upright)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError({"attachment": _("This file is not a picture we can read.")}) from exc
    output = io.BytesIO()
    pixels.save(output, format=image_format)
    content_type, extension = FORMATS[image_format]
    return CleanPicture(output.getvalue(), content_type, extension)


def attachment_store(*, actor, tip, picture: CleanPicture) -> TipAttachment:
    """Store one cleaned picture with a tip, under a random name (the original may identify)."""
    attachment = TipAttachment(
        program_id=tip.program_id, tip=tip, content_type=picture.content_type, size=len(picture.data)
    )
    return create_record_with_file(actor=actor, instance=attachment, data=picture.data, extension=picture.extension)
