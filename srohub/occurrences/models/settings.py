"""Each program's youth-records settings, with the defaults DOMAIN.md gives."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import Role
from srohub.core.scoping import Access


class YouthRecordsSettings(ProgramOwned):
    """Deadlines and thresholds a program sets for itself."""

    notice_deadline_days = models.PositiveSmallIntegerField(
        _("parental notice deadline (days after the day it arises)"),
        default=0,
        validators=[MaxValueValidator(7)],
        help_text=_(
            "YCJA s.26 says 'as soon as possible': 0 makes a notice overdue at the end of the same day."
        ),
    )
    disclosure_reminder_days = models.PositiveSmallIntegerField(
        _("remind schools to destroy disclosures every (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    min_cell_count = models.PositiveSmallIntegerField(
        _("smallest count shown in de-identified reports"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Smaller counts are shown as 'fewer than' this (DOMAIN.md s.4 default: 10)."),
    )

    access = Access(
        view=frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO}),
        change=frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR}),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program"], name="youth_records_settings_one_per_program")
        ]
        verbose_name = _("youth records settings")
        verbose_name_plural = _("youth records settings")

    def __str__(self) -> str:
        return str(_("Youth records settings"))
