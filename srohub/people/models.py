"""People involved in the program's records (students, victims, witnesses, parents) under stable
pseudonymous ids, so that counts can tell one young person from a repeat contact.

Person records are sensitive: police roles only, every read audited, identifying fields never
written into the audit trail (they are redacted there), so that destroying a record under YCJA
s.128 leaves nothing identifying behind.
"""

import secrets

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from srohub.core.models import ProgramOwned
from srohub.core.roles import Role
from srohub.core.scoping import VIEW, Access, Grant

PERSON_READERS = frozenset({Role.SRO_SUPERVISOR, Role.SRO, Role.RECORDS_CUSTODIAN})
PERSON_WRITERS = frozenset({Role.SRO_SUPERVISOR, Role.SRO})
# Crockford-style alphabet: no 0/O, 1/I/L, so a pseudonym read over the phone is not misheard.
PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_pseudonym() -> str:
    body = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(8))
    return f"P-{body[:4]}-{body[4:]}"


class Person(ProgramOwned):
    """A person known to the program under a stable pseudonymous id."""

    pseudonym = models.CharField(_("pseudonymous id"), max_length=16, default=new_pseudonym, editable=False)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    school = models.ForeignKey(
        "directory.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("school"),
    )
    grade = models.CharField(_("grade"), max_length=8, blank=True)
    is_destroyed = models.BooleanField(
        _("destroyed"),
        default=False,
        help_text=_("Identifying content overwritten under YCJA s.128(7); the pseudonym remains for counts."),
    )

    access = Access(view=PERSON_READERS, change=PERSON_WRITERS, school_path="school_id")
    audit_redact = frozenset({"pseudonym", "given_name", "family_name", "date_of_birth"})

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "pseudonym"], name="person_pseudonym_unique")
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.pseudonym if self.is_destroyed else f"{self.given_name} {self.family_name}"

    def audit_label(self) -> str:
        # Not the pseudonym: program admins read the audit trail, and YCJA s.110/s.111 keep any
        # identifier of a young person from readers outside police.
        return f"person #{self.pk}"

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        """Police see the people of their schools (and of occurrences at their schools), never a
        destroyed record, nor someone known only from youth records past their access period
        (YCJA s.128(1)); the records custodian sees exactly those, read-only."""
        if grant.role not in cls.access.roles_for(action) and grant.role != Role.RECORDS_CUSTODIAN:
            return None
        live, past = _involvement_exists(grant)
        in_program = Q(program_id=grant.program_id, is_destroyed=False)
        if grant.role == Role.RECORDS_CUSTODIAN:
            return in_program & Q(past) & ~Q(live) if action == VIEW and past is not None else None
        condition = in_program
        if grant.school_ids is not None:
            at_schools = Q(school_id__in=sorted(grant.school_ids))
            condition &= at_schools | Q(live) if live is not None else at_schools
        if past is not None:
            condition &= Q(live) | ~Q(past)
        return condition


def _involvement_exists(grant: Grant):
    """Subqueries: involvements of the person in records still disclosable to ``grant`` (at its
    schools), and in records past their period. (None, None) without the occurrences app."""
    if not apps.is_installed("srohub.occurrences"):
        return None, None
    from srohub.occurrences.models.scope import disclosable, past_period

    involvements = apps.get_model("occurrences", "Involvement").objects.filter(person=OuterRef("pk"))
    live = involvements.filter(disclosable("occurrence__"))
    if grant.school_ids is not None:
        live = live.filter(occurrence__school_id__in=sorted(grant.school_ids))
    return Exists(live), Exists(involvements.filter(past_period("occurrence__")))


class GuardianRelationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    GUARDIAN = "guardian", _("Guardian")
    ADULT_RELATIVE = "adult_relative", _("Adult relative (YCJA s.26(4))")
    OTHER_ADULT = "other_adult", _("Other appropriate adult (YCJA s.26(4))")


class Guardian(ProgramOwned):
    """A parent, guardian or other adult to notify about a young person."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="guardians", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=16, choices=GuardianRelationship.choices)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    access = Access(view=PERSON_READERS, change=PERSON_WRITERS, school_path="person__school_id")
    audit_redact = frozenset({"name", "phone", "email", "address"})

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        """A guardian is seen by whoever sees the person."""
        person_condition = Person.scope_condition(grant, action)
        if person_condition is None:
            return None
        return Q(person__in=Person.objects.filter(person_condition).values("pk"))

    class Meta:
        ordering = ["person", "relationship", "name"]
        verbose_name = _("parent or guardian")
        verbose_name_plural = _("parents and guardians")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"

    def audit_label(self) -> str:
        return f"guardian #{self.pk} of person #{self.person_id}"
