"""The directory: programs, partner organizations, agreements, schools and their spaces, officers,
and who is assigned where over time."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned, TrackedModel
from srohub.core.roles import ADMIN_ROLES, DIRECTORY_READERS, POLICE_ROLES, PROGRAM_WIDE_ROLES, Role
from srohub.core.scoping import VIEW, Access, Grant, ScopedQuerySet

phone_validator = RegexValidator(r"^[0-9 +().\-x]{7,32}$", _("Enter a phone number such as 204-555-0100."))
POLICE_SUPERVISION = ADMIN_ROLES | {Role.SRO_SUPERVISOR}


class Province(models.TextChoices):
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    MB = "MB", _("Manitoba")
    NB = "NB", _("New Brunswick")
    NL = "NL", _("Newfoundland and Labrador")
    NS = "NS", _("Nova Scotia")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")
    ON = "ON", _("Ontario")
    PE = "PE", _("Prince Edward Island")
    QC = "QC", _("Quebec")
    SK = "SK", _("Saskatchewan")
    YT = "YT", _("Yukon")


class Program(TrackedModel):
    """The tenant: one SRO program, e.g. "Winnipeg SRO Program". Every record belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    time_zone = models.CharField(_("time zone"), max_length=64, default="America/Winnipeg")
    duty_phone = models.CharField(
        _("unit duty phone"),
        max_length=32,
        blank=True,
        validators=[phone_validator],
        help_text=_("Who a school calls when neither its SRO nor the backup is available."),
    )
    started_on = models.DateField(_("program start"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    access = Access(view=DIRECTORY_READERS | {Role.TIP_PARTNER}, change=ADMIN_ROLES, program_path="id")

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    @property
    def program_id(self) -> int:
        return self.pk


class OrganizationKind(models.TextChoices):
    POLICE_SERVICE = "police_service", _("Police service")
    SCHOOL_DIVISION = "school_division", _("School division")
    MINISTRY = "ministry", _("Ministry")
    COMMUNITY_AGENCY = "community_agency", _("Community agency")
    TIP_LINE = "tip_line", _("Tip line (Crime Stoppers)")


class Organization(ProgramOwned):
    """A partner of the program: the police service, a school division, the ministry, an agency.

    An organization is recorded per program (with its partnership dates) so that nothing is shared
    between tenants, even when the same division works with two programs.
    """

    kind = models.CharField(_("kind"), max_length=24, choices=OrganizationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", _("English")), ("fr", _("French"))], default="en"
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    partner_since = models.DateField(_("partner since"), null=True, blank=True)
    partner_until = models.DateField(_("partner until"), null=True, blank=True)
    role_in_program = models.TextField(_("role in the program"), blank=True)

    access = Access(view=DIRECTORY_READERS, change=ADMIN_ROLES)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kind", "name"], name="organization_unique_name"),
            models.CheckConstraint(
                name="organization_partnership_dates_ordered",
                condition=Q(partner_until__isnull=True)
                | Q(partner_since__isnull=True)
                | Q(partner_until__gte=models.F("partner_since")),
            ),
        ]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.short_name or self.name


class Agreement(ProgramOwned):
    """A memorandum of understanding between the partners: who does what, from when to when."""

    title = models.CharField(_("title"), max_length=200)
    partners = models.ManyToManyField(Organization, related_name="agreements", verbose_name=_("partners"))
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    roles_and_responsibilities = models.TextField(_("roles and responsibilities"), blank=True)
    document = models.FileField(_("signed document"), upload_to="agreements/%Y/", blank=True)

    access = Access(view=DIRECTORY_READERS - {Role.SCHOOL_OFFICE}, change=ADMIN_ROLES)

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                name="agreement_dates_ordered",
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
            )
        ]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", _("Elementary")
    JUNIOR_HIGH = "junior_high", _("Junior high")
    SENIOR_HIGH = "senior_high", _("Senior high")
    K12 = "k12", _("K–12")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class School(ProgramOwned):
    """A school of a partner division, with what the SRO and the planner need to know about it."""

    division = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("division"),
        limit_choices_to={"kind": OrganizationKind.SCHOOL_DIVISION},
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    code = models.CharField(_("school code"), max_length=20)
    level = models.CharField(_("level"), max_length=16, choices=SchoolLevel.choices)
    language = models.CharField(_("language of instruction"), max_length=2, choices=Language.choices, default="en")
    enrolment = models.PositiveIntegerField(_("enrolment"), default=0, validators=[MaxValueValidator(10000)])
    address = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(41), MaxValueValidator(84)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-142), MaxValueValidator(-52)],
    )
    office_phone = models.CharField(_("main office phone"), max_length=32, blank=True, validators=[phone_validator])
    calendar_code = models.CharField(
        _("school-year calendar"), max_length=40, blank=True,
        help_text=_("The division calendar the school follows (school days, holidays, PD days)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    access = Access(view=DIRECTORY_READERS, change=ADMIN_ROLES, school_path="id")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="school_code_unique_in_program"),
            models.CheckConstraint(name="school_enrolment_plausible", condition=Q(enrolment__lte=10000)),
        ]
        indexes = [models.Index(fields=["program", "division"], name="school_program_division")]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.division_id and self.program_id:
            division = Organization.objects.filter(pk=self.division_id).values("program_id", "kind").first()
            if not division or division["program_id"] != self.program_id:
                raise ValidationError({"division": _("The division must be a partner of the same program.")})
            if division["kind"] != OrganizationKind.SCHOOL_DIVISION:
                raise ValidationError({"division": _("Choose an organization of kind school division.")})


class SpaceKind(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    OFFICE = "office", _("Office")
    GYM = "gym", _("Gym")
    LIBRARY = "library", _("Library")
    WASHROOM = "washroom", _("Washroom")
    HALLWAY = "hallway", _("Hallway")
    PORTABLE = "portable", _("Portable")
    OTHER = "other", _("Other")


class Space(ProgramOwned):
    """A room or space of a school: what a lockdown sweep walks through, in ``sweep_order``."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="spaces", verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=SpaceKind.choices, default=SpaceKind.CLASSROOM)
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    sweep_order = models.PositiveIntegerField(_("walking order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    access = Access(
        view=DIRECTORY_READERS, change=ADMIN_ROLES | {Role.SCHOOL_ADMIN}, school_path="school_id"
    )

    class Meta:
        ordering = ["school", "sweep_order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="space_name_unique_in_school")]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        if self.school_id and self.program_id:
            school_program = School.objects.filter(pk=self.school_id).values_list("program_id", flat=True).first()
            if school_program != self.program_id:
                raise ValidationError({"school": _("The school belongs to another program.")})


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_LEAVE = "on_leave", _("On leave")
    LEFT = "left", _("Left the unit")


class Officer(ProgramOwned):
    """A police officer in the SRO unit."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="officer_profiles",
        verbose_name=_("user account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    badge_number = models.CharField(_("badge number"), max_length=20)
    rank = models.CharField(_("rank"), max_length=40, default="Constable")
    police_service = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="officers", verbose_name=_("police service"),
        limit_choices_to={"kind": OrganizationKind.POLICE_SERVICE},
    )
    service_start_date = models.DateField(_("service start date"))
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[phone_validator])
    email = models.EmailField(_("email"), blank=True)
    speaks_french = models.BooleanField(_("speaks French"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE)

    # The policy used for creation checks; viewing is refined by scope_condition below.
    access = Access(view=DIRECTORY_READERS - {Role.EVALUATOR}, change=POLICE_SUPERVISION)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "badge_number"], name="officer_badge_unique_in_program"),
            models.UniqueConstraint(
                fields=["program", "user"], name="officer_user_unique_in_program", condition=Q(user__isnull=False)
            ),
        ]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.rank} {self.first_name} {self.last_name}".strip()

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        """Police roles and program staff see the unit; school and division roles see the
        officers assigned to their schools (their SRO and backup), never the rest of the unit."""
        in_program = Q(program_id=grant.program_id)
        if action != VIEW:
            return in_program if grant.role in POLICE_SUPERVISION else None
        if grant.role in POLICE_ROLES or grant.role in (PROGRAM_WIDE_ROLES - {Role.EVALUATOR}):
            return in_program
        if grant.role in {Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE, Role.DIVISION_LEAD}:
            serves_there = Assignment.objects.filter(officer=OuterRef("pk"), school_id__in=sorted(grant.school_ids))
            return in_program & Q(Exists(serves_there))
        return None

    def clean(self):
        if self.police_service_id and self.program_id:
            service = Organization.objects.filter(pk=self.police_service_id).values("program_id", "kind").first()
            if not service or service["program_id"] != self.program_id:
                raise ValidationError({"police_service": _("The police service must be a partner of this program.")})
            if service["kind"] != OrganizationKind.POLICE_SERVICE:
                raise ValidationError({"police_service": _("Choose an organization of kind police service.")})


