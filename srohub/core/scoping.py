"""The one authorization choke point.

A user's memberships become *grants* (program, role, the schools it reaches). Each scoped model
declares an :class:`Access` policy; ``Model.objects.visible_to(user, action)`` turns the user's
grants into one query filter. Every list, detail view, export, report, API and service fetches
through it, so a record out of scope is simply not found (404), never "forbidden".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from srohub.core.roles import PROGRAM_WIDE_ROLES, SCHOOL_ROLES, Role

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class Grant:
    """What one membership lets a user reach: a program, a role, and the schools it covers."""

    program_id: int
    role: str
    school_ids: frozenset[int] | None  # None: every school of the program
    organization_id: int | None = None
    officer_id: int | None = None


@dataclass(frozen=True)
class Access:
    """A model's access policy: which roles may view or change it, and how it hangs on a school.

    ``school_path`` is the lookup from the model to a school id (``"id"`` for School itself,
    ``"school_id"`` for Space). Without one the record is program-wide: every role allowed to
    view it sees all of the program's records of that kind.
    """

    view: frozenset[str]
    change: frozenset[str]
    school_path: str | None = None
    program_path: str = "program_id"

    def roles_for(self, action: str) -> frozenset[str]:
        return self.view if action == VIEW else self.change

    def condition(self, grant: Grant, action: str) -> Q | None:
        if grant.role not in self.roles_for(action):
            return None
        condition = Q(**{self.program_path: grant.program_id})
        if self.school_path and grant.school_ids is not None:
            condition &= Q(**{f"{self.school_path}__in": sorted(grant.school_ids)})
        return condition

    def allows(self, grant: Grant, action: str, *, program_id: int, school_id: int | None = None) -> bool:
        if grant.role not in self.roles_for(action) or grant.program_id != program_id:
            return False
        if self.school_path and grant.school_ids is not None:
            return school_id in grant.school_ids
        return True


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to restrict itself to what a user may see or change."""

    def visible_to(self, user, action: str = VIEW) -> ScopedQuerySet:
        condition = None
        for grant in grants_for(user):
            grant_condition = self.model.scope_condition(grant, action)
            if grant_condition is not None:
                condition = grant_condition if condition is None else condition | grant_condition
        return self.none() if condition is None else self.filter(condition)


class ScopedModel(models.Model):
    """Mixin for every model that reaches a user: it declares ``access`` and gets ``visible_to``."""

    access: Access
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def scope_condition(cls, grant: Grant, action: str) -> Q | None:
        return cls.access.condition(grant, action)


def get_for_user(queryset_or_model, user, action: str = VIEW, **lookup):
    """Fetch one record through the choke point; missing and out of scope are the same 404."""
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model.objects.all()
    try:
        return queryset.visible_to(user, action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.") from exc


def grants_for(user) -> tuple[Grant, ...]:
    """The user's grants today, computed once per user object and day."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    today = timezone.localdate()
    cached = user.__dict__.get("_srohub_grants")
    if cached and cached[0] == today:
        return cached[1]
    grants = tuple(_build_grants(user, today))
    user.__dict__["_srohub_grants"] = (today, grants)
    return grants


def forget_grants(user) -> None:
    """Drop a user's cached grants, after their memberships or assignments changed."""
    if user is not None:
        user.__dict__.pop("_srohub_grants", None)


def roles_of(user, program_id: int | None = None) -> set[str]:
    return {g.role for g in grants_for(user) if program_id is None or g.program_id == program_id}


def program_ids_of(user, roles: Iterable[str] | None = None) -> set[int]:
    wanted = set(roles) if roles is not None else None
    return {g.program_id for g in grants_for(user) if wanted is None or g.role in wanted}


def _build_grants(user, today: date) -> Iterable[Grant]:
    membership_model = apps.get_model("accounts", "Membership")
    memberships = membership_model.objects.filter(user=user, is_active=True, program__is_active=True).values(
        "program_id", "role", "school_id", "organization_id"
    )
    for membership in memberships:
        yield _grant_for_membership(user, membership, today)


def _grant_for_membership(user, membership: dict, today: date) -> Grant:
    role = membership["role"]
    program_id = membership["program_id"]
    organization_id = membership["organization_id"]
    if role in SCHOOL_ROLES:
        return Grant(program_id, role, frozenset({membership["school_id"]}), organization_id)
    if role == Role.DIVISION_LEAD:
        school_model = apps.get_model("directory", "School")
        division_schools = school_model.objects.filter(program_id=program_id, division_id=organization_id)
        ids = division_schools.values_list("id", flat=True)
        return Grant(program_id, role, frozenset(ids), organization_id)
    if role == Role.SRO:
        return _officer_grant(user, program_id, organization_id, today)
    if role in PROGRAM_WIDE_ROLES:
        return Grant(program_id, role, None, organization_id)
    # Tip partners and any role without a school scope reach no school-bound record.
    return Grant(program_id, role, frozenset(), organization_id)


def _officer_grant(user, program_id: int, organization_id: int | None, today: date) -> Grant:
    officer_model = apps.get_model("directory", "Officer")
    assignment_model = apps.get_model("directory", "Assignment")
    officer_id = officer_model.objects.filter(program_id=program_id, user=user).values_list("id", flat=True).first()
    school_ids = frozenset(
        assignment_model.objects.active_on(today)
        .filter(officer_id=officer_id)
        .values_list("school_id", flat=True)
    )
    return Grant(program_id, Role.SRO, school_ids, organization_id, officer_id)
