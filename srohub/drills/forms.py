"""Forms of the drills pages. Choices come through the choke point; services do the checking."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from srohub.accounts.models import User
from srohub.core.scoping import CHANGE
from srohub.directory.models import Organization, OrganizationKind, School
from srohub.drills import rules
from srohub.drills.models import Deficiency, Drill, DrillStatus, DrillType, SweepResult
from srohub.drills.presets import PRESET_CHOICES
from srohub.drills.selectors import divisions_for_rules


class DrillScheduleForm(forms.Form):
    school = forms.ModelChoiceField(School.objects.none(), label=_("School"))
    drill_type = forms.ChoiceField(choices=DrillType.choices, label=_("Drill type"))
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    announced = forms.BooleanField(
        label=_("Announced to staff"),
        required=False,
        initial=True,
        help_text=_("Unannounced drills stay hidden from the school office until they start."),
    )
    is_real = forms.BooleanField(label=_("This is a real event, happening now (not a drill)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.visible_to(user, CHANGE).filter(is_active=True)
        # A school admin has one school: choose it for them.
        if self.fields["school"].queryset.count() == 1:
            self.fields["school"].initial = self.fields["school"].queryset.first()


class MomentForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Time"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class DebriefForm(forms.Form):
    debrief = forms.CharField(label=_("Debrief"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    after_action_report = forms.CharField(
        label=_("After-action report"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    occurrence = forms.IntegerField(
        label=_("Occurrence number"),
        required=False,
        min_value=1,
        help_text=_("The occurrence opened for this event, at the same school. Leave empty for none."),
    )

    def __init__(self, *args, drill: Drill, may_link: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not drill.is_real:
            del self.fields["after_action_report"]
        # Only police who may see occurrences link one; to anyone else the link does not exist.
        if not (drill.is_real and may_link):
            del self.fields["occurrence"]


class RoomForm(forms.Form):
    """The no-JavaScript way to record one room; sweep.js posts the same fields to the API."""

    space = forms.IntegerField(widget=forms.HiddenInput)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    result = forms.ChoiceField(choices=SweepResult.choices, label=_("Result"), widget=forms.RadioSelect)
    deficiencies = forms.MultipleChoiceField(
        choices=Deficiency.choices,
        required=False,
        label=_("Deficiencies"),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(max_length=500, required=False, label=_("Note"))


class ComplianceFilterForm(forms.Form):
    school_year = forms.CharField(label=_("School year"), max_length=9, required=False)
    division = forms.ModelChoiceField(
        Organization.objects.none(), required=False, label=_("Division"), empty_label=_("All divisions")
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *rules.Status.choices], required=False, label=_("Status")
    )
    q = forms.CharField(required=False, label=_("School name or code"), max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Organization.objects.visible_to(user).filter(
            kind=OrganizationKind.SCHOOL_DIVISION
        )

    def clean_school_year(self):
        year = self.cleaned_data.get("school_year") or rules.school_year_of(timezone.localdate())
        try:
            rules.school_year_start(year)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return year


class DrillFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *DrillStatus.choices], required=False, label=_("Status")
    )
    drill_type = forms.ChoiceField(
        choices=[("", _("Any type")), *DrillType.choices], required=False, label=_("Drill type")
    )


# ---------------------------------------------------------------- a division's rules


class RuleSetCreateForm(forms.Form):
    """Pick a shipped preset for a division and school year; adjust it afterwards."""

    division = forms.ModelChoiceField(Organization.objects.none(), label=_("Division"))
    school_year = forms.RegexField(
        rules.SCHOOL_YEAR, label=_("School year"), error_messages={"invalid": _("Use the form 2025-2026.")}
    )
    preset = forms.ChoiceField(choices=PRESET_CHOICES, label=_("Start from the preset"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions_for_rules(user)
        self.fields["school_year"].initial = rules.school_year_of(timezone.localdate())


def terms_as_text(terms) -> str:
    return "\n".join(f"{t['key']} | {t.get('label') or t['key']} | {t['start']} | {t['end']}" for t in terms or ())


class RuleSetForm(forms.Form):
    """A division's term boundaries, notice intervals and retention."""

    terms = forms.CharField(
        label=_("Terms"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One term per line, in order from September: key | name | start MM-DD | end MM-DD."),
    )
    reminder_lead_days = forms.IntegerField(label=_("Reminder, days before due"), min_value=0, max_value=180)
    overdue_interval_days = forms.IntegerField(
        label=_("Overdue notice every (days)"), min_value=1, max_value=180
    )
    retention_years = forms.IntegerField(label=_("Keep records (years)"), min_value=1, max_value=50)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_terms(self) -> list[dict]:
        """Lines of "key | name | start | end" become the term boundaries the model validates."""
        terms = []
        for number, line in enumerate(self.cleaned_data["terms"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 4:
                raise forms.ValidationError(
                    _("Line %(number)s: write key | name | start MM-DD | end MM-DD.") % {"number": number}
                )
            terms.append(dict(zip(("key", "label", "start", "end"), parts, strict=True)))
        return terms


class RequirementForm(forms.Form):
    """One drill type's counts within a division's rules."""

    drill_type = forms.ChoiceField(choices=DrillType.choices, label=_("Drill type"))
    per_year = forms.IntegerField(label=_("Per school year"), min_value=0, max_value=60)
    per_term = forms.IntegerField(label=_("Per term or semester"), min_value=0, max_value=30, initial=0)
    unannounced = forms.IntegerField(label=_("Unannounced, at least"), min_value=0, max_value=60, initial=0)
    varied_times = forms.BooleanField(label=_("At varied times of day"), required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:  # the type of an existing requirement is what it is: add another type instead
            del self.fields["drill_type"]


# ---------------------------------------------------------------- corrective actions


def owner_choices(school):
    """Who may own a school's corrective action: the program's members at that school or program-wide
    (never another school's staff)."""
    return (
        User.objects.filter(
            Q(memberships__school=school) | Q(memberships__school__isnull=True),
            memberships__program_id=school.program_id,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class CorrectiveActionForm(forms.Form):
    description = forms.CharField(label=_("What to fix"), max_length=500)
    owner = OwnerChoiceField(User.objects.none(), label=_("Owner"))
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_choices(school)


class CloseActionForm(forms.Form):
    closing_note = forms.CharField(label=_("How it was fixed"), max_length=500)
    closed_on = forms.DateField(
        label=_("Closed on"),
        required=False,
        help_text=_("Leave empty for today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("open", _("Open")), ("closed", _("Closed")), ("", _("All"))], required=False, label=_("Status")
    )
