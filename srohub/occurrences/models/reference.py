"""Reference data kept as data (loaded by a data migration from ``data/*.csv``): Statistics
Canada's UCR2 violation codes (DOMAIN.md s.5: only codes verified against the UCR2 manual) and the
school taxonomy of occurrence categories, each criminal category mapped to its code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UcrAggregate(models.TextChoices):
    VIOLENT = "violent", _("Violent")
    PROPERTY = "property", _("Property")
    OTHER_CRIMINAL_CODE = "other_criminal_code", _("Other Criminal Code")
    DRUGS = "drugs", _("Drugs")


class UcrCode(models.Model):
    """A UCR2 violation code (four digits) and the aggregate it counts in."""

    code = models.CharField(_("UCR2 code"), max_length=4, unique=True)
    description = models.CharField(_("description"), max_length=200)
    aggregate = models.CharField(_("aggregate"), max_length=24, choices=UcrAggregate.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("UCR2 violation code")
        verbose_name_plural = _("UCR2 violation codes")

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class CategoryKey(models.TextChoices):
    BULLYING = "bullying", _("Bullying")
    CYBERBULLYING = "cyberbullying", _("Cyberbullying")
    ASSAULT = "assault", _("Assault")
    THREATS = "threats", _("Threats")
    WEAPONS = "weapons", _("Weapons")
    DRUGS = "drugs", _("Drugs")
    ALCOHOL = "alcohol", _("Alcohol")
    THEFT = "theft", _("Theft")
    MISCHIEF = "mischief", _("Mischief, graffiti or property damage")
    TRESPASS = "trespass", _("Trespass")
    GANG_ACTIVITY = "gang_activity", _("Gang activity")
    SEXUAL_OFFENCE = "sexual_offence", _("Sexual offence")
    HARASSMENT = "harassment", _("Harassment")
    OTHER = "other", _("Other")


class Category(models.Model):
    """A category of the school taxonomy; criminal ones carry their aggregate and, where verified,
    their UCR2 code."""

    key = models.CharField(_("key"), max_length=24, unique=True, choices=CategoryKey.choices)
    ucr_code = models.ForeignKey(
        UcrCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="categories",
        verbose_name=_("UCR2 code"),
    )
    aggregate = models.CharField(
        _("aggregate"),
        max_length=24,
        choices=UcrAggregate.choices,
        blank=True,
        help_text=_("Empty: not a Criminal Code or drug matter."),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return str(self.get_key_display())
