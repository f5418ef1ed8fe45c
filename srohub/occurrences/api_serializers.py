"""Input and output serializers of the occurrences API (kept apart, as everywhere)."""

from django.urls import reverse
from rest_framework import serializers

from srohub.core.api import InputSerializer, ScopedRelatedField
from srohub.directory.models import Officer, School, Space
from srohub.occurrences import selectors
from srohub.occurrences.models import (
    OUTCOME_CHOICES,
    OUTCOME_DATE_FIELDS,
    Attachment,
    Category,
    CategoryKey,
    ChargeMethod,
    ContentChoice,
    DisclosurePurposeChoice,
    Involvement,
    InvolvementRole,
    NoticeMethodChoice,
    Occurrence,
    OccurrenceStatus,
    ParentalNotice,
    RecipientChoice,
    ReportedVia,
    SchoolDisclosure,
    SubjectOutcome,
)
from srohub.people.models import Guardian, GuardianRelationship, Person

# ---------------------------------------------------------------- output


class OutcomeOut(serializers.ModelSerializer):
    class Meta:
        model = SubjectOutcome
        fields = [
            "id",
            "involvement",
            "outcome",
            "charge_method",
            "charge",
            *OUTCOME_DATE_FIELDS,
            "later_offence_indictable",
            "period_status",
            "period_provision",
            "access_period_ends_on",
            "version",
        ]


class InvolvementOut(serializers.ModelSerializer):
    pseudonym = serializers.CharField(source="person.pseudonym", read_only=True)
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = Involvement
        fields = ["id", "occurrence", "person", "pseudonym", "role", "outcome"]

    def get_outcome(self, involvement) -> dict | None:
        outcome = getattr(involvement, "outcome", None)  # a missing one-to-one is an AttributeError
        return OutcomeOut(outcome).data if outcome else None


class AccessPeriodOut(serializers.Serializer):
    ends_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField()


class OccurrenceOut(serializers.ModelSerializer):
    categories = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    involvements = InvolvementOut(many=True, read_only=True)
    access_period = serializers.SerializerMethodField()

    class Meta:
        model = Occurrence
        fields = [
            "id",
            "program",
            "school",
            "space",
            "near_school",
            "occurred_at",
            "reported_via",
            "categories",
            "narrative",
            "status",
            "officer",
            "records_state",
            "access_period",
            "involvements",
            "version",
        ]

    def get_access_period(self, occurrence) -> dict:
        return AccessPeriodOut(selectors.period_explanation(occurrence)).data


class NoticeOut(serializers.ModelSerializer):
    class Meta:
        model = ParentalNotice
        fields = [
            "id",
            "occurrence",
            "involvement",
            "section",
            "is_duty",
            "form_required",
            "required_contents",
            "due_at",
            "escalated_at",
            "given_at",
            "recipient_name",
            "recipient_relationship",
            "parent_available",
            "method",
            "proof_of_delivery",
            "contents_given",
            "note",
            "version",
        ]


class AttachmentOut(serializers.ModelSerializer):
    content_type = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "occurrence", "description", "content_type", "created_at", "download"]

    def get_content_type(self, attachment) -> str:
        from srohub.occurrences.services.attachments import content_type_of  # noqa: PLC0415

        return content_type_of(attachment)

    def get_download(self, attachment) -> str:
        """The scoped download: the only way to the file (there is no public media URL)."""
        return reverse("occurrenceattachment-download", args=[attachment.pk])


class DisclosureOut(serializers.ModelSerializer):
    class Meta:
        model = SchoolDisclosure
        fields = [
            "id",
            "school",
            "recipient",
            "purpose",
            "information_shared",
            "disclosed_at",
            "destroyed_confirmed_at",
            "version",
        ]


class GuardianOut(serializers.ModelSerializer):
    """A parent, guardian or other adult to notify (YCJA s.26): police only, each read audited."""

    class Meta:
        model = Guardian
        fields = ["id", "person", "name", "relationship", "phone", "email", "address", "version"]


# ---------------------------------------------------------------- input


class OccurrenceIn(InputSerializer):
    school = ScopedRelatedField(School)
    space = ScopedRelatedField(Space, required=False, allow_null=True)
    near_school = serializers.BooleanField(required=False, default=False)
    occurred_at = serializers.DateTimeField()
    reported_via = serializers.ChoiceField(ReportedVia.choices)
    categories = serializers.SlugRelatedField(
        slug_field="key", many=True, queryset=Category.objects.all(), required=False
    )
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    status = serializers.ChoiceField(OccurrenceStatus.choices, required=False)
    officer = ScopedRelatedField(Officer, required=False, allow_null=True)


class InvolvementIn(InputSerializer):
    occurrence = ScopedRelatedField(Occurrence)
    person = ScopedRelatedField(Person)
    role = serializers.ChoiceField(InvolvementRole.choices)


class GuardianIn(InputSerializer):
    """A parent, guardian or other adult (s.26(4)) of the person of an involvement; PATCH sends only
    what changes."""

    name = serializers.CharField(max_length=200)
    relationship = serializers.ChoiceField(GuardianRelationship.choices)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)


class OutcomeIn(InputSerializer):
    involvement = ScopedRelatedField(Involvement)
    outcome = serializers.ChoiceField(OUTCOME_CHOICES)
    charge_method = serializers.ChoiceField(ChargeMethod.choices, required=False, allow_blank=True)
    charge = serializers.CharField(required=False, allow_blank=True, max_length=200)
    later_offence_indictable = serializers.BooleanField(required=False, allow_null=True, default=None)

    def get_fields(self):
        fields = super().get_fields()
        for name in OUTCOME_DATE_FIELDS:
            fields[name] = serializers.DateField(required=False, allow_null=True)
        return fields


class NoticeGivenIn(InputSerializer):
    given_at = serializers.DateTimeField()
    recipient_name = serializers.CharField(max_length=200)
    recipient_relationship = serializers.ChoiceField(RecipientChoice.choices)
    parent_available = serializers.BooleanField(default=True)
    method = serializers.ChoiceField(NoticeMethodChoice.choices)
    proof_of_delivery = serializers.CharField(required=False, allow_blank=True, max_length=300)
    contents_given = serializers.ListField(
        child=serializers.ChoiceField(ContentChoice.choices), required=False
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ParentalContactIn(InputSerializer):
    involvement = ScopedRelatedField(Involvement)
    given_at = serializers.DateTimeField()
    recipient_name = serializers.CharField(max_length=200)
    recipient_relationship = serializers.ChoiceField(RecipientChoice.choices)
    method = serializers.ChoiceField(NoticeMethodChoice.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class AttachmentIn(InputSerializer):
    occurrence = ScopedRelatedField(Occurrence)
    file = serializers.FileField(help_text="A JPEG or PNG picture or a PDF document (size limit: see the docs).")
    description = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class DisclosureIn(InputSerializer):
    occurrence = ScopedRelatedField(Occurrence)
    recipient = serializers.IntegerField(
        min_value=1, help_text="The user id of a school admin of the program."
    )
    purpose = serializers.ChoiceField(DisclosurePurposeChoice.choices)
    information_shared = serializers.CharField(max_length=5000)


CATEGORY_KEYS = [key for key, _label in CategoryKey.choices]
