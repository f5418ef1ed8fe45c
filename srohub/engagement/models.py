"""The engagement log: what officers do besides enforcement (activities), the topic catalogue and
the presentation library they draw on, and referrals of young people to community services."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import ADMIN_ROLES, DIRECTORY_READERS, Role
from srohub.core.scoping import VIEW, Access, Grant
from srohub.engagement.rules import (
    DEFAULT_LANGUAGES,
    DEFAULT_REMINDER_DAYS,
    MAX_AUDIENCE,
    MAX_DURATION_MINUTES,
    ActivityLanguage,
    ActivityType,
    ReferralOutcome,
    ReferralStatus,
    languages_problem,
)

# A queryset action of this app: aggregates only (the evaluator sees counts, never a row).
AGGREGATE = "aggregate"

ACTIVITY_READERS = frozenset(
    {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN, Role.DIVISION_LEAD}
)
ACTIVITY_WRITERS = frozenset({Role.SRO_SUPERVISOR, Role.SRO})
MEASURE_READERS = ACTIVITY_READERS | {Role.EVALUATOR}
LIBRARY_WRITERS = ADMIN_ROLES | {Role.SRO_SUPERVISOR, Role.SRO}
REFERRAL_STAFF = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN})
SETTINGS_READERS = ADMIN_ROLES | {Role.SRO_SUPERVISOR}


class Language(models.TextChoices):
    """The one language of a presentation of the library."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    BILINGUAL = "en_fr", _("English and French")
    OTHER = "other", _("Other")


LANGUAGE_LABELS = dict(ActivityLanguage.choices)


def default_languages() -> list[str]:
    """A new activity is in English unless said otherwise."""
    return list(DEFAULT_LANGUAGES)


def validate_languages(value) -> None:
    """A non-empty list of known language codes, each once (rules.languages_problem)."""
    problem = languages_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_languages")


class Topic(ProgramOwned):
    """A topic of the program's catalogue (staying safe, cyberbullying, gang awareness …)."""

    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("in use"), default=True)

    access = Access(view=DIRECTORY_READERS, change=ADMIN_ROLES | {Role.SRO_SUPERVISOR})

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="topic_name_unique_in_program")
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Material(ProgramOwned):
    """A presentation of the library: the grades it suits and who reviewed it for the division."""

    title = models.CharField(_("title"), max_length=200)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("topic"),
    )
    grade_from = models.PositiveSmallIntegerField(
        _("from grade"), default=0, validators=[MaxValueValidator(12)], help_text=_("0 is kindergarten.")
    )
    grade_to = models.PositiveSmallIntegerField(_("to grade"), default=12, validators=[MaxValueValidator(12)])
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=200,
        blank=True,
        help_text=_("Who reviewed it for the division (name and role)."),
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    division = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewing division"),
    )

    access = Access(view=DIRECTORY_READERS - {Role.SCHOOL_OFFICE}, change=LIBRARY_WRITERS)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["program", "title"], name="material_title_unique_in_program"),
            models.CheckConstraint(
                name="material_grades_ordered", condition=Q(grade_to__gte=models.F("grade_from"))
            ),
        ]
        verbose_name = _("presentation")
        verbose_name_plural = _("presentation library")

    def __str__(self) -> str:
        return self.title


class MaterialVersion(ProgramOwned):
    """One version of a presentation (the slides as delivered from ``released_on``)."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="versions", verbose_name=_("presentation")
    )
    label = models.CharField(_("version"), max_length=20)
    released_on = models.DateField(_("released on"))
    link = models.URLField(_("link to the slides"), blank=True)
    changes = models.TextField(_("what changed"), blank=True)

    access = Material.access

    class Meta:
        ordering = ["material", "-released_on"]
        constraints = [models.UniqueConstraint(fields=["material", "label"], name="material_version_unique")]
        verbose_name = _("presentation version")
        verbose_name_plural = _("presentation versions")

    def __str__(self) -> str:
        return f"{self.material} v{self.label}"


class Activity(ProgramOwned):
    """One piece of engagement work by an officer at a school (issue 4, "Activity log")."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="activities", verbose_name=_("school")
    )
    officer = models.ForeignKey(
        "directory.Officer", on_delete=models.PROTECT, related_name="activities", verbose_name=_("officer")
    )
    activity_type = models.CharField(_("type"), max_length=24, choices=ActivityType.choices)
    occurred_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MINUTES)]
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("topic"),
    )
    material_version = models.ForeignKey(
        MaterialVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("presentation delivered"),
    )
    grades = models.CharField(_("grades"), max_length=40, blank=True, help_text=_("For example 7–9."))
    audience_count = models.PositiveIntegerField(
        _("head count"), null=True, blank=True, validators=[MaxValueValidator(MAX_AUDIENCE)]
    )
    languages = models.JSONField(
        _("languages"),
        default=default_languages,
        validators=[validate_languages],
        help_text=_("The languages it was held in."),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("young person"),
    )
    notes = models.TextField(_("notes"), blank=True)

    access = Access(view=ACTIVITY_READERS, change=ACTIVITY_WRITERS, school_path="school_id")
    aggregate_access = Access(view=MEASURE_READERS, change=frozenset(), school_path="school_id")

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="activity_duration_within_a_day",
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
            ),
            models.CheckConstraint(name="activity_has_a_language", condition=~Q(languages=[])),
            models.CheckConstraint(
                name="activity_audience_plausible",
                condition=Q(audience_count__isnull=True) | Q(audience_count__lte=MAX_AUDIENCE),
            ),
        ]
        indexes = [
            models.Index(fields=["program", "occurred_on"], name="activity_program_day"),
            models.Index(fields=["school", "occurred_on"], name="activity_school_day"),
            models.Index(fields=["officer", "occurred_on"], name="activity_officer_day"),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_activity_type_display()}"

    @property
    def language_labels(self) -> list[str]:
        """The activity's languages by name, in the order of the list."""
        return [str(LANGUAGE_LABELS.get(code, code)) for code in self.languages or ()]

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        """Readers see the activities of their schools; the evaluator only aggregates of them
        (``AGGREGATE``); an SRO changes their own entries, a supervisor those of the unit."""
        if action == AGGREGATE:
            return cls.aggregate_access.condition(grant, VIEW)
        condition = cls.access.condition(grant, action)
        if condition is not None and action != VIEW and grant.role == Role.SRO:
            condition &= Q(officer_id=grant.officer_id)
        return condition


