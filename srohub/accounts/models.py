"""Users, their roles in programs (memberships), and API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import ADMIN_ROLES, SCHOOL_ROLES, Role
from srohub.core.scoping import Access


class User(AbstractUser):
    """A person or an API client. What they may reach comes only from their memberships."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=[("en", "English"), ("fr", "Français")], default="en"
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    audit_exclude = frozenset({"password"})

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(ProgramOwned):
    """A user's role in one program, with its scope: a school, a division, or the police unit."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    school = models.ForeignKey(
        "directory.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    organization = models.ForeignKey(
        "directory.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organization"),
        help_text=_("The division of a division safety lead, or the police service of an SRO or supervisor."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    access = Access(view=ADMIN_ROLES, change=ADMIN_ROLES)

    class Meta:
        ordering = ["program", "user__username", "role"]
        constraints = [
            models.CheckConstraint(
                name="membership_school_roles_name_a_school",
                condition=~Q(role__in=sorted(SCHOOL_ROLES)) | Q(school__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_division_lead_names_a_division",
                condition=~Q(role=Role.DIVISION_LEAD) | Q(organization__isnull=False),
            ),
            # Coalesce so that two memberships without a school still count as the same one.
            models.UniqueConstraint(
                "user", "program", "role", Coalesce("school", 0), Coalesce("organization", 0),
                name="membership_unique",
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        scope = self.school or self.organization or self.program
        return f"{self.user} — {self.get_role_display()} ({scope})"


class ApiToken(models.Model):
    """An API key for ``Authorization: Token <key>``. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_prefix = models.CharField(_("key prefix"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    audit_exclude = frozenset({"key_hash"})

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
