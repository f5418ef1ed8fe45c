"""What schools, divisions and the unit tell the planner: calendars, preferences, blackouts, leave."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import Role
from srohub.core.scoping import VIEW, Access, Grant
from srohub.planning.models.access import PLAN_READERS, PLANNERS, POLICE_READERS, SCHOOL_EDITORS


class HalfDay(models.TextChoices):
    AM = "am", _("Morning")
    PM = "pm", _("Afternoon")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


def _ordered_dates(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(name=name, condition=Q(end_date__gte=F("start_date")))


# Half-days a week: a need weight between none and every half-day of the week.
WEEKLY = [MinValueValidator(0), MaxValueValidator(10)]


class PlanningSettings(ProgramOwned):
    """The program's planning configuration: demand by level, travel limit, horizon."""

    # What the settings page and the API let an admin or supervisor change.
    EDITABLE = (
        "elementary_per_week",
        "junior_high_per_week",
        "senior_high_per_week",
        "per_500_students",
        "per_enforcement",
        "travel_limit_minutes",
        "speed_kmh",
        "horizon_weeks",
        "stability_weight",
    )

    elementary_per_week = models.DecimalField(
        _("elementary: half-days a week"), max_digits=3, decimal_places=1, default=Decimal("0.5"), validators=WEEKLY
    )
    junior_high_per_week = models.DecimalField(
        _("junior high: half-days a week"), max_digits=3, decimal_places=1, default=Decimal("1"), validators=WEEKLY
    )
    senior_high_per_week = models.DecimalField(
        _("senior high: half-days a week"), max_digits=3, decimal_places=1, default=Decimal("2"), validators=WEEKLY
    )
    per_500_students = models.DecimalField(
        _("extra half-days a week per 500 students"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("0.5"),
        validators=WEEKLY,
    )
    per_enforcement = models.DecimalField(
        _("extra half-days a week per recent enforcement outcome"),
        max_digits=3,
        decimal_places=2,
        # Decimals, as the database gives back: the float 0.1 has more than two decimal places and
        # fails full_clean when the first settings saved leave it at its default.
        default=Decimal("0.1"),
        validators=WEEKLY,
    )
    travel_limit_minutes = models.PositiveSmallIntegerField(
        _("travel limit between two schools (minutes)"), default=30, validators=[MaxValueValidator(240)]
    )
    speed_kmh = models.PositiveSmallIntegerField(
        _("average driving speed (km/h)"),
        default=40,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    horizon_weeks = models.PositiveSmallIntegerField(
        _("planning horizon (school weeks)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    stability_weight = models.PositiveSmallIntegerField(
        _("cost of moving a published visit"), default=200, validators=[MaxValueValidator(10000)]
    )

    access = Access(view=PLAN_READERS, change=PLANNERS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program"], name="planning_settings_one_per_program")]
        verbose_name = _("planning settings")
        verbose_name_plural = _("planning settings")

    def __str__(self) -> str:
        return str(_("Planning settings"))


class ClosureKind(models.TextChoices):
    HOLIDAY = "holiday", _("Statutory holiday")
    PD_DAY = "pd_day", _("Professional development day")
    BREAK = "break", _("Break")
    CLOSURE = "closure", _("Closure")


class CalendarClosure(ProgramOwned):
    """Days a division's schools are closed (holidays, PD days, breaks). School days are the weekdays
    not covered by any closure: the calendar is data, generated with a default and then edited."""

    division = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("division")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    kind = models.CharField(_("kind"), max_length=12, choices=ClosureKind.choices)
    label = models.CharField(_("label"), max_length=120)

    access = Access(view=PLAN_READERS, change=PLANNERS)

    class Meta:
        ordering = ["division", "start_date"]
        constraints = [_ordered_dates("calendar_closure_dates_ordered")]
        indexes = [models.Index(fields=["division", "start_date"], name="closure_division_start")]
        verbose_name = _("calendar closure")
        verbose_name_plural = _("calendar closures")

    def __str__(self) -> str:
        return f"{self.label} ({self.start_date}–{self.end_date})"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str):
        """Planners edit every division's calendar; a division safety lead edits their own division's."""
        if action != VIEW and grant.role == Role.DIVISION_LEAD and grant.organization_id:
            return Q(program_id=grant.program_id, division_id=grant.organization_id)
        return cls.access.condition(grant, action)


class PresenceRequest(ProgramOwned):
    """How much presence a school asks for, and the supervisor's target and hard minimum."""

    school = models.OneToOneField(
        "directory.School",
        on_delete=models.CASCADE,
        related_name="presence_request",
        verbose_name=_("school"),
    )
    requested_per_week = models.DecimalField(
        _("half-days a week the school asks for"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    target_per_week = models.DecimalField(
        _("supervisor's target (half-days a week)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    minimum_per_week = models.DecimalField(
        _("hard minimum (half-days a week)"),
        max_digits=3,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )

    access = Access(view=PLAN_READERS, change=SCHOOL_EDITORS, school_path="school_id")

    class Meta:
        verbose_name = _("presence request")
        verbose_name_plural = _("presence requests")

    def __str__(self) -> str:
        return str(self.school)


class PreferredSlot(ProgramOwned):
    """A weekday half-day the school prefers, ranked (1 is the first choice)."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.CASCADE, related_name="preferred_slots", verbose_name=_("school")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    half_day = models.CharField(_("half-day"), max_length=2, choices=HalfDay.choices)
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    access = Access(view=PLAN_READERS, change=SCHOOL_EDITORS, school_path="school_id")

    class Meta:
        ordering = ["school", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "weekday", "half_day"], name="preferred_slot_unique_slot"
            ),
            models.UniqueConstraint(fields=["school", "rank"], name="preferred_slot_unique_rank"),
            models.CheckConstraint(name="preferred_slot_weekday_school_week", condition=Q(weekday__lte=4)),
            models.CheckConstraint(name="preferred_slot_rank_range", condition=Q(rank__gte=1, rank__lte=10)),
        ]
        verbose_name = _("preferred half-day")
        verbose_name_plural = _("preferred half-days")

    def __str__(self) -> str:
        return f"{self.rank}. {self.get_weekday_display()} {self.get_half_day_display()}"


class Blackout(ProgramOwned):
    """Days the school does not want a visit (exams, an event)."""

    school = models.ForeignKey(
        "directory.School", on_delete=models.CASCADE, related_name="blackouts", verbose_name=_("school")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200)

    access = Access(view=PLAN_READERS, change=SCHOOL_EDITORS, school_path="school_id")

    class Meta:
        ordering = ["school", "start_date"]
        constraints = [_ordered_dates("blackout_dates_ordered")]
        verbose_name = _("blackout")
        verbose_name_plural = _("blackouts")

    def __str__(self) -> str:
        return f"{self.reason} ({self.start_date}–{self.end_date})"


class OfficerLeave(ProgramOwned):
    """An officer away (leave, training, court): no visits those days."""

    officer = models.ForeignKey(
        "directory.Officer", on_delete=models.CASCADE, related_name="leaves", verbose_name=_("officer")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    access = Access(view=POLICE_READERS, change=PLANNERS)

    class Meta:
        ordering = ["officer", "start_date"]
        constraints = [_ordered_dates("officer_leave_dates_ordered")]
        verbose_name = _("officer leave")
        verbose_name_plural = _("officer leave")

    def __str__(self) -> str:
        return f"{self.officer} ({self.start_date}–{self.end_date})"
