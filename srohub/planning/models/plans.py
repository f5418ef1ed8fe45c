"""Plans and what happens to them: visits, check-ins, calendar feed tokens, territory proposals."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import Role
from srohub.core.scoping import VIEW, Access, Grant
from srohub.planning.models.access import PLAN_READERS, PLANNERS, SCHOOL_EDITORS
from srohub.planning.models.schools import HalfDay
from srohub.planning.planner.progress import relative_gap


class PlanStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to run")
    RUNNING = "running", _("Running")
    PROPOSED = "proposed", _("Proposed")
    INFEASIBLE = "infeasible", _("Cannot be planned")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a newer plan")
    DISCARDED = "discarded", _("Discarded")


class Plan(ProgramOwned):
    """One run of the planner for a horizon, from proposal to publication."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.QUEUED
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("re-plans")
    )
    seconds_allowed = models.PositiveSmallIntegerField(_("solver time limit (seconds)"), default=20)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    bound = models.FloatField(_("best bound"), null=True, blank=True)
    solve_seconds = models.FloatField(_("solve time (seconds)"), null=True, blank=True)
    moved_visits = models.PositiveIntegerField(
        _("visits moved from the published plan"), null=True, blank=True
    )
    findings = models.JSONField(_("why it cannot be planned"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Written while the solver runs (plan_progress.record_progress), about once a second, and set to
    # the final figures when the run ends.
    progress_fraction = models.FloatField(
        _("share of the time limit used"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    progress_objective = models.FloatField(_("best score so far"), null=True, blank=True)
    progress_gap = models.FloatField(_("gap to the best possible so far"), null=True, blank=True)

    access = Access(view=PLAN_READERS, change=PLANNERS)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(name="plan_dates_ordered", condition=Q(end_date__gte=F("start_date"))),
            models.CheckConstraint(
                name="plan_progress_fraction_range",
                condition=Q(progress_fraction__isnull=True) | Q(progress_fraction__gte=0, progress_fraction__lte=1),
            ),
        ]
        indexes = [models.Index(fields=["program", "status", "start_date"], name="plan_program_status_start")]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date} ({self.get_status_display()})"

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    MISSED = "missed", _("Missed")


class Visit(ProgramOwned):
    """An officer at a school for a half-day: planned (in a plan) or pinned (a fixed commitment)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="visits", verbose_name=_("plan")
    )
    officer = models.ForeignKey(
        "directory.Officer", on_delete=models.PROTECT, related_name="visits", verbose_name=_("officer")
    )
    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="visits", verbose_name=_("school")
    )
    day = models.DateField(_("day"))
    half_day = models.CharField(_("half-day"), max_length=2, choices=HalfDay.choices)
    pinned = models.BooleanField(_("fixed commitment"), default=False)
    reason = models.CharField(_("what for"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    missed_reason = models.CharField(_("why it was missed"), max_length=300, blank=True)

    access = Access(view=PLAN_READERS, change=SCHOOL_EDITORS | {Role.SRO}, school_path="school_id")

    class Meta:
        ordering = ["day", "half_day", "school"]
        constraints = [
            models.CheckConstraint(
                name="visit_pinned_iff_no_plan",
                condition=Q(plan__isnull=True, pinned=True) | Q(plan__isnull=False, pinned=False),
            ),
            models.UniqueConstraint(
                fields=["plan", "officer", "day", "half_day"], name="visit_officer_slot_in_plan"
            ),
            models.UniqueConstraint(
                fields=["officer", "day", "half_day"],
                condition=Q(plan__isnull=True),
                name="visit_one_pin_per_officer_slot",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "day"], name="visit_school_day"),
            models.Index(fields=["officer", "day"], name="visit_officer_day"),
        ]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.officer} → {self.school}, {self.day} {self.get_half_day_display()}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str):
        """An officer reaches their own visits wherever they are (a drill at another school), and
        changes only their own; other roles follow the school scope."""
        if grant.role == Role.SRO:
            own = Q(program_id=grant.program_id, officer_id=grant.officer_id)
            return own if action != VIEW else own | cls.access.condition(grant, action)
        return cls.access.condition(grant, action)


class CheckIn(ProgramOwned):
    """An officer on site: checked in at a school, and out again."""

    officer = models.ForeignKey(
        "directory.Officer", on_delete=models.PROTECT, related_name="check_ins", verbose_name=_("officer")
    )
    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="check_ins", verbose_name=_("school")
    )
    checked_in_at = models.DateTimeField(_("checked in"))
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)

    access = Access(view=PLAN_READERS, change=PLANNERS | {Role.SRO}, school_path="school_id")

    class Meta:
        ordering = ["-checked_in_at"]
        constraints = [
            models.CheckConstraint(
                name="check_in_out_after_in",
                condition=Q(checked_out_at__isnull=True) | Q(checked_out_at__gte=F("checked_in_at")),
            ),
            models.UniqueConstraint(
                fields=["officer"],
                condition=Q(checked_out_at__isnull=True),
                name="check_in_one_open_per_officer",
            ),
        ]
        indexes = [models.Index(fields=["school", "checked_in_at"], name="check_in_school_time")]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.officer} @ {self.school} {self.checked_in_at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str):
        if grant.role == Role.SRO:
            own = Q(program_id=grant.program_id, officer_id=grant.officer_id)
            return own if action != VIEW else own | cls.access.condition(grant, action)
        return cls.access.condition(grant, action)


class FeedToken(ProgramOwned):
    """A private, revocable calendar-feed address for one officer. Only the token's hash is stored."""

    officer = models.ForeignKey(
        "directory.Officer", on_delete=models.CASCADE, related_name="feed_tokens", verbose_name=_("officer")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    access = Access(view=PLANNERS | {Role.SRO}, change=PLANNERS | {Role.SRO})
    audit_exclude = frozenset({"token_hash"})

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(_("Calendar feed of %(officer)s") % {"officer": self.officer})

    @classmethod
    def scope_condition(cls, grant: Grant, action: str):
        """An officer sees and revokes only their own feeds; planners see the unit's."""
        if grant.role == Role.SRO:
            return Q(program_id=grant.program_id, officer_id=grant.officer_id)
        return cls.access.condition(grant, action)


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    INFEASIBLE = "infeasible", _("Cannot be designed")
    ACCEPTED = "accepted", _("Accepted")
    DISCARDED = "discarded", _("Discarded")


class TerritoryProposal(ProgramOwned):
    """Which officer should cover which school: a proposal the supervisor accepts or edits."""

    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    assignment = models.JSONField(_("school → officer"), default=dict, blank=True)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    bound = models.FloatField(_("best bound"), null=True, blank=True)
    findings = models.JSONField(_("why it cannot be designed"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    access = Access(view=PLANNERS, change=PLANNERS)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("territory proposal")
        verbose_name_plural = _("territory proposals")

    def __str__(self) -> str:
        return str(_("Territory proposal of %(day)s") % {"day": f"{self.created_at:%Y-%m-%d}"})
