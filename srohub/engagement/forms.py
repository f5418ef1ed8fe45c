"""Forms of the engagement pages. Choices come through the choke point; services do the checking."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from srohub.core.scoping import CHANGE
from srohub.directory.models import Officer, Organization, OrganizationKind, Program, School
from srohub.engagement import rules
from srohub.engagement.models import ConsentGiver, Language, MaterialVersion, ServiceKind, Topic
from srohub.engagement.rules import ActivityLanguage, ActivityType, ReferralOutcome, ReferralStatus
from srohub.people.models import Person

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class PseudonymField(forms.CharField):
    """A young person named by their pseudonymous id, never chosen from a list of names."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("label", _("Young person (pseudonymous id)"))
        kwargs.setdefault("help_text", _("For example P-7KQM-4XBD. Leave empty when nobody in particular."))
        super().__init__(**kwargs)


def languages_field(**kwargs) -> forms.MultipleChoiceField:
    """The languages of an activity: checkboxes, English checked unless said otherwise."""
    kwargs.setdefault("initial", list(rules.DEFAULT_LANGUAGES))
    return forms.MultipleChoiceField(
        choices=ActivityLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages"),
        error_messages={"required": _("Choose at least one language.")},
        **kwargs,
    )


def resolve_pseudonym(form, user, value: str):
    """The person with this pseudonym that ``user`` may see (a form error otherwise)."""
    if not value:
        return None
    person = Person.objects.visible_to(user, CHANGE).filter(pseudonym=value.strip().upper()).first()
    if person is None:
        form.add_error("person", _("No person with this id in your schools."))
    return person


