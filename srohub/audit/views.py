"""The audit trail, for program admins: who did what to which record, and what changed."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.views import paginate, render_page_or_partial, require_view_somewhere

# Long values (an agreement's text) are cut in the list; the API gives them whole.
VALUE_PREVIEW = 80
# Fields every record has: they tell nothing about what a person did, so the list leaves them out.
DATE_PICKER = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BOOKKEEPING = frozenset({"id", "program_id", "created_at", "updated_at", "version"})


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("Any action")), *AuditAction.choices])
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    actor = forms.CharField(label=_("Who"), required=False, max_length=150,
                            widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    since = forms.DateField(label=_("From"), required=False, widget=DATE_PICKER)
    until = forms.DateField(label=_("To (inclusive)"), required=False, widget=DATE_PICKER)

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        types = events.order_by("object_type").values_list("object_type", flat=True).distinct()
        self.fields["object_type"].choices = [("", _("Any record type")), *((t, t) for t in types)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["until"] < cleaned["since"]:
            self.add_error("until", _("The end of the period cannot be before its start."))
        return cleaned

    def filter(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        for name in ("action", "object_type"):
            if data[name]:
                events = events.filter(**{name: data[name]})
        if data["actor"]:
            events = events.filter(actor_label__icontains=data["actor"])
        if data["since"]:
            events = events.filter(at__gte=_start_of(data["since"]))
        if data["until"]:
            events = events.filter(at__lt=_start_of(data["until"] + timedelta(days=1)))
        return events


def _start_of(day) -> datetime:
    """Midnight at the start of ``day`` in local time: people filter by their day, not by UTC."""
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None
    after: str | None


def changes_of(event: AuditEvent) -> list[Change]:
    """The fields an event touched, before and after (only after for a creation, only before for a
    deletion), without the bookkeeping every record has."""
    before, after = event.before or {}, event.after or {}
    names = sorted((before.keys() | after.keys()) - BOOKKEEPING)
    return [Change(name, _preview(before, name), _preview(after, name)) for name in names]


def _preview(values: dict, name: str) -> str | None:
    if name not in values:
        return None
    text = "" if values[name] is None else str(values[name])
    return text if len(text) <= VALUE_PREVIEW else text[: VALUE_PREVIEW - 1] + "…"


@login_required
def event_list(request):
    """Browse and filter the audit trail of the user's programs, newest first."""
    require_view_somewhere(request.user, AuditEvent)
    events = AuditEvent.objects.visible_to(request.user)
    form = AuditFilterForm(request.GET, events=events)
    page = paginate(request, form.filter(events))
    rows = [(event, changes_of(event)) for event in page]
    context = {"form": form, "page": page, "rows": rows}
    return render_page_or_partial(request, "audit/event_list.html", context,
                                  partial="results", target="audit-results")
