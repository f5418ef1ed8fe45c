"""Forms of the police pages that write youth records: occurrences, people involved, outcomes,
parental notices, disclosures to schools and attachments. They check shapes; the services check
the law (YCJA) and the scope, and their refusals land on these forms as field errors."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.directory.forms import VersionedModelForm
from srohub.directory.models import School, Space
from srohub.occurrences.models import (
    OUTCOME_CHOICES,
    OUTCOME_DATE_FIELDS,
    Category,
    ChargeMethod,
    ContentChoice,
    DisclosurePurposeChoice,
    InvolvementRole,
    NoticeMethodChoice,
    Occurrence,
    OccurrenceStatus,
    RecipientChoice,
    ReportedVia,
    SubjectOutcome,
)
from srohub.occurrences.models.scope import OCCURRENCE_POLICE
from srohub.people.models import Guardian, GuardianRelationship, Person

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def police_schools(user):
    """The schools where ``user`` records occurrences: an SRO's schools, a supervisor's unit."""
    school_ids, programs = set(), set()
    for grant in grants_for(user):
        if grant.role in OCCURRENCE_POLICE:
            if grant.school_ids is None:
                programs.add(grant.program_id)
            else:
                school_ids |= set(grant.school_ids)
    return School.objects.filter(pk__in=sorted(school_ids)) | School.objects.filter(program_id__in=sorted(programs))


class VersionedForm(forms.Form):
    """A form editing a record: the version it was read at, so a concurrent save is a 409, not lost."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OccurrenceForm(VersionedForm):
    school = forms.ModelChoiceField(label=_("School"), queryset=School.objects.none())
    space = forms.ModelChoiceField(
        label=_("Space (optional)"), queryset=Space.objects.none(), required=False
    )
    near_school = forms.BooleanField(label=_("Near the school, not on its grounds"), required=False)
    occurred_at = forms.DateTimeField(label=_("Date and time"), widget=DATETIME)
    reported_via = forms.ChoiceField(label=_("Reported by"), choices=ReportedVia.choices)
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.all(),
        to_field_name="key",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    narrative = forms.CharField(
        label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )
    status = forms.ChoiceField(label=_("Status"), choices=OccurrenceStatus.choices, required=False)

    def __init__(self, *args, user, occurrence: Occurrence | None = None, **kwargs):
        if occurrence is not None:
            kwargs.setdefault("initial", self.initial_of(occurrence))
        super().__init__(*args, **kwargs)
        schools = police_schools(user).order_by("name")
        self.fields["school"].queryset = schools
        self.fields["space"].queryset = Space.objects.filter(school__in=schools, is_active=True).select_related(
            "school"
        )
        self.fields["space"].label_from_instance = lambda space: f"{space.school.name} — {space.name}"
        if occurrence is None:
            del self.fields["status"]
            del self.fields["version"]

    @staticmethod
    def initial_of(occurrence: Occurrence) -> dict:
        return {
            "school": occurrence.school_id,
            "space": occurrence.space_id,
            "near_school": occurrence.near_school,
            "occurred_at": occurrence.occurred_at,
            "reported_via": occurrence.reported_via,
            "categories": [c.key for c in occurrence.categories.all()],
            "narrative": occurrence.narrative,
            "status": occurrence.status,
            "version": occurrence.version,
        }


