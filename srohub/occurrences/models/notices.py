"""Contacts with parents: the notice duties of YCJA s.26 and s.11, and discretionary contacts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.scoping import Grant
from srohub.occurrences.models import scope
from srohub.occurrences.models.occurrence import Involvement, Occurrence


class NoticeSection(models.TextChoices):
    S26_1 = "s.26(1)", _("s.26(1) arrest and detention")
    S26_2 = "s.26(2)", _("s.26(2) summons, appearance notice or undertaking")
    S11 = "s.11", _("s.11 extrajudicial sanction")
    DISCRETIONARY = "discretionary", _("Discretionary contact")


class NoticeFormRequired(models.TextChoices):
    ORAL_OR_WRITTEN = "oral_or_written", _("Oral or written")
    WRITTEN = "written", _("Written")


class NoticeMethodChoice(models.TextChoices):
    ORAL_IN_PERSON = "oral_in_person", _("Oral, in person")
    ORAL_PHONE = "oral_phone", _("Oral, by phone")
    WRITTEN_IN_PERSON = "written_in_person", _("Written, served in person")
    WRITTEN_DELIVERY = "written_delivery", _("Written, delivered with confirmation")


class RecipientChoice(models.TextChoices):
    PARENT = "parent", _("Parent")
    GUARDIAN = "guardian", _("Guardian")
    ADULT_RELATIVE = "adult_relative", _("Adult relative (no parent available, s.26(4))")
    OTHER_ADULT = "other_adult", _("Other appropriate adult (no parent available, s.26(4))")


class ContentChoice(models.TextChoices):
    NAME = "name", _("The young person's name (s.26(6)(a))")
    CHARGE = "charge", _("The charge (s.26(6)(b))")
    APPEARANCE = "appearance", _("Time and place of appearance (s.26(6)(c))")
    RIGHT_TO_COUNSEL = "right_to_counsel", _("The right to counsel (s.26(6)(d))")
    DETENTION_PLACE_AND_REASON = "detention_place_and_reason", _("Place of detention and reason (s.26(1))")
    SANCTION = "sanction", _("The sanction used (s.11)")


class ParentalNotice(ProgramOwned):
    """A notice duty (due by ``due_at``) or a discretionary contact, and how it was given."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="notices", verbose_name=_("occurrence")
    )
    involvement = models.ForeignKey(
        Involvement, on_delete=models.CASCADE, related_name="notices", verbose_name=_("young person")
    )
    section = models.CharField(_("provision"), max_length=16, choices=NoticeSection.choices)
    is_duty = models.BooleanField(_("required by the Act"), default=True)
    form_required = models.CharField(
        _("form required"), max_length=16, choices=NoticeFormRequired.choices, blank=True
    )
    required_contents = models.JSONField(_("required contents"), default=list, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated to the supervisor"), null=True, blank=True)
    given_at = models.DateTimeField(_("given"), null=True, blank=True)
    recipient_name = models.CharField(_("given to"), max_length=200, blank=True)
    recipient_relationship = models.CharField(
        _("relationship"), max_length=16, choices=RecipientChoice.choices, blank=True
    )
    parent_available = models.BooleanField(_("a parent was available"), default=True)
    method = models.CharField(_("how"), max_length=20, choices=NoticeMethodChoice.choices, blank=True)
    proof_of_delivery = models.CharField(_("proof of delivery"), max_length=300, blank=True)
    contents_given = models.JSONField(_("what the notice said"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    access = scope.ON_OCCURRENCE
    audit_redact = frozenset({"recipient_name", "proof_of_delivery", "note"})

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["is_duty", "given_at", "due_at"], name="notice_open_due")]
        verbose_name = _("parental notice")
        verbose_name_plural = _("parental notices")

    def __str__(self) -> str:
        return f"{self.get_section_display()}"

    def audit_label(self) -> str:
        return f"parental notice #{self.pk} of occurrence #{self.occurrence_id}"

    @property
    def is_done(self) -> bool:
        return self.given_at is not None

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return scope.police_view_condition(grant, action)
