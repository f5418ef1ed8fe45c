"""Occurrences: what happened at or near a school, who was involved, and each subject's outcome."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.scoping import Access, Grant
from srohub.occurrences.models import scope
from srohub.occurrences.models.reference import Category
from srohub.occurrences.rules.access_periods import Outcome, PeriodStatus
from srohub.occurrences.rules.parental_notice import NoticeTrigger


class ReportedVia(models.TextChoices):
    STUDENT = "student", _("Student")
    STAFF = "staff", _("School staff")
    PARENT = "parent", _("Parent")
    TIP = "tip", _("Tip")
    OFFICER = "officer", _("Officer observed")
    PATROL = "patrol", _("911 or patrol")


class OccurrenceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (reported by the school)")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class RecordsState(models.TextChoices):
    ACTIVE = scope.ACTIVE, _("Active")
    NON_DISCLOSABLE = scope.NON_DISCLOSABLE, _("Past its access period")
    ARCHIVED = scope.ARCHIVED, _("Archived")
    DESTROYED = scope.DESTROYED, _("Destroyed")


class Occurrence(ProgramOwned):
    """An incident on or around school property, classified, with the people involved."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="occurrences", verbose_name=_("school")
    )
    space = models.ForeignKey(
        "directory.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("space"),
    )
    near_school = models.BooleanField(_("near the school, not on its grounds"), default=False)
    occurred_at = models.DateTimeField(_("date and time"))
    reported_via = models.CharField(_("reported by"), max_length=16, choices=ReportedVia.choices)
    categories = models.ManyToManyField(Category, related_name="occurrences", verbose_name=_("categories"))
    narrative = models.TextField(_("narrative"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=OccurrenceStatus.choices, default=OccurrenceStatus.OPEN
    )
    officer = models.ForeignKey(
        "directory.Officer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("officer"),
    )
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("reporter's contact"), max_length=200, blank=True)
    relayed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("relayed by"),
    )
    records_state = models.CharField(
        _("records state"), max_length=16, choices=RecordsState.choices, default=RecordsState.ACTIVE
    )
    access_period_ends_on = models.DateField(
        _("access period ends"),
        null=True,
        blank=True,
        help_text=_("The last day the record may be disclosed (YCJA s.119(2)); empty while none applies."),
    )
    non_disclosable_since = models.DateField(_("non-disclosable since"), null=True, blank=True)

    access = Access(view=scope.OCCURRENCE_POLICE, change=scope.OCCURRENCE_POLICE, school_path="school_id")
    audit_redact = frozenset({"narrative", "reporter_name", "reporter_contact"})

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["program", "school", "occurred_at"], name="occurrence_school_time"),
            models.Index(fields=["records_state", "access_period_ends_on"], name="occurrence_period"),
            # The list of a unit (supervisor) or of past records: its page read in order, newest first,
            # stopping at 25 rows, instead of sorting every record of the program.
            models.Index(fields=["program", "records_state", "occurred_at", "id"], name="occurrence_state_time"),
            # Its COUNT(*) answered from the index alone (school, state and period are all it asks),
            # for a unit and for an SRO's schools alike.
            models.Index(
                fields=["program", "school", "records_state", "access_period_ends_on"], name="occurrence_school_state"
            ),
        ]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")

    def __str__(self) -> str:
        return _("Occurrence %(number)s") % {"number": self.pk}

    def audit_label(self) -> str:
        return f"occurrence #{self.pk}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return scope.occurrence_condition(grant, action)


class InvolvementRole(models.TextChoices):
    SUBJECT = "subject", _("Subject")
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    COMPLAINANT = "complainant", _("Complainant")
    PARENT = "parent_guardian", _("Parent or guardian")