class InvolvementForm(forms.Form):
    """Someone's part in an occurrence: a person already known (by pseudonymous id) or someone new."""

    role = forms.ChoiceField(label=_("Role"), choices=InvolvementRole.choices)
    pseudonym = forms.CharField(
        label=_("Pseudonymous id of someone already known (e.g. P-ABCD-2345)"), max_length=16, required=False
    )
    given_name = forms.CharField(label=_("Given name (someone new)"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name (someone new)"), max_length=100, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE, required=False)
    person_school = forms.ModelChoiceField(
        label=_("School they attend"), queryset=School.objects.none(), required=False
    )
    grade = forms.CharField(label=_("Grade"), max_length=8, required=False)
    guardian_name = forms.CharField(label=_("Parent or guardian"), max_length=200, required=False)
    guardian_relationship = forms.ChoiceField(
        label=_("Relationship"), choices=GuardianRelationship.choices, required=False
    )
    guardian_phone = forms.CharField(label=_("Their phone"), max_length=32, required=False)
    guardian_email = forms.EmailField(label=_("Their email"), required=False)

    def __init__(self, *args, user, occurrence: Occurrence, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["person_school"].queryset = School.objects.filter(program_id=occurrence.program_id).order_by(
            "name"
        )
        self.fields["person_school"].initial = occurrence.school_id

    def clean(self):
        data = super().clean()
        pseudonym = (data.get("pseudonym") or "").strip().upper()
        if pseudonym:
            data["person"] = Person.objects.visible_to(self.user).filter(pseudonym=pseudonym).first()
            if data["person"] is None:
                self.add_error("pseudonym", _("No one you may see has this id."))
        elif not (data.get("given_name") and data.get("family_name")):
            self.add_error("given_name", _("Give the id of someone known, or the names of someone new."))
        if data.get("guardian_name") and not data.get("guardian_relationship"):
            self.add_error("guardian_relationship", _("Say how they are related."))
        return data

    def person_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "date_of_birth": data.get("date_of_birth"),
            "school": data.get("person_school"),
            "grade": data.get("grade") or "",
        }

    def guardian_fields(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("guardian_name"):
            return None
        return {
            "name": data["guardian_name"],
            "relationship": data["guardian_relationship"],
            "phone": data.get("guardian_phone") or "",
            "email": data.get("guardian_email") or "",
        }


class OutcomeForm(VersionedForm):
    """A subject's outcome and the dates its access period counts from (YCJA s.119(2))."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=OUTCOME_CHOICES)
    charge_method = forms.ChoiceField(
        label=_("Charged by"), choices=[("", "—"), *ChargeMethod.choices], required=False
    )
    charge = forms.CharField(label=_("Charge"), max_length=200, required=False)
    later_offence_indictable = forms.TypedChoiceField(
        label=_("Later offence during the sentence period (s.119(2)(i)/(j))"),
        choices=[("", "—"), ("false", _("Summary")), ("true", _("Indictable"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, outcome: SubjectOutcome | None = None, **kwargs):
        if outcome is not None:
            initial = {name: getattr(outcome, name) for name in ("outcome", "charge_method", "charge")}
            initial.update({name: getattr(outcome, name) for name in OUTCOME_DATE_FIELDS})
            flag = outcome.later_offence_indictable
            initial["later_offence_indictable"] = "" if flag is None else str(flag).lower()
            kwargs.setdefault("initial", {**initial, "version": outcome.version})
        super().__init__(*args, **kwargs)
        for name in OUTCOME_DATE_FIELDS:
            self.fields[name] = forms.DateField(
                label=SubjectOutcome._meta.get_field(name).verbose_name.capitalize(), widget=DATE, required=False
            )
        self.order_fields(["outcome", "charge_method", "charge", *OUTCOME_DATE_FIELDS])


class NoticeGivenForm(VersionedForm):
    """How a notice duty was met: to whom (s.26(4)), how, when, what it said (s.26(6)), proof (s.26(8))."""

    given_at = forms.DateTimeField(label=_("Given on"), widget=DATETIME)
    recipient_name = forms.CharField(label=_("Given to"), max_length=200)
    recipient_relationship = forms.ChoiceField(label=_("Relationship"), choices=RecipientChoice.choices)
    parent_available = forms.BooleanField(label=_("A parent was available"), required=False, initial=True)
    method = forms.ChoiceField(label=_("How"), choices=NoticeMethodChoice.choices)
    proof_of_delivery = forms.CharField(
        label=_("Proof of service or delivery (written notice)"), max_length=300, required=False
    )
    contents_given = forms.MultipleChoiceField(
        label=_("What the notice said"),
        choices=ContentChoice.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)

    def __init__(self, *args, required_contents=(), **kwargs):
        super().__init__(*args, **kwargs)
        required = set(required_contents)
        self.fields["contents_given"].choices = [c for c in ContentChoice.choices if c[0] in required]


class ParentalContactForm(forms.Form):
    """A discretionary contact with a parent: recorded, no duty (program practice)."""

    given_at = forms.DateTimeField(label=_("When"), widget=DATETIME)
    recipient_name = forms.CharField(label=_("With whom"), max_length=200)
    recipient_relationship = forms.ChoiceField(label=_("Relationship"), choices=RecipientChoice.choices)
    method = forms.ChoiceField(label=_("How"), choices=NoticeMethodChoice.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)


class DisclosureForm(forms.Form):
    """Information shared with a school admin under YCJA s.125(6), written out exactly."""

    recipient = forms.ModelChoiceField(label=_("School admin"), queryset=get_user_model().objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=DisclosurePurposeChoice.choices)
    information_shared = forms.CharField(
        label=_("Exactly what is shared"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Only what the purpose needs. The school keeps it apart and destroys it when no longer needed."),
    )

    def __init__(self, *args, occurrence: Occurrence, **kwargs):
        super().__init__(*args, **kwargs)
        memberships = Membership.objects.filter(
            program_id=occurrence.program_id, role=Role.SCHOOL_ADMIN, is_active=True
        ).select_related("school")
        schools = {m.user_id: m.school.name if m.school else "" for m in memberships}
        field = self.fields["recipient"]
        field.queryset = get_user_model().objects.filter(pk__in=sorted(schools)).order_by("last_name", "username")
        field.label_from_instance = lambda user: f"{user.get_full_name() or user.username} — {schools[user.pk]}"


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (JPEG, PNG or PDF)"))
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class GuardianForm(VersionedModelForm):
    """A parent, guardian or other adult to notify about a young person (YCJA s.26(4))."""

    class Meta:
        model = Guardian
        fields = ["name", "relationship", "phone", "email", "address"]
