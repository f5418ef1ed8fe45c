"""Forms of the directory's pages. They validate input and offer only choices the user may see;
the views hand ``cleaned_data`` to the services, which authorize, validate again and audit."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.accounts.models import User
from srohub.core.roles import Role
from srohub.core.scoping import CHANGE, program_ids_of
from srohub.directory.models import (
    Agreement,
    Assignment,
    Language,
    Officer,
    OfficerStatus,
    Organization,
    OrganizationKind,
    Program,
    School,
    SchoolLevel,
    Space,
)


def date_input() -> forms.DateInput:
    """The browser's date picker (ISO format both ways), the easiest on a phone."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def writable_by(user, model, queryset):
    """``queryset`` limited to the programs where ``user`` may write ``model`` records."""
    return queryset.visible_to(user).filter(program_id__in=sorted(program_ids_of(user, model.access.change)))


def phone_input() -> forms.TextInput:
    """A phone number: the phone's dial pad, and the browser may fill it in."""
    return forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})


class VersionedModelForm(forms.ModelForm):
    """A model's create or edit form. Editing, it carries the version it was read at, so a
    concurrent edit is refused rather than silently overwritten. The views never call ``save()``:
    ``changes()`` goes to a service. Subclasses take the signed-in ``user`` to limit choices."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def changes(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class ProgramChoiceMixin:
    """A ``program`` field (among the programs the user administers) for records that hang on
    nothing else; hidden when there is only one choice."""

    def add_program_field(self, user) -> None:
        programs = Program.objects.visible_to(user, CHANGE)
        field = forms.ModelChoiceField(programs, label=_("Program"))
        if len(programs) == 1:
            field.initial = programs[0]
            field.widget = forms.HiddenInput()
        self.fields = {"program": field, **self.fields}


class SchoolForm(VersionedModelForm):
    class Meta:
        model = School
        fields = ["name", "short_name", "code", "division", "level", "language", "enrolment", "address",
                  "city", "postal_code", "office_phone", "latitude", "longitude", "calendar_code",
                  "is_active"]
        widgets = {"office_phone": phone_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        divisions = writable_by(
            self.user, School, Organization.objects.filter(kind=OrganizationKind.SCHOOL_DIVISION)
        )
        if self.instance.pk:
            divisions = divisions.filter(program_id=self.instance.program_id)
        self.fields["division"].queryset = divisions

    @property
    def program(self) -> Program:
        """The program a new school joins: its division's."""
        return self.cleaned_data["division"].program


class SpaceForm(VersionedModelForm):
    class Meta:
        model = Space
        fields = ["name", "kind", "floor", "sweep_order", "is_active"]