class Involvement(ProgramOwned):
    """A person's part in an occurrence."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("occurrence")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="involvements", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=16, choices=InvolvementRole.choices)

    access = scope.ON_OCCURRENCE

    class Meta:
        ordering = ["occurrence", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "person", "role"], name="involvement_unique")
        ]
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person.pseudonym}"

    def audit_label(self) -> str:
        return f"{self.role} #{self.pk} of occurrence #{self.occurrence_id}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return scope.occurrence_condition(grant, action, "occurrence__")


class ChargeMethod(models.TextChoices):
    ARREST = NoticeTrigger.ARREST_DETENTION.value, _("Arrest and detention")
    SUMMONS = NoticeTrigger.SUMMONS.value, _("Summons")
    APPEARANCE_NOTICE = NoticeTrigger.APPEARANCE_NOTICE.value, _("Appearance notice")
    UNDERTAKING = NoticeTrigger.UNDERTAKING.value, _("Undertaking")


OUTCOME_LABELS = {
    Outcome.NO_FURTHER_ACTION: _("No further action"),
    Outcome.INFORMAL_RESOLUTION: _("Informal resolution"),
    Outcome.RESTORATIVE_PROCESS: _("Restorative process"),
    Outcome.WARNING: _("Warning"),
    Outcome.CAUTION: _("Caution"),
    Outcome.REFERRAL: _("Referral"),
    Outcome.EXTRAJUDICIAL_SANCTION: _("Extrajudicial sanction"),
    Outcome.CHARGE: _("Charge"),
    Outcome.ACQUITTAL: _("Acquittal"),
    Outcome.DISMISSAL: _("Dismissal"),
    Outcome.WITHDRAWAL: _("Withdrawal"),
    Outcome.REPRIMAND: _("Reprimand"),
    Outcome.STAY: _("Stay of proceedings"),
    Outcome.PEACE_BOND: _("Peace bond"),
    Outcome.ABSOLUTE_DISCHARGE: _("Absolute discharge"),
    Outcome.CONDITIONAL_DISCHARGE: _("Conditional discharge"),
    Outcome.SUMMARY_CONVICTION: _("Summary conviction"),
    Outcome.INDICTABLE_CONVICTION: _("Indictable conviction"),
    Outcome.ADULT_CONVICTION: _("Adult conviction"),
}
OUTCOME_CHOICES = [(outcome.value, label) for outcome, label in OUTCOME_LABELS.items()]
PERIOD_STATUS_CHOICES = [
    (PeriodStatus.ENDS.value, _("Ends")),
    (PeriodStatus.RESTRICTED.value, _("No period (s.119(4))")),
    (PeriodStatus.PENDING.value, _("Pending a court result")),
    (PeriodStatus.ADULT_RECORD.value, _("Adult record")),
]
OUTCOME_DATE_FIELDS = (
    "consent_date",
    "charged_on",
    "first_appearance_on",
    "decision_date",
    "appeal_period_end",
    "appeal_completed",
    "stay_date",
    "order_expiry",
    "finding_date",
    "sentence_completed",
    "later_offence_found_guilty_on",
    "later_offence_sentence_completed",
    "adult_conviction_date",
)


class SubjectOutcome(ProgramOwned):
    """One subject's outcome, updated as court results become known; its access period is computed
    by ``rules.access_periods`` whenever it changes."""

    involvement = models.OneToOneField(
        Involvement, on_delete=models.CASCADE, related_name="outcome", verbose_name=_("subject")
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=OUTCOME_CHOICES)
    charge_method = models.CharField(_("charged by"), max_length=20, choices=ChargeMethod.choices, blank=True)
    charge = models.CharField(_("charge"), max_length=200, blank=True)
    consent_date = models.DateField(_("consent to the sanction"), null=True, blank=True)
    charged_on = models.DateField(_("charged on"), null=True, blank=True)
    first_appearance_on = models.DateField(_("first appearance"), null=True, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    appeal_period_end = models.DateField(_("time for appeal expires"), null=True, blank=True)
    appeal_completed = models.DateField(_("appeal proceedings completed"), null=True, blank=True)
    stay_date = models.DateField(_("stay date"), null=True, blank=True)
    order_expiry = models.DateField(_("order expires"), null=True, blank=True)
    finding_date = models.DateField(_("finding of guilt"), null=True, blank=True)
    sentence_completed = models.DateField(_("youth sentence completed"), null=True, blank=True)
    later_offence_indictable = models.BooleanField(_("later offence is indictable"), null=True, blank=True)
    later_offence_found_guilty_on = models.DateField(
        _("later offence: finding of guilt"), null=True, blank=True
    )
    later_offence_sentence_completed = models.DateField(
        _("later offence: sentence completed"), null=True, blank=True
    )
    adult_conviction_date = models.DateField(_("adult conviction"), null=True, blank=True)
    access = Access(
        view=scope.OCCURRENCE_POLICE,
        change=scope.OCCURRENCE_POLICE,
        school_path="involvement__occurrence__school_id",
    )
    period_status = models.CharField(_("access period"), max_length=16, choices=PERIOD_STATUS_CHOICES)
    period_provision = models.CharField(_("provision"), max_length=16, blank=True)
    access_period_ends_on = models.DateField(_("access period ends"), null=True, blank=True)

    class Meta:
        ordering = ["involvement"]
        constraints = [
            models.CheckConstraint(
                name="outcome_sentence_after_finding",
                condition=Q(finding_date__isnull=True)
                | Q(sentence_completed__isnull=True)
                | Q(sentence_completed__gte=models.F("finding_date")),
            ),
        ]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return str(self.get_outcome_display())

    def audit_label(self) -> str:
        return f"outcome #{self.pk}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return scope.occurrence_condition(grant, action, "involvement__occurrence__")


class Attachment(ProgramOwned):
    """A file attached to an occurrence (photos, statements); deleted with the record under s.128(7)."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("occurrence")
    )
    file = models.FileField(_("file"), upload_to="occurrences/%Y/")
    description = models.CharField(_("description"), max_length=200, blank=True)

    access = scope.ON_OCCURRENCE
    audit_redact = frozenset({"description"})

    class Meta:
        ordering = ["occurrence", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file.name

    def audit_label(self) -> str:
        return f"attachment #{self.pk} of occurrence #{self.occurrence_id}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return scope.occurrence_condition(grant, action, "occurrence__")
