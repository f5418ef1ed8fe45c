"""Writes to accounts: users, memberships and API tokens, each with its audit event."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.accounts.authentication import token_cache
from srohub.accounts.models import ApiToken, Membership, User
from srohub.audit.models import AuditAction
from srohub.audit.services import audit_record, snapshot
from srohub.core.roles import SCHOOL_ROLES, Role
from srohub.core.scoping import forget_grants
from srohub.core.services import (
    authorize_change,
    authorize_create,
    change_record,
    create_in_program,
    create_record,
)


@transaction.atomic
def user_create(*, actor, username: str, password: str | None = None, **fields) -> User:
    """Create a user account (no access until a membership gives it one)."""
    user = User(username=username, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    return create_record(actor=actor, instance=user)


@transaction.atomic
def membership_create(*, actor, program, user: User, role: str, school=None, organization=None) -> Membership:
    """Give ``user`` a role in ``program``, scoped to a school, a division or the police unit."""
    # Authorize before looking at existing memberships, so a refusal never says who holds what.
    authorize_create(actor, Membership, program_id=program.pk)
    _check_scope_fits_role(program=program, role=role, school=school, organization=organization)
    _refuse_duplicate(user=user, program=program, role=role, school=school, organization=organization)
    membership = create_in_program(
        actor, Membership, program=program, user=user, role=role, school=school, organization=organization
    )
    _access_changed(user)
    return membership


def membership_update(*, actor, membership: Membership, changes: dict, expected_version=None) -> Membership:
    authorize_change(actor, membership)
    scope = {
        "role": changes.get("role", membership.role),
        "school": changes.get("school", membership.school),
        "organization": changes.get("organization", membership.organization),
    }
    _check_scope_fits_role(program=membership.program, **scope)
    _refuse_duplicate(user=membership.user, program=membership.program, exclude_id=membership.pk, **scope)
    updated = change_record(actor, membership, changes, expected_version)
    _access_changed(membership.user)
    return updated


def _access_changed(user: User) -> None:
    """Forget what this process remembers of the user's access: their grants, their API keys."""
    forget_grants(user)
    token_cache.forget(user_id=user.pk)


def _check_scope_fits_role(*, program, role, school, organization) -> None:
    errors = {}
    if role in SCHOOL_ROLES and school is None:
        errors["school"] = _("A school admin or school office membership names its school.")
    if role == Role.DIVISION_LEAD and (organization is None or organization.kind != "school_division"):
        errors["organization"] = _("A division safety lead membership names a school division.")
    if school is not None and school.program_id != program.pk:
        errors["school"] = _("The school belongs to another program.")
    if organization is not None and organization.program_id != program.pk:
        errors["organization"] = _("The organization belongs to another program.")
    if errors:
        raise ValidationError(errors)


def _refuse_duplicate(*, user, program, role, school, organization, exclude_id=None) -> None:
    """One membership per user, program, role and scope (the database's membership_unique, in words)."""
    same = Membership.objects.filter(user=user, program=program, role=role, school=school,
                                     organization=organization).exclude(pk=exclude_id)
    if same.exists():
        raise ValidationError({"role": _("%(user)s already has this role with this scope in the program.")
                               % {"user": user.username}})


@transaction.atomic
def token_create(*, actor, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Issue an API key for ``user``. The key is returned once; only its hash is stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_prefix=key[:8], key_hash=ApiToken.hash_key(key))
    audit_record(actor=actor, action=AuditAction.TOKEN, instance=token, after=snapshot(token))
    return token, key


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    token_cache.forget(key_hash=token.key_hash)
    audit_record(actor=actor, action=AuditAction.UPDATE, instance=token,
                 after={"revoked_at": str(token.revoked_at)})
    return token
