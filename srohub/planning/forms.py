"""Forms of the planning pages; each field labelled (WCAG 2.1 AA), validation mirrors the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from srohub.planning.models import ClosureKind, HalfDay, PlanningSettings
from srohub.planning.models.schools import Weekday

SLOT_CHOICES = [("", _("— not ranked —"))] + [
    (f"{day.value}-{half.value}", f"{day.label} {half.label.lower()}") for day in Weekday for half in HalfDay
]


class DateInput(forms.DateInput):
    input_type = "date"


class RangeForm(forms.Form):
    start_date = forms.DateField(label=_("From"), widget=DateInput)
    end_date = forms.DateField(label=_("To"), widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class BlackoutForm(RangeForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class PlanRunForm(forms.Form):
    start_date = forms.DateField(
        label=_("First day"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty for the next Monday."),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty for the next four school weeks."),
    )
    seconds = forms.IntegerField(label=_("Time to search (seconds)"), min_value=1, max_value=300, initial=20)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if end and not start:
            self.add_error("start_date", _("Give the first day with the last day."))
        return data


class RankedSlotsForm(forms.Form):
    """Up to five ranked half-days, first choice first."""

    def __init__(self, *args, initial_ranked=(), **kwargs):
        super().__init__(*args, **kwargs)
        for rank in range(1, 6):
            value = initial_ranked[rank - 1] if rank <= len(initial_ranked) else ""
            self.fields[f"choice_{rank}"] = forms.ChoiceField(
                label=_("Choice %(rank)s") % {"rank": rank},
                choices=SLOT_CHOICES,
                required=False,
                initial=value,
            )

    def ranked(self) -> list[tuple[int, str]]:
        picked = [self.cleaned_data[f"choice_{rank}"] for rank in range(1, 6)]
        return [(int(v.split("-")[0]), v.split("-")[1]) for v in picked if v]

    def clean(self):
        data = super().clean()
        picked = [data.get(f"choice_{rank}") for rank in range(1, 6) if data.get(f"choice_{rank}")]
        if len(picked) != len(set(picked)):
            raise forms.ValidationError(_("Each half-day can be ranked only once."))
        return data


class PresenceRequestForm(forms.Form):
    requested_per_week = forms.DecimalField(
        label=_("Half-days a week the school asks for"),
        min_value=0,
        max_value=10,
        decimal_places=1,
        required=False,
    )


class SupervisorTargetForm(PresenceRequestForm):
    target_per_week = forms.DecimalField(
        label=_("Supervisor's target (half-days a week)"),
        min_value=0,
        max_value=10,
        decimal_places=1,
        required=False,
    )
    minimum_per_week = forms.DecimalField(
        label=_("Hard minimum (half-days a week)"), min_value=0, max_value=10, decimal_places=1, initial=0
    )


class PinForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None)
    day = forms.DateField(label=_("Day"), widget=DateInput)
    half_day = forms.ChoiceField(label=_("Half-day"), choices=HalfDay.choices)
    reason = forms.CharField(label=_("What for"), max_length=200)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class MissedForm(forms.Form):
    reason = forms.CharField(
        label=_("Why was the visit missed?"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


# ---------------------------------------------------------------- supervisor set-up pages


class TerritoryDesignForm(forms.Form):
    seconds = forms.IntegerField(
        label=_("Time to search (seconds)"),
        min_value=1,
        max_value=120,
        initial=10,
        help_text=_("A city-scale design usually takes a few seconds."),
    )


class TerritoryEditForm(forms.Form):
    school = forms.TypedChoiceField(label=_("School"), coerce=int)
    officer = forms.ModelChoiceField(label=_("Covered by"), queryset=None)

    def __init__(self, *args, schools, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = schools
        self.fields["officer"].queryset = officers
        self.fields["officer"].label_from_instance = _officer_label


def _officer_label(officer) -> str:
    return f"{officer.name} (FR)" if officer.speaks_french else officer.name


class TerritoryAcceptForm(forms.Form):
    start_date = forms.DateField(
        label=_("New assignments start on"),
        widget=DateInput,
        help_text=_("Current assignments that change end the day before."),
    )


class ClosureForm(RangeForm):
    division = forms.ModelChoiceField(label=_("Division"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ClosureKind.choices)
    label = forms.CharField(label=_("Label"), max_length=120)

    field_order = ["division", "start_date", "end_date", "kind", "label"]

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions


class CalendarGenerateForm(forms.Form):
    division = forms.ModelChoiceField(label=_("Division"), queryset=None)
    school_year = forms.IntegerField(
        label=_("School year starting in"), min_value=2000, max_value=2100, help_text=_("For example 2026 for 2026–27.")
    )

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions


class LeaveForm(RangeForm):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    field_order = ["officer", "start_date", "end_date", "reason"]

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class SettingsForm(forms.ModelForm):
    """The need-score weights, travel limit and speed, horizon and stability of a program."""

    class Meta:
        model = PlanningSettings
        fields = list(PlanningSettings.EDITABLE)
        help_texts = {
            "per_enforcement": _("Cautions, extrajudicial sanctions and charges at the school in the last year."),
            "stability_weight": _("Higher keeps more of the published plan when re-planning."),
            "travel_limit_minutes": _("Two schools on one day must be within this drive of each other."),
        }