class OfficerForm(VersionedModelForm):
    class Meta:
        model = Officer
        fields = ["rank", "first_name", "last_name", "badge_number", "police_service", "service_start_date",
                  "phone", "email", "speaks_french", "status"]
        widgets = {"service_start_date": date_input(), "phone": phone_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        services = writable_by(
            self.user, Officer, Organization.objects.filter(kind=OrganizationKind.POLICE_SERVICE)
        )
        if self.instance.pk:
            services = services.filter(program_id=self.instance.program_id)
        self.fields["police_service"].queryset = services

    @property
    def program(self) -> Program:
        """The program a new officer joins: their police service's."""
        return self.cleaned_data["police_service"].program


class AssignmentForm(VersionedModelForm):
    class Meta:
        model = Assignment
        fields = ["officer", "school", "role", "start_date", "end_date", "note"]
        widgets = {"start_date": date_input(), "end_date": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = writable_by(self.user, Assignment, Officer.objects.all()).exclude(
            status=OfficerStatus.LEFT
        )
        self.fields["school"].queryset = writable_by(
            self.user, Assignment, School.objects.filter(is_active=True)
        )


class EndAssignmentForm(forms.Form):
    end_date = forms.DateField(label=_("Last day of the assignment"), widget=date_input())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _https_by_default(field: models.Field, **kwargs):
    """A web address typed without a scheme is taken as https (Django 6's default, today)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganizationForm(ProgramChoiceMixin, VersionedModelForm):
    class Meta:
        model = Organization
        formfield_callback = _https_by_default
        fields = ["kind", "name", "short_name", "language", "phone", "email", "website", "partner_since",
                  "partner_until", "role_in_program"]
        widgets = {"partner_since": date_input(), "partner_until": date_input(), "phone": phone_input(),
                   "role_in_program": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_program_field(self.user)


class AgreementForm(ProgramChoiceMixin, VersionedModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "partners", "effective_from", "effective_to", "roles_and_responsibilities"]
        widgets = {"partners": forms.CheckboxSelectMultiple, "effective_from": date_input(),
                   "effective_to": date_input(),
                   "roles_and_responsibilities": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_program_field(self.user)
        # Partners of another of the user's programs are refused by the service, on this field.
        self.fields["partners"].queryset = writable_by(self.user, Agreement, Organization.objects.all())


def search_input() -> forms.TextInput:
    return forms.TextInput(attrs={"type": "search", "autocomplete": "off"})


class ListFilterForm(forms.Form):
    """A list page's search box ``q`` and filters (GET, every field optional).

    ``q`` matches any of ``search_lookups``; every other field filters by equality on its name.
    An invalid filter narrows nothing (the form shows its error).
    """

    search_lookups: tuple[str, ...] = ()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            if name == "q":
                queryset = queryset.filter(_any_of(self.search_lookups, value))
            else:
                queryset = queryset.filter(**{name: value})
        return queryset


def _any_of(lookups: tuple[str, ...], value: str) -> Q:
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{lookup: value})
    return condition


class SchoolFilterForm(ListFilterForm):
    """Filters of the school list. ``has_primary`` needs the list annotated with that flag."""

    search_lookups = ("name__icontains", "short_name__icontains", "code__iexact")

    q = forms.CharField(label=_("Name or code"), required=False, widget=search_input())
    division = forms.ModelChoiceField(Organization.objects.none(), label=_("Division"), required=False,
                                      empty_label=_("All divisions"))
    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("All levels")), *SchoolLevel.choices])
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("All languages")), *Language.choices])
    has_primary = forms.TypedChoiceField(
        label=_("Primary SRO today"), required=False, coerce=lambda value: value == "yes", empty_value=None,
        choices=[("", _("With or without")), ("yes", _("With a primary SRO")),
                 ("no", _("Without a primary SRO"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Organization.objects.visible_to(user).filter(
            kind=OrganizationKind.SCHOOL_DIVISION
        )


class OfficerFilterForm(ListFilterForm):
    search_lookups = ("first_name__icontains", "last_name__icontains", "badge_number__iexact")

    q = forms.CharField(label=_("Name or badge number"), required=False, widget=search_input())
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *OfficerStatus.choices])


IMPORT_KINDS = {
    "schools": (_("Schools"), "division,name,short_name,code,level,language,enrolment,address,city,"
                              "postal_code,latitude,longitude,office_phone"),
    "spaces": (_("Rooms and spaces"), "school_code,name,kind,floor,sweep_order"),
    "officers": (_("Officers"), "badge_number,first_name,last_name,rank,police_service,service_start_date,"
                                "phone,email,speaks_french,status"),
}


class ImportForm(ProgramChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), widget=forms.RadioSelect,
                             choices=[(key, label) for key, (label, _header) in IMPORT_KINDS.items()])
    file = forms.FileField(label=_("CSV file"), widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
                           help_text=_("UTF-8, comma-separated, with the header row shown below."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_program_field(user)


class MembershipForm(ProgramChoiceMixin, forms.Form):
    """Give an existing user a role in the program, with the scope the role needs."""

    user = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    school = forms.ModelChoiceField(School.objects.none(), label=_("School"), required=False,
                                    help_text=_("For a school admin or school office."))
    organization = forms.ModelChoiceField(
        Organization.objects.none(), label=_("Organization"), required=False,
        help_text=_("The division of a division safety lead, or the police service of an SRO or supervisor."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_program_field(user)
        self.fields["school"].queryset = School.objects.visible_to(user, CHANGE)
        self.fields["organization"].queryset = Organization.objects.visible_to(user, CHANGE)

    def clean_user(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["user"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this username."))
        return user
