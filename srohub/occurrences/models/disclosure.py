"""Information shared with a school under YCJA s.125(6), kept apart from the occurrence: the
school admin who received it sees this record and nothing else of the occurrence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import Role
from srohub.core.scoping import VIEW, Access, Grant, ScopedQuerySet, grants_for
from srohub.occurrences.models import scope
from srohub.occurrences.models.occurrence import Occurrence


class DisclosurePurposeChoice(models.TextChoices):
    COURT_ORDER = "court_order", _("Compliance with a court order (s.125(6)(a))")
    SAFETY = "safety", _("Safety of staff, students or others (s.125(6)(b))")
    REHABILITATION = "rehabilitation", _("Rehabilitation of the young person (s.125(6)(c))")


class DisclosureQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """The choke point, with the recipient as part of the condition: a school admin's grant
        reaches only the disclosures made to them (the Grant alone does not name the user)."""
        condition = None
        for grant in grants_for(user):
            grant_condition = self.model.recipient_condition(grant, action, getattr(user, "pk", None))
            if grant_condition is not None:
                condition = grant_condition if condition is None else condition | grant_condition
        return self.none() if condition is None else self.filter(condition)


class SchoolDisclosure(ProgramOwned):
    """What a peace officer shared with a school representative, for which purpose, and whether the
    school has destroyed it (s.125(7))."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="disclosures", verbose_name=_("occurrence")
    )
    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=DisclosurePurposeChoice.choices)
    information_shared = models.TextField(_("what is shared"))
    disclosed_at = models.DateTimeField(_("disclosed"))
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("disclosed by"),
    )
    destroyed_confirmed_at = models.DateTimeField(_("destruction confirmed"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    objects = DisclosureQuerySet.as_manager()
    access = Access(
        view=scope.OCCURRENCE_POLICE | {Role.SCHOOL_ADMIN},
        change=scope.OCCURRENCE_POLICE,
        school_path="school_id",
    )
    audit_redact = frozenset({"information_shared"})

    class Meta:
        ordering = ["-disclosed_at", "-id"]
        verbose_name = _("disclosure to a school")
        verbose_name_plural = _("disclosures to schools")

    def __str__(self) -> str:
        return _("Disclosure %(number)s") % {"number": self.pk}

    def audit_label(self) -> str:
        return f"disclosure #{self.pk}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return cls.recipient_condition(grant, action, None)

    @classmethod
    def recipient_condition(cls, grant: Grant, action: str, user_id: int | None) -> Q | None:
        """Police of the occurrence see it while it is disclosable; the recipient school admin sees
        it at their school until they confirm its destruction or the period ends (s.125(7)–(8))."""
        if grant.role == Role.SCHOOL_ADMIN:
            if user_id is None or grant.program_id is None:
                return None
            return Q(
                program_id=grant.program_id,
                recipient_id=user_id,
                destroyed_confirmed_at__isnull=True,
                school_id__in=sorted(grant.school_ids or ()),
            ) & scope.disclosable("occurrence__")
        if grant.role in scope.OCCURRENCE_POLICE:
            return scope.occurrence_condition(grant, action, "occurrence__")
        return None
