"""Input and output serializers of the drills API (separate, as everywhere in SRO Hub)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from srohub.core.api import InputSerializer, ScopedRelatedField
from srohub.directory.models import Officer, Organization, School, Space
from srohub.drills import rules
from srohub.drills.models import (
    CorrectiveAction,
    Deficiency,
    Drill,
    DrillType,
    Requirement,
    RequirementSet,
    SweepEntry,
    SweepResult,
)
from srohub.drills.presenters import drill_timing, timing_payload
from srohub.drills.presets import PRESET_CHOICES
from srohub.drills.selectors import linked_occurrence_id

# ---------------------------------------------------------------- output


class SweepEntryOut(serializers.ModelSerializer):
    space_name = serializers.CharField(source="space.name", read_only=True)

    class Meta:
        model = SweepEntry
        fields = [
            "id",
            "drill",
            "space",
            "space_name",
            "result",
            "deficiencies",
            "note",
            "checked_at",
            "idempotency_key",
            "version",
        ]


class DrillOut(serializers.ModelSerializer):
    school_name = serializers.CharField(source="school.name", read_only=True)
    occurrence = serializers.SerializerMethodField(
        help_text="A real event's occurrence; null unless the caller may see that occurrence."
    )

    class Meta:
        model = Drill
        fields = [
            "id",
            "school",
            "school_name",
            "drill_type",
            "scheduled_for",
            "announced",
            "is_real",
            "officer",
            "status",
            "started_at",
            "all_clear_at",
            "debrief",
            "after_action_report",
            "occurrence",
            "pinned_in_plan",
            "pin_note",
            "version",
        ]


    def get_occurrence(self, drill) -> int | None:
        request = self.context.get("request")
        return linked_occurrence_id(drill, getattr(request, "user", None))


class DrillDetailOut(DrillOut):
    timing = serializers.SerializerMethodField()

    class Meta(DrillOut.Meta):
        fields = [*DrillOut.Meta.fields, "timing"]

    def get_timing(self, drill) -> dict:
        return timing_payload(drill_timing(drill))


class CorrectiveActionOut(serializers.ModelSerializer):
    class Meta:
        model = CorrectiveAction
        fields = [
            "id",
            "drill",
            "school",
            "sweep_entry",
            "description",
            "owner",
            "due_on",
            "status",
            "closed_on",
            "closing_note",
            "version",
        ]


class RequirementOut(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = [
            "id",
            "requirement_set",
            "drill_type",
            "per_year",
            "per_term",
            "unannounced",
            "varied_times",
            "source",
            "version",
        ]


class RequirementSetOut(serializers.ModelSerializer):
    requirements = RequirementOut(many=True, read_only=True)

    class Meta:
        model = RequirementSet
        fields = [
            "id",
            "division",
            "school_year",
            "preset",
            "terms",
            "reminder_lead_days",
            "overdue_interval_days",
            "retention_years",
            "requirements",
            "version",
        ]


# ---------------------------------------------------------------- input


class DrillIn(InputSerializer):
    school = ScopedRelatedField(School)
    drill_type = serializers.ChoiceField(DrillType.choices)
    scheduled_for = serializers.DateTimeField(help_text="For a real event: when it started.")
    announced = serializers.BooleanField(default=True)
    is_real = serializers.BooleanField(default=False, help_text="A real lockdown, recorded as it happens.")
    officer = ScopedRelatedField(Officer, required=False, allow_null=True)
    occurrence = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="A real event's occurrence, at the same school."
    )


class DrillChangeIn(InputSerializer):
    scheduled_for = serializers.DateTimeField(required=False)
    drill_type = serializers.ChoiceField(DrillType.choices, required=False)
    announced = serializers.BooleanField(required=False)
    officer = ScopedRelatedField(Officer, required=False, allow_null=True)
    debrief = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    after_action_report = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    occurrence = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text="A real event's occurrence; null clears the link."
    )


class MomentIn(serializers.Serializer):
    at = serializers.DateTimeField(required=False, help_text="Default: now.")


class SweepEntryIn(serializers.Serializer):
    space = ScopedRelatedField(Space)
    result = serializers.ChoiceField(SweepResult.choices)
    deficiencies = serializers.ListField(
        child=serializers.ChoiceField(Deficiency.choices),
        required=False,
        max_length=len(Deficiency.values),
        default=list,
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    checked_at = serializers.DateTimeField(
        help_text="When the room was checked, on the device (offline queues)."
    )
    idempotency_key = serializers.RegexField(
        r"^[A-Za-z0-9_-]{8,64}$", help_text="Generated once per room entry."
    )


class CorrectiveActionIn(InputSerializer):
    drill = ScopedRelatedField(Drill)
    description = serializers.CharField(max_length=500)
    owner = serializers.IntegerField(min_value=1, help_text="A user id; a member of the drill's program.")
    due_on = serializers.DateField()


class CorrectiveActionChangeIn(InputSerializer):
    description = serializers.CharField(max_length=500, required=False)
    owner = serializers.IntegerField(min_value=1, required=False)
    due_on = serializers.DateField(required=False)


class CloseIn(InputSerializer):
    closing_note = serializers.CharField(max_length=500)
    closed_on = serializers.DateField(required=False)


class RequirementSetIn(InputSerializer):
    division = ScopedRelatedField(Organization)
    school_year = serializers.RegexField(
        rules.SCHOOL_YEAR, error_messages={"invalid": _("Use the form 2025-2026.")}
    )
    preset = serializers.ChoiceField(PRESET_CHOICES)
    terms = serializers.JSONField(required=False)


class RequirementSetChangeIn(InputSerializer):
    terms = serializers.JSONField(required=False)
    reminder_lead_days = serializers.IntegerField(min_value=0, max_value=180, required=False)
    overdue_interval_days = serializers.IntegerField(min_value=1, max_value=180, required=False)
    retention_years = serializers.IntegerField(min_value=1, max_value=50, required=False)


class RequirementIn(InputSerializer):
    requirement_set = ScopedRelatedField(RequirementSet)
    drill_type = serializers.ChoiceField(DrillType.choices)
    per_year = serializers.IntegerField(min_value=0, max_value=60)
    per_term = serializers.IntegerField(min_value=0, max_value=30, default=0)
    unannounced = serializers.IntegerField(min_value=0, max_value=60, default=0)
    varied_times = serializers.BooleanField(default=False)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RequirementChangeIn(InputSerializer):
    per_year = serializers.IntegerField(min_value=0, max_value=60, required=False)
    per_term = serializers.IntegerField(min_value=0, max_value=30, required=False)
    unannounced = serializers.IntegerField(min_value=0, max_value=60, required=False)
    varied_times = serializers.BooleanField(required=False)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)


# ---------------------------------------------------------------- compliance (the answer's shape)


class ComplianceCheckOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    required = serializers.IntegerField()
    completed = serializers.IntegerField()
    due = serializers.DateField()
    status = serializers.ChoiceField(rules.Status.choices)
    reason = serializers.CharField()


class ComplianceTypeOut(serializers.Serializer):
    drill_type = serializers.ChoiceField(DrillType.choices)
    label = serializers.CharField()
    required = serializers.IntegerField()
    completed = serializers.IntegerField()
    unannounced = serializers.IntegerField()
    unannounced_required = serializers.IntegerField()
    status = serializers.ChoiceField(rules.Status.choices)
    reason = serializers.CharField()
    next_due = serializers.DateField(allow_null=True)
    terms = ComplianceCheckOut(many=True)


class ComplianceSchoolOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ComplianceOut(serializers.Serializer):
    school = ComplianceSchoolOut()
    school_year = serializers.CharField()
    requirements = serializers.CharField(
        allow_null=True, help_text="The division's rules, or the province preset."
    )
    status = serializers.ChoiceField(rules.Status.choices, allow_null=True)
    next_due = serializers.DateField(allow_null=True)
    open_corrective_actions = serializers.IntegerField()
    drill_types = ComplianceTypeOut(many=True)
