"""Drills: each division's requirement set per school year, the drills a school holds (and real
lockdowns), the room-by-room sweep, corrective actions and the notices sent about compliance."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import ADMIN_ROLES, PROGRAM_WIDE_ROLES, Role
from srohub.core.scoping import VIEW, Access, Grant
from srohub.directory.models import School
from srohub.drills import rules
from srohub.drills.presets import (
    DEFAULT_OVERDUE_INTERVAL_DAYS,
    DEFAULT_REMINDER_LEAD_DAYS,
    DEFAULT_RETENTION_YEARS,
    PRESET_CHOICES,
)

# Who reads drill records (evaluators get compliance aggregates from their own reports, not records).
DRILL_READERS = frozenset(
    {
        Role.PROGRAM_ADMIN,
        Role.SRO_SUPERVISOR,
        Role.SRO,
        Role.SCHOOL_ADMIN,
        Role.SCHOOL_OFFICE,
        Role.DIVISION_LEAD,
        Role.RECORDS_CUSTODIAN,
    }
)
DRILL_SCHEDULERS = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN})
# A staff member of the office may sweep rooms alongside the officer.
SWEEPERS = DRILL_SCHEDULERS | {Role.SCHOOL_OFFICE}
RULE_EDITORS = ADMIN_ROLES | {Role.DIVISION_LEAD}
school_year_validator = RegexValidator(rules.SCHOOL_YEAR, _("Enter a school year such as 2025-2026."))


class DrillType(models.TextChoices):
    LOCKDOWN = "lockdown", _("Lockdown")
    HOLD_AND_SECURE = "hold_and_secure", _("Hold and secure")
    SHELTER_IN_PLACE = "shelter_in_place", _("Shelter in place")
    EVACUATION = "evacuation", _("Evacuation / fire")
    OTHER = "other", _("Other")


def division_condition(grant: Grant, action: str, prefix: str = "") -> Q | None:
    """Requirement sets hang on a division: program staff see all, a division lead their division,
    school roles and SROs the divisions of their schools; only admins and division leads change them."""
    roles = RULE_EDITORS if action != VIEW else DRILL_READERS
    if grant.role not in roles:
        return None
    condition = Q(**{f"{prefix}program_id": grant.program_id})
    if grant.role == Role.DIVISION_LEAD:
        return condition & Q(**{f"{prefix}division_id": grant.organization_id})
    if grant.role in PROGRAM_WIDE_ROLES:
        return condition
    # A subquery, not a join: an SRO serving two schools of one division must not see the set twice.
    divisions = School.objects.filter(pk__in=sorted(grant.school_ids or ())).values("division_id")
    return condition & Q(**{f"{prefix}division_id__in": divisions})


class RequirementSet(ProgramOwned):
    """A division's drill rules for one school year, started from a preset and adjusted."""

    division = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        related_name="drill_requirement_sets",
        verbose_name=_("division"),
    )
    school_year = models.CharField(_("school year"), max_length=9, validators=[school_year_validator])
    preset = models.CharField(_("started from"), max_length=32, choices=PRESET_CHOICES)
    terms = models.JSONField(_("terms"), help_text=_("Term boundaries as MM-DD, in order from September."))
    reminder_lead_days = models.PositiveSmallIntegerField(
        _("reminder, days before due"),
        default=DEFAULT_REMINDER_LEAD_DAYS,
        validators=[MaxValueValidator(180)],
    )
    overdue_interval_days = models.PositiveSmallIntegerField(
        _("overdue notice every (days)"),
        default=DEFAULT_OVERDUE_INTERVAL_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep records (years)"),
        default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    access = Access(view=DRILL_READERS, change=RULE_EDITORS)

    class Meta:
        ordering = ["-school_year", "division__name"]
        constraints = [
            models.UniqueConstraint(fields=["division", "school_year"], name="drill_rules_one_set_per_year"),
            models.CheckConstraint(
                name="drill_rules_overdue_interval_positive", condition=Q(overdue_interval_days__gte=1)
            ),
        ]
        verbose_name = _("drill requirement set")
        verbose_name_plural = _("drill requirement sets")

    def __str__(self) -> str:
        return f"{self.division} {self.school_year}"

    @classmethod
    def scope_condition(cls, grant, action):
        return division_condition(grant, action)

    def clean(self):
        try:
            rules.term_windows(self.school_year, self.terms or [])
        except ValueError as exc:
            raise ValidationError({"terms": str(exc)}) from exc

    def windows(self) -> list[rules.TermWindow]:
        return rules.term_windows(self.school_year, self.terms)


class Requirement(ProgramOwned):
    """How many drills of one type a year (and a term), how many unannounced, at varied times."""

    requirement_set = models.ForeignKey(
        RequirementSet,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("requirement set"),
    )
    drill_type = models.CharField(_("drill type"), max_length=20, choices=DrillType.choices)
    per_year = models.PositiveSmallIntegerField(_("per school year"), validators=[MaxValueValidator(60)])
    per_term = models.PositiveSmallIntegerField(
        _("per term or semester"), default=0, validators=[MaxValueValidator(30)]
    )
    unannounced = models.PositiveSmallIntegerField(
        _("unannounced, at least"), default=0, validators=[MaxValueValidator(60)]
    )
    varied_times = models.BooleanField(_("at varied times of day"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    access = Access(view=DRILL_READERS, change=RULE_EDITORS)

    class Meta:
        ordering = ["requirement_set", "drill_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement_set", "drill_type"], name="drill_requirement_one_per_type"
            ),
            models.CheckConstraint(
                name="drill_requirement_unannounced_within_year",
                condition=Q(unannounced__lte=models.F("per_year")),
            ),
        ]
        verbose_name = _("drill requirement")
        verbose_name_plural = _("drill requirements")

    def __str__(self) -> str:
        return f"{self.get_drill_type_display()}: {self.per_year}"

    @classmethod
    def scope_condition(cls, grant, action):
        return division_condition(grant, action, prefix="requirement_set__")

    def clean(self):
        if self.unannounced is not None and self.per_year is not None and self.unannounced > self.per_year:
            raise ValidationError({"unannounced": _("Cannot exceed the number per school year.")})

    def spec(self) -> rules.RequirementSpec:
        return rules.RequirementSpec(
            self.drill_type, self.per_year, self.per_term, self.unannounced, self.varied_times
        )


class DrillStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Drill(ProgramOwned):
    """A drill at a school, from scheduling to debrief; a real lockdown is the same record, flagged real."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="drills", verbose_name=_("school")
    )
    drill_type = models.CharField(_("drill type"), max_length=20, choices=DrillType.choices)
    scheduled_for = models.DateTimeField(_("date and time"))
    announced = models.BooleanField(
        _("announced"),
        default=True,
        help_text=_("Unannounced drills are hidden from the school office until they start."),
    )
    is_real = models.BooleanField(_("real event (not a drill)"), default=False)
    officer = models.ForeignKey(
        "directory.Officer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drills",
        verbose_name=_("SRO invited"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DrillStatus.choices, default=DrillStatus.SCHEDULED
    )
    started_at = models.DateTimeField(_("announcement and alarm"), null=True, blank=True)
    all_clear_at = models.DateTimeField(_("all-clear"), null=True, blank=True)
    debrief = models.TextField(_("debrief"), blank=True)
    after_action_report = models.TextField(_("after-action report"), blank=True)
    # A real event's occurrence. related_name="+": nothing leads from an occurrence back to drills, and
    # the link is shown only to those who may see the occurrence (selectors.linked_occurrence_id).
    occurrence = models.ForeignKey(
        "occurrences.Occurrence",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occurrence"),
    )
    pinned_in_plan = models.BooleanField(_("pinned in the SRO's plan"), default=False)
    pin_note = models.CharField(_("visit plan"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )

    access = Access(view=DRILL_READERS, change=DRILL_SCHEDULERS, school_path="school_id")

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="drill_all_clear_after_start",
                condition=Q(all_clear_at__isnull=True)
                | Q(started_at__isnull=False, all_clear_at__gte=models.F("started_at")),
            ),
            models.CheckConstraint(
                name="drill_occurrence_only_when_real", condition=Q(occurrence__isnull=True) | Q(is_real=True)
            ),
        ]
        indexes = [models.Index(fields=["school", "status", "started_at"], name="drill_school_status_start")]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self) -> str:
        kind = _("Real %(type)s") if self.is_real else _("%(type)s drill")
        return f"{kind % {'type': self.get_drill_type_display()}} · {self.scheduled_for:%Y-%m-%d}"

    @classmethod
    def scope_condition(cls, grant, action):
        """An unannounced drill stays hidden from the school office until it starts."""
        condition = cls.access.condition(grant, action)
        if condition is not None and grant.role == Role.SCHOOL_OFFICE:
            condition &= Q(announced=True) | Q(started_at__isnull=False)
        return condition


class SweepResult(models.TextChoices):
    SECURE = "secure", _("Secure")
    DEFICIENT = "deficient", _("Deficiency")


class Deficiency(models.TextChoices):
    DOOR_UNLOCKED = "door_unlocked", _("Door unlocked")
    VISIBLE = "visible_from_window", _("Occupants visible from the corridor window")
    LIGHTS_ON = "lights_on", _("Lights on")
    BLINDS_OPEN = "blinds_open", _("Blinds open")
    NOISE = "noise", _("Noise")
    STUDENTS_OUT = "students_in_hallway", _("Students in the hallway or washroom")
    ATTENDANCE = "attendance_not_taken", _("Attendance not taken")
    OTHER = "other", _("Other")


class SweepEntry(ProgramOwned):
    """One room's result in a drill's sweep: one per room, never overwritten by a retry."""

    drill = models.ForeignKey(
        Drill, on_delete=models.CASCADE, related_name="sweep_entries", verbose_name=_("drill")
    )
    space = models.ForeignKey(
        "directory.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("room")
    )
    result = models.CharField(_("result"), max_length=10, choices=SweepResult.choices)
    deficiencies = models.JSONField(_("deficiencies"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_at = models.DateTimeField(_("checked at"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    recorded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    access = Access(view=DRILL_READERS, change=SWEEPERS, school_path="drill__school_id")

    class Meta:
        ordering = ["drill", "space__sweep_order", "space__name"]
        constraints = [
            models.UniqueConstraint(fields=["drill", "space"], name="sweep_one_result_per_room"),
            models.UniqueConstraint(fields=["drill", "idempotency_key"], name="sweep_idempotency_key_unique"),
        ]
        verbose_name = _("sweep entry")
        verbose_name_plural = _("sweep entries")

    def __str__(self) -> str:
        return f"{self.space.name}: {self.get_result_display()}"

    def deficiency_labels(self) -> list[str]:
        labels = dict(Deficiency.choices)
        return [str(labels.get(code, code)) for code in self.deficiencies or ()]

    def same_result_as(self, *, result: str, deficiencies, note: str) -> bool:
        """Whether a second submission for this room says the same thing (a retry, not a change)."""
        return (self.result, sorted(self.deficiencies or []), self.note.strip()) == (
            result,
            sorted(deficiencies or []),
            (note or "").strip(),
        )

    @classmethod
    def scope_condition(cls, grant, action):
        condition = cls.access.condition(grant, action)
        if condition is not None and grant.role == Role.SCHOOL_OFFICE:
            condition &= Q(drill__announced=True) | Q(drill__started_at__isnull=False)
        return condition


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CorrectiveAction(ProgramOwned):
    """What a school will fix after a drill, who owns it and by when; followed until closed."""

    drill = models.ForeignKey(
        Drill, on_delete=models.CASCADE, related_name="corrective_actions", verbose_name=_("drill")
    )
    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    sweep_entry = models.ForeignKey(
        SweepEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrective_actions",
        verbose_name=_("room result"),
    )
    description = models.CharField(_("what to fix"), max_length=500)
    owner = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="drill_actions", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.CharField(_("how it was fixed"), max_length=500, blank=True)

    access = Access(
        view=DRILL_READERS - {Role.SCHOOL_OFFICE}, change=DRILL_SCHEDULERS, school_path="school_id"
    )

    class Meta:
        ordering = ["status", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="corrective_action_closed_has_date",
                condition=Q(status="open", closed_on__isnull=True)
                | Q(status="closed", closed_on__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["school", "status"], name="corrective_school_status")]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self) -> str:
        return self.description


class Notice(ProgramOwned):
    """A reminder or overdue notice sent about a school's requirement; kept so none is sent twice."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    school_year = models.CharField(_("school year"), max_length=9, validators=[school_year_validator])
    drill_type = models.CharField(_("drill type"), max_length=20, choices=DrillType.choices)
    check_key = models.CharField(_("requirement"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=rules.NoticeKind.choices)
    deadline = models.DateField(_("due"))
    sent_on = models.DateField(_("sent on"))
    message = models.CharField(_("message"), max_length=500)

    access = Access(view=DRILL_READERS - {Role.SCHOOL_OFFICE}, change=frozenset(), school_path="school_id")

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "drill_type", "check_key", "kind", "deadline", "sent_on"],
                name="drill_notice_once_a_day",
            ),
        ]
        verbose_name = _("drill notice")
        verbose_name_plural = _("drill notices")

    def __str__(self) -> str:
        return self.message
