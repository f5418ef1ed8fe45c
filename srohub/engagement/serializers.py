"""Input and output serializers of the engagement API (separate, as everywhere)."""

from rest_framework import serializers

from srohub.core.api import PORTABLE_POSITIVE_INT_MAX, InputSerializer, ScopedRelatedField
from srohub.directory.models import Officer, Organization, Program, School
from srohub.engagement.models import (
    Activity,
    ConsentGiver,
    EngagementSettings,
    Language,
    Material,
    MaterialVersion,
    Referral,
    ServiceKind,
    Topic,
)
from srohub.engagement.rules import ActivityLanguage, ActivityType, ReferralOutcome, ReferralStatus
from srohub.people.models import Person


def _disclosure(serializer):
    return serializer.context["disclosure"]


def languages_field(**kwargs) -> serializers.ListField:
    """An activity's languages: a list of codes (English, French, Indigenous and newcomer languages)."""
    return serializers.ListField(
        child=serializers.ChoiceField(choices=ActivityLanguage.choices),
        help_text="The languages the activity was held in, e.g. [\"en\", \"fr\"].",
        **kwargs,
    )


class ActivityOut(serializers.ModelSerializer):
    languages = languages_field(read_only=True)
    involves_person = serializers.SerializerMethodField()
    person = serializers.SerializerMethodField(
        help_text="The pseudonym, for readers of the person record only."
    )
    notes = serializers.SerializerMethodField(help_text="Police roles only.")

    class Meta:
        model = Activity
        fields = [
            "id",
            "program",
            "school",
            "officer",
            "activity_type",
            "occurred_on",
            "duration_minutes",
            "topic",
            "material_version",
            "grades",
            "audience_count",
            "languages",
            "involves_person",
            "person",
            "notes",
            "version",
        ]

    def get_involves_person(self, activity) -> bool:
        return activity.person_id is not None

    def get_person(self, activity) -> str | None:
        return _disclosure(self).pseudonym(activity)

    def get_notes(self, activity) -> str | None:
        return _disclosure(self).notes(activity)


class ActivityIn(InputSerializer):
    school = ScopedRelatedField(School)
    officer = ScopedRelatedField(
        Officer, required=False, help_text="Supervisors only; an SRO logs their own."
    )
    activity_type = serializers.ChoiceField(choices=ActivityType.choices)
    occurred_on = serializers.DateField()
    duration_minutes = serializers.IntegerField(min_value=0, max_value=PORTABLE_POSITIVE_INT_MAX)
    topic = ScopedRelatedField(Topic, required=False, allow_null=True)
    material_version = ScopedRelatedField(MaterialVersion, required=False, allow_null=True)
    grades = serializers.CharField(max_length=40, required=False, allow_blank=True)
    audience_count = serializers.IntegerField(
        min_value=0, max_value=PORTABLE_POSITIVE_INT_MAX, required=False, allow_null=True
    )
    languages = languages_field(required=False, allow_empty=False)
    person = ScopedRelatedField(Person, required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ReferralOut(serializers.ModelSerializer):
    person = serializers.SerializerMethodField(
        help_text="The pseudonym, for readers of the person record only."
    )
    referred_by = serializers.CharField(source="referred_by.display_name", read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "program",
            "school",
            "agency",
            "service_kind",
            "person",
            "referred_by",
            "officer",
            "referred_on",
            "reason",
            "consent_given_by",
            "consent_given_on",
            "consent_scope",
            "status",
            "outcome",
            "last_update_on",
            "last_update_note",
            "version",
        ]

    def get_person(self, referral) -> str | None:
        return _disclosure(self).pseudonym(referral)


class ReferralIn(InputSerializer):
    school = ScopedRelatedField(School)
    agency = ScopedRelatedField(Organization)
    service_kind = serializers.ChoiceField(choices=ServiceKind.choices)
    person = ScopedRelatedField(Person, required=False, allow_null=True)
    referred_on = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    consent_given_by = serializers.ChoiceField(choices=ConsentGiver.choices)
    consent_given_on = serializers.DateField()
    consent_scope = serializers.CharField(max_length=300)


class ReferralAdvanceIn(InputSerializer):
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    outcome = serializers.ChoiceField(choices=ReferralOutcome.choices, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class TopicOut(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "program", "name", "is_active", "version"]


class TopicIn(InputSerializer):
    program = ScopedRelatedField(Program, required=False, help_text="Needed on create.")
    name = serializers.CharField(max_length=100)
    is_active = serializers.BooleanField(required=False)


class MaterialOut(serializers.ModelSerializer):
    times_delivered = serializers.IntegerField(read_only=True)
    versions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="label")

    class Meta:
        model = Material
        fields = [
            "id",
            "program",
            "title",
            "topic",
            "grade_from",
            "grade_to",
            "language",
            "reviewed_by",
            "reviewed_on",
            "division",
            "versions",
            "times_delivered",
            "version",
        ]


class MaterialIn(InputSerializer):
    program = ScopedRelatedField(Program, required=False, help_text="Needed on create.")
    title = serializers.CharField(max_length=200)
    topic = ScopedRelatedField(Topic, required=False, allow_null=True)
    grade_from = serializers.IntegerField(min_value=0, max_value=12, required=False)
    grade_to = serializers.IntegerField(min_value=0, max_value=12, required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    reviewed_by = serializers.CharField(max_length=200, required=False, allow_blank=True)
    reviewed_on = serializers.DateField(required=False, allow_null=True)
    division = ScopedRelatedField(Organization, required=False, allow_null=True)


class MaterialVersionOut(serializers.ModelSerializer):
    class Meta:
        model = MaterialVersion
        fields = ["id", "program", "material", "label", "released_on", "link", "changes", "version"]


class MaterialVersionIn(InputSerializer):
    material = ScopedRelatedField(Material)
    label = serializers.CharField(max_length=20)
    released_on = serializers.DateField()
    link = serializers.URLField(required=False, allow_blank=True)
    changes = serializers.CharField(required=False, allow_blank=True)


class SettingsOut(serializers.ModelSerializer):
    class Meta:
        model = EngagementSettings
        fields = ["id", "program", "referral_reminder_days", "version"]


class SettingsIn(InputSerializer):
    referral_reminder_days = serializers.IntegerField(min_value=1, max_value=365)


class TallyOut(serializers.Serializer):
    key = serializers.CharField(allow_null=True, help_text="Officer, school or topic id, or activity type.")
    label = serializers.CharField()
    activities = serializers.IntegerField()
    hours = serializers.FloatField()
    reached = serializers.IntegerField()
    referrals = serializers.IntegerField()
    referrals_completed = serializers.IntegerField()
    enforcements = serializers.IntegerField(
        allow_null=True, help_text="Null: not yet available (never zero)."
    )
    engagement_per_enforcement = serializers.FloatField(allow_null=True)


class MeasuresOut(serializers.Serializer):
    term = serializers.CharField()
    enforcement_available = serializers.BooleanField()
    total = TallyOut()
    by_officer = TallyOut(many=True)
    by_school = TallyOut(many=True)
    by_type = TallyOut(many=True)
    by_topic = TallyOut(many=True)
