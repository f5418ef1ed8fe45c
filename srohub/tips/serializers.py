"""Input and output shapes of the tips API. Partners get their own output shape, which never
carries the officer, the queue, the notes, the questions or the narrative back."""

import base64
import binascii

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from srohub.core.api import LARGEST_ID, CheapFieldCopies, InputSerializer, ScopedRelatedField
from srohub.core.roles import Role
from srohub.core.scoping import program_ids_of
from srohub.directory.models import Program
from srohub.tips.conf import setting
from srohub.tips.models import Disposition, NoteKind, Tip, TipCategory, TipStatus


class PartnerScopedField(serializers.PrimaryKeyRelatedField):
    """An id of a record in one of the programs the caller submits tips to; any other id reads as
    "does not exist". (A tip partner reaches no school through the choke point, yet names one.)"""

    def __init__(self, model, program_path: str, **kwargs):
        self.scoped_model, self.program_path = model, program_path
        kwargs.setdefault("queryset", model.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        programs = program_ids_of(getattr(request, "user", None), [Role.TIP_PARTNER])
        return self.scoped_model.objects.filter(**{f"{self.program_path}__in": sorted(programs)})


class AttachmentInput(InputSerializer):
    """A picture sent with a partner's tip. Only the pixels are kept: the picture is re-encoded
    without its metadata, and no file name is asked for (a name can identify the sender)."""

    content = serializers.CharField(help_text="The picture (JPEG or PNG), base64-encoded.")

    def validate_content(self, value: str) -> bytes:
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError(_("This is not base64-encoded data.")) from exc
        limit = setting("SROHUB_TIPS_ATTACHMENT_MAX_BYTES")
        if len(data) > limit:
            raise serializers.ValidationError(
                _("The picture is too large (%(mb)s MB at most).") % {"mb": limit // (1024 * 1024)}
            )
        return data


class TipCreateInput(InputSerializer):
    program = PartnerScopedField(
        Program,
        "id",
        required=False,
        help_text="Needed only when the caller is a tip partner of several programs.",
    )
    school = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=LARGEST_ID,
        help_text="The school's id, when the partner knows it (a school of the program).",
    )
    school_text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="The school's name or address as the tipster gave it.",
    )
    category = serializers.ChoiceField(choices=TipCategory.choices)
    life_safety = serializers.BooleanField(help_text="Someone may be in danger now.")
    received_at = serializers.DateTimeField(help_text="When the partner received the tip.")
    narrative = serializers.CharField(max_length=100_000)
    reference = serializers.CharField(
        max_length=100,
        help_text="The partner's own reference: a retry "
        "with the same reference returns the first tip, never a second one.",
    )
    attachments = AttachmentInput(
        many=True,
        required=False,
        help_text="Pictures sent with the tip (at most SROHUB_TIPS_ATTACHMENTS_MAX, 3 by default).",
    )


class QuestionInput(InputSerializer):
    question = serializers.CharField(max_length=4000)


class NoteInput(InputSerializer):
    body = serializers.CharField(max_length=10_000)
    kind = serializers.ChoiceField(choices=NoteKind.choices, default=NoteKind.NOTE)


class DispositionInput(InputSerializer):
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    occurrence = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    referred_to = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    duplicate_of = ScopedRelatedField(Tip, required=False, allow_null=True)


class RoutedToOutput(serializers.Serializer):
    kind = serializers.CharField(help_text='"officer" or "queue"')
    id = serializers.IntegerField(required=False, help_text="The officer's id (kind officer).")
    name = serializers.CharField(required=False, help_text='"triage" or "supervisor" (kind queue).')


class StepOutput(serializers.Serializer):
    step = serializers.IntegerField()
    to = serializers.JSONField(
        source="target.as_json",
        help_text='{"kind": "officer", "id": …}, {"kind": "queue", "name": …} or {"kind": "duty"}',
    )
    due_at = serializers.DateTimeField()
    state = serializers.CharField()
    sent_at = serializers.DateTimeField(allow_null=True)


class AttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes, after the picture was re-encoded.")


class MessageOutput(serializers.Serializer):
    author = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class NoteOutput(MessageOutput):
    author = serializers.CharField(source="kind")


class TipStaffOutput(serializers.ModelSerializer):
    """What officers and supervisors read."""

    tip_number = serializers.CharField(source="number")
    routed_to = RoutedToOutput()
    escalations = StepOutput(source="steps", many=True)
    messages = MessageOutput(many=True)
    notes = NoteOutput(many=True)
    attachments = AttachmentOutput(many=True)

    class Meta:
        model = Tip
        fields = [
            "id",
            "tip_number",
            "program",
            "source",
            "school",
            "school_text",
            "school_candidates",
            "category",
            "life_safety",
            "received_at",
            "narrative",
            "status",
            "routed_to",
            "acknowledged_at",
            "disposition",
            "disposed_at",
            "occurrence",
            "duplicate_of",
            "referred_to",
            "escalations",
            "messages",
            "notes",
            "attachments",
            "version",
        ]


class TipPartnerOutput(CheapFieldCopies, serializers.Serializer):
    """What the partner that submitted a tip reads back: its status and disposition.
    (A plain serializer with cheaply copied fields: it answers every intake request, and
    ModelSerializer rebuilds its fields from the model on each use.)"""

    id = serializers.IntegerField()
    tip_number = serializers.CharField(source="number")
    reference = serializers.CharField(source="partner_reference")
    school = serializers.IntegerField(source="school_id", allow_null=True)
    category = serializers.ChoiceField(choices=TipCategory.choices)
    life_safety = serializers.BooleanField()
    received_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=TipStatus.choices)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    disposition = serializers.ChoiceField(choices=[("", "")] + list(Disposition.choices), allow_blank=True)


class MeasureOutput(serializers.Serializer):
    school = serializers.IntegerField(allow_null=True)
    school_name = serializers.CharField()
    category = serializers.CharField()
    month = serializers.CharField(help_text="YYYY-MM")
    received = serializers.IntegerField()
    life_safety = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    acknowledge_minutes_median = serializers.FloatField(allow_null=True)
    acknowledge_minutes_p90 = serializers.FloatField(allow_null=True)
    escalations = serializers.IntegerField()
    dispositions = serializers.DictField(child=serializers.IntegerField())


class MeasureQuery(serializers.Serializer):
    start = serializers.DateField(required=False, help_text="First day (default: a year before the last).")
    end = serializers.DateField(required=False, help_text="Last day (default: today).")