class AssignmentRole(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    BACKUP = "backup", _("Backup")


def assignment_in_force(day: date, through: str = "") -> Q:
    """The condition "in force on ``day``" (start and end dates included), on assignments or on the
    assignments reached through the relation ``through`` (``"assignments"`` from a school)."""
    field = f"{through}__" if through else ""
    return Q(**{f"{field}start_date__lte": day}) & (
        Q(**{f"{field}end_date__isnull": True}) | Q(**{f"{field}end_date__gte": day})
    )


class AssignmentQuerySet(ScopedQuerySet):
    def active_on(self, day: date):
        """Assignments in force on ``day`` (start and end dates included)."""
        return self.filter(assignment_in_force(day))


class Assignment(ProgramOwned):
    """An officer's assignment to a school over a period. Ending one keeps it as history."""

    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("officer")
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("school"))
    role = models.CharField(_("role"), max_length=8, choices=AssignmentRole.choices, default=AssignmentRole.PRIMARY)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Leave empty while it lasts."))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = AssignmentQuerySet.as_manager()
    access = Access(view=DIRECTORY_READERS - {Role.EVALUATOR}, change=POLICE_SUPERVISION, school_path="school_id")

    class Meta:
        ordering = ["school", "-start_date"]
        constraints = [
            models.CheckConstraint(
                name="assignment_dates_ordered",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            ),
            # The database's own guard for the common case; overlapping closed periods are refused
            # by the service on every backend and by an exclusion constraint on PostgreSQL.
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(role="primary", end_date__isnull=True),
                name="assignment_one_open_primary_per_school",
                violation_error_message=_(
                    "This school already has a primary SRO with no end date; end that assignment first."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["school", "start_date"], name="assignment_school_start"),
            models.Index(fields=["officer", "start_date"], name="assignment_officer_start"),
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.officer} → {self.school} ({self.get_role_display()})"

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.program_id:
            if self.officer_id and _program_of(Officer, self.officer_id) != self.program_id:
                errors["officer"] = _("The officer belongs to another program.")
            if self.school_id and _program_of(School, self.school_id) != self.program_id:
                errors["school"] = _("The school belongs to another program.")
        if errors:
            raise ValidationError(errors)


def _program_of(model, pk):
    """The program a row belongs to, read without loading the row."""
    return model.objects.filter(pk=pk).values_list("program_id", flat=True).first()
