"""Forms of the occurrences pages (validation of shapes; the services validate the law)."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from srohub.core.roles import SCHOOL_ROLES
from srohub.core.scoping import grants_for
from srohub.directory.models import School
from srohub.occurrences.models import Category


class IntakeForm(forms.Form):
    """Report-a-crime intake: what a student told a staff member, relayed to the SRO."""

    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    occurred_at = forms.DateTimeField(
        label=_("When did it happen?"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("What kind of incident?"),
        queryset=Category.objects.all(),
        to_field_name="key",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    what_happened = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    reporter_name = forms.CharField(
        label=_("Who reported it (kept private, shown to the SRO only)"), max_length=200, required=False
    )
    reporter_contact = forms.CharField(
        label=_("How to reach them (kept private)"), max_length=200, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        school_ids = {s for g in grants_for(user) if g.role in SCHOOL_ROLES for s in (g.school_ids or ())}
        self.fields["school"].queryset = School.objects.filter(pk__in=sorted(school_ids))
        if len(school_ids) == 1:
            self.fields["school"].initial = next(iter(school_ids))


class PeriodForm(forms.Form):
    """The period a counts report covers (default: the last twelve months)."""

    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or date(end.year - 1, end.month, 1)
        return (start, end) if start <= end else (end, end)
