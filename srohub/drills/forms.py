"""Forms of the drills pages. Choices come through the choke point; services do the checking."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from srohub.core.scoping import CHANGE
from srohub.directory.models import Organization, OrganizationKind, School
from srohub.drills import rules
from srohub.drills.models import Deficiency, Drill, DrillStatus, DrillType, SweepResult


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

    def __init__(self, *args, drill: Drill, **kwargs):
        super().__init__(*args, **kwargs)
        if not drill.is_real:
            del self.fields["after_action_report"]


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