class QuickEntryForm(forms.Form):
    """The phone form: type, topic, duration; the rest is preselected (issue 4 "quick entry")."""

    activity_type = forms.ChoiceField(choices=ActivityType.choices, label=_("What"))
    topic = forms.ModelChoiceField(
        Topic.objects.none(), required=False, label=_("Topic"), empty_label=_("— no topic —")
    )
    duration_minutes = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=rules.MAX_DURATION_MINUTES,
        label=_("Minutes"),
        help_text=_("Leave empty for the usual length."),
    )
    audience_count = forms.IntegerField(
        required=False, min_value=0, max_value=rules.MAX_AUDIENCE, label=_("Head count")
    )
    school = forms.ModelChoiceField(School.objects.none(), label=_("School"))
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    languages = languages_field(required=False)

    def __init__(self, *args, officer: Officer, schools, today_school, last_languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(program_id=officer.program_id, is_active=True)
        self.fields["school"].queryset = schools
        self.fields["school"].initial = today_school
        self.fields["occurred_on"].initial = timezone.localdate()
        # Preselected like the school: the languages of the last entry, else English.
        self.default_languages = list(last_languages or rules.DEFAULT_LANGUAGES)
        self.fields["languages"].initial = self.default_languages

    def clean(self):
        data = super().clean()
        if data.get("activity_type") and not data.get("duration_minutes"):
            data["duration_minutes"] = rules.default_minutes(data["activity_type"])
        if not data.get("languages"):
            data["languages"] = self.default_languages
        return data


class ActivityForm(forms.Form):
    """Every field of an activity, for the desk or the less common entries."""

    school = forms.ModelChoiceField(School.objects.none(), label=_("School"))
    officer = forms.ModelChoiceField(
        Officer.objects.none(),
        required=False,
        label=_("Officer"),
        help_text=_("Supervisors only: whose activity this is."),
    )
    activity_type = forms.ChoiceField(choices=ActivityType.choices, label=_("Type"))
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    duration_minutes = forms.IntegerField(min_value=0, max_value=10**6, label=_("Duration (minutes)"))
    topic = forms.ModelChoiceField(Topic.objects.none(), required=False, label=_("Topic"))
    material_version = forms.ModelChoiceField(
        MaterialVersion.objects.none(), required=False, label=_("Presentation delivered")
    )
    grades = forms.CharField(required=False, max_length=40, label=_("Grades"))
    audience_count = forms.IntegerField(required=False, min_value=0, max_value=10**6, label=_("Head count"))
    languages = languages_field()
    person = PseudonymField()
    notes = forms.CharField(
        required=False,
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by police only."),
    )

    # What an edit may change: not the officer (the entry stays theirs) nor the program.
    EDITABLE = (
        "school",
        "activity_type",
        "occurred_on",
        "duration_minutes",
        "topic",
        "material_version",
        "grades",
        "audience_count",
        "languages",
        "person",
        "notes",
    )

    def __init__(self, *args, user, activity=None, pseudonym=None, **kwargs):
        """``activity``: the entry being corrected (its values preselected, the version it was read
        at carried along); ``pseudonym``: its young person's, when ``user`` may see it."""
        if activity is not None:
            kwargs.setdefault("initial", self.initial_of(activity, pseudonym))
        super().__init__(*args, **kwargs)
        self.user = user
        keep = Q(pk=activity.school_id) if activity else Q(pk__in=[])
        self.fields["school"].queryset = School.objects.visible_to(user).filter(Q(is_active=True) | keep)
        self.fields["officer"].queryset = Officer.objects.visible_to(user, CHANGE)
        keep = Q(pk=activity.topic_id) if activity and activity.topic_id else Q(pk__in=[])
        self.fields["topic"].queryset = Topic.objects.visible_to(user).filter(Q(is_active=True) | keep)
        self.fields["material_version"].queryset = MaterialVersion.objects.visible_to(user).select_related(
            "material"
        )
        self.fields["occurred_on"].initial = timezone.localdate()
        if activity is not None:
            self._for_edit(activity, pseudonym)

    @staticmethod
    def initial_of(activity, pseudonym) -> dict:
        return {
            "school": activity.school_id,
            "activity_type": activity.activity_type,
            "occurred_on": activity.occurred_on,
            "duration_minutes": activity.duration_minutes,
            "topic": activity.topic_id,
            "material_version": activity.material_version_id,
            "grades": activity.grades,
            "audience_count": activity.audience_count,
            "languages": list(activity.languages),
            "person": pseudonym or "",
            "notes": activity.notes,
            "version": activity.version,
        }

    def _for_edit(self, activity, pseudonym) -> None:
        del self.fields["officer"]
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
        if activity.person_id and not pseudonym:
            # A young person this user may not see stays linked, untouched, and so do the notes
            # about them (presenters.Disclosure.notes).
            del self.fields["person"]
            del self.fields["notes"]

    def clean_person(self):
        return resolve_pseudonym(self, self.user, self.cleaned_data.get("person", ""))

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def changes(self) -> dict:
        """The corrected values, for ``services.activity_update``."""
        return {name: self.cleaned_data.get(name) for name in self.EDITABLE if name in self.fields}


class ReferralForm(forms.Form):
    school = forms.ModelChoiceField(School.objects.none(), label=_("School"))
    agency = forms.ModelChoiceField(Organization.objects.none(), label=_("Agency"))
    service_kind = forms.ChoiceField(choices=ServiceKind.choices, label=_("Service"))
    person = PseudonymField(help_text=_("Police link the person record; school staff may leave it empty."))
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE_INPUT)
    reason = forms.CharField(required=False, label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    consent_given_by = forms.ChoiceField(choices=ConsentGiver.choices, label=_("Consent given by"))
    consent_given_on = forms.DateField(label=_("Consent given on"), widget=DATE_INPUT)
    consent_scope = forms.CharField(
        max_length=300, label=_("Consent covers"), help_text=_("What may be shared, with whom.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["school"].queryset = School.objects.visible_to(user).filter(is_active=True)
        self.fields["agency"].queryset = Organization.objects.visible_to(user).filter(
            kind=OrganizationKind.COMMUNITY_AGENCY
        )
        today = timezone.localdate()
        self.fields["referred_on"].initial = today
        self.fields["consent_given_on"].initial = today

    def clean_person(self):
        return resolve_pseudonym(self, self.user, self.cleaned_data.get("person", ""))


class ReferralAdvanceForm(forms.Form):
    status = forms.ChoiceField(choices=ReferralStatus.choices[1:], label=_("New status"))
    outcome = forms.ChoiceField(
        choices=[("", _("— only when closing —")), *ReferralOutcome.choices],
        required=False,
        label=_("Outcome"),
    )
    note = forms.CharField(required=False, max_length=300, label=_("Note"))


class TermForm(forms.Form):
    term = forms.ChoiceField(label=_("Term"), required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        terms, term = [], rules.term_of(today)
        for _step in range(9):  # the current term and the two school years before it
            terms.append((term.key, term.label))
            term = term.previous()
        asked = self._asked_term()
        if asked is not None and (asked.key, asked.label) not in terms:  # a link to an older term
            terms.append((asked.key, asked.label))
        self.fields["term"].choices = terms

    def _asked_term(self) -> rules.Term | None:
        try:
            return rules.term_from_key((self.data or {}).get("term", ""))
        except ValueError:
            return None

    def chosen(self, today) -> rules.Term:
        if self.is_valid() and self.cleaned_data["term"]:
            return rules.term_from_key(self.cleaned_data["term"])
        return rules.term_of(today)


class MaterialForm(forms.Form):
    """A presentation of the library: what it is about, the grades it suits, who reviewed it."""

    program = forms.ModelChoiceField(Program.objects.none(), label=_("Program"))
    title = forms.CharField(max_length=200, label=_("Title"))
    topic = forms.ModelChoiceField(Topic.objects.none(), required=False, label=_("Topic"))
    grade_from = forms.IntegerField(min_value=0, max_value=12, initial=0, label=_("From grade"),
                                    help_text=_("0 is kindergarten."))
    grade_to = forms.IntegerField(min_value=0, max_value=12, initial=12, label=_("To grade"))
    language = forms.ChoiceField(choices=Language.choices, initial=Language.ENGLISH, label=_("Language"))
    division = forms.ModelChoiceField(Organization.objects.none(), required=False, label=_("Reviewing division"))
    reviewed_by = forms.CharField(required=False, max_length=200, label=_("Reviewed by"),
                                  help_text=_("Who reviewed it for the division (name and role)."))
    reviewed_on = forms.DateField(required=False, label=_("Reviewed on"), widget=DATE_INPUT)

    EDITABLE = ("title", "topic", "grade_from", "grade_to", "language", "division", "reviewed_by", "reviewed_on")

    def __init__(self, *args, user, programs, material=None, **kwargs):
        """``material``: the presentation being corrected (its program stays; its values preselected)."""
        if material is not None:
            kwargs.setdefault("initial", {**self.initial_of(material), "version": material.version})
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(pk__in=programs)
        self.fields["program"].initial = min(programs) if programs else None
        if len(programs) == 1:
            self.fields["program"].widget = forms.HiddenInput()
        keep = Q(pk=material.topic_id) if material and material.topic_id else Q(pk__in=[])
        self.fields["topic"].queryset = Topic.objects.visible_to(user).filter(Q(is_active=True) | keep)
        self.fields["division"].queryset = Organization.objects.visible_to(user).filter(
            kind=OrganizationKind.SCHOOL_DIVISION
        )
        if material is not None:
            del self.fields["program"]
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    @staticmethod
    def initial_of(material) -> dict:
        return {
            "title": material.title,
            "topic": material.topic_id,
            "grade_from": material.grade_from,
            "grade_to": material.grade_to,
            "language": material.language,
            "division": material.division_id,
            "reviewed_by": material.reviewed_by,
            "reviewed_on": material.reviewed_on,
        }

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def changes(self) -> dict:
        """The corrected values, for ``services.material_update``."""
        return {name: self.cleaned_data.get(name) for name in self.EDITABLE}

    def clean(self):
        data = super().clean()
        low, high = data.get("grade_from"), data.get("grade_to")
        if low is not None and high is not None and high < low:
            self.add_error("grade_to", _("The last grade comes after the first."))
        return data


class MaterialVersionForm(forms.Form):
    """A new version of a presentation (the slides as delivered from a date)."""

    label = forms.CharField(max_length=20, label=_("Version"), help_text=_("For example 2025.1."))
    released_on = forms.DateField(label=_("Released on"), widget=DATE_INPUT)
    link = forms.URLField(required=False, label=_("Link to the slides"), assume_scheme="https")
    changes = forms.CharField(required=False, label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}))


class VersionedForm(forms.Form):
    """A form that carries the version of the record it edits (a concurrent edit is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class TopicForm(forms.Form):
    """A new topic of the catalogue."""

    program = forms.ModelChoiceField(Program.objects.none(), label=_("Program"))
    name = forms.CharField(max_length=100, label=_("Name"))

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(pk__in=programs)
        self.fields["program"].initial = min(programs) if programs else None
        if len(programs) == 1:
            self.fields["program"].widget = forms.HiddenInput()


class TopicRenameForm(VersionedForm):
    name = forms.CharField(max_length=100, label=_("Name"))


class TopicStatusForm(VersionedForm):
    """Retire a topic (no longer offered) or put it back in use."""

    is_active = forms.TypedChoiceField(
        choices=[("1", _("In use")), ("0", _("Retired"))], coerce=lambda value: value == "1", label=_("Status")
    )


class SettingsForm(VersionedForm):
    referral_reminder_days = forms.IntegerField(
        min_value=1,
        max_value=365,
        label=_("Remind after days without update"),
        help_text=_(
            "An open referral nobody has updated for this many days is brought back to the mind of "
            "the person who made it and its officer (1 to 365)."
        ),
    )