class ServiceKind(models.TextChoices):
    MENTAL_HEALTH = "mental_health", _("Mental-health therapist")
    ADDICTIONS = "addictions", _("Addictions")
    FAMILY = "family", _("Family services")
    YOUTH_PROGRAM = "youth_program", _("Youth program")
    CULTURAL = "cultural", _("Cultural or Elder support")
    OTHER = "other", _("Other")


class ConsentGiver(models.TextChoices):
    YOUNG_PERSON = "young_person", _("The young person")
    PARENT = "parent", _("Parent or guardian")
    BOTH = "both", _("The young person and a parent or guardian")


class Referral(ProgramOwned):
    """A young person referred to a community agency, with consent, followed to its outcome."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("school")
    )
    agency = models.ForeignKey(
        "directory.Organization", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("agency")
    )
    service_kind = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("young person"),
        help_text=_("Police link the person record; school staff may leave it out."),
    )
    referred_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("referred by")
    )
    officer = models.ForeignKey(
        "directory.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("officer"),
    )
    referred_on = models.DateField(_("referred on"))
    reason = models.TextField(_("reason"), blank=True)
    consent_given_by = models.CharField(_("consent given by"), max_length=16, choices=ConsentGiver.choices)
    consent_given_on = models.DateField(_("consent given on"))
    consent_scope = models.CharField(
        _("consent covers"), max_length=300, help_text=_("What may be shared, with whom.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReferralOutcome.choices, blank=True)
    last_update_on = models.DateField(_("last update"))
    last_update_note = models.CharField(_("last update note"), max_length=300, blank=True)
    last_reminded_on = models.DateField(_("last reminder"), null=True, blank=True)

    access = Access(view=REFERRAL_STAFF, change=REFERRAL_STAFF, school_path="school_id")
    aggregate_access = Activity.aggregate_access
    audit_redact = frozenset({"reason", "last_update_note"})

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="referral_closed_has_outcome",
                condition=(Q(status=ReferralStatus.CLOSED) & ~Q(outcome=""))
                | (~Q(status=ReferralStatus.CLOSED) & Q(outcome="")),
            ),
            models.CheckConstraint(
                name="referral_consent_before_referral",
                condition=Q(consent_given_on__lte=models.F("referred_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["program", "status", "last_update_on"], name="referral_open_by_update"),
            models.Index(fields=["school", "referred_on"], name="referral_school_day"),
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.referred_on} {self.get_service_kind_display()} → {self.agency}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        """School-side staff by school; a community agency's contact sees (and updates) exactly the
        referrals sent to their agency, whatever the school (issue 4); measure readers count them."""
        if action == AGGREGATE:
            return cls.aggregate_access.condition(grant, VIEW)
        if grant.role == Role.AGENCY_CONTACT:
            if grant.organization_id is None:
                return None
            return Q(program_id=grant.program_id, agency_id=grant.organization_id)
        return cls.access.condition(grant, action)


class EngagementSettings(ProgramOwned):
    """Program-level settings of the engagement log (one row per program)."""

    referral_reminder_days = models.PositiveSmallIntegerField(
        _("remind after days without update"),
        default=DEFAULT_REMINDER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    access = Access(view=SETTINGS_READERS, change=ADMIN_ROLES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program"], name="engagement_settings_one_per_program")
        ]
        verbose_name = _("engagement settings")
        verbose_name_plural = _("engagement settings")

    def __str__(self) -> str:
        return f"{self.program}: {self.referral_reminder_days} days"
