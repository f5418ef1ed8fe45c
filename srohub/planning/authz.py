"""Who may act for an officer: the officer themself, or the unit's planners."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.planning.models.access import PLANNERS


def may_act_for_officer(actor, officer) -> bool:
    if actor is SYSTEM:
        return True
    for grant in grants_for(actor):
        if grant.program_id != officer.program_id:
            continue
        if grant.role in PLANNERS or (grant.role == Role.SRO and grant.officer_id == officer.pk):
            return True
    return False


def require_officer_or_planner(actor, officer) -> None:
    """Refuse (403) unless the actor is this officer or a planner of their program."""
    if not may_act_for_officer(actor, officer):
        raise PermissionDenied(_("Only the officer or a supervisor may do this."))


def is_planner(actor, program_id: int) -> bool:
    return actor is SYSTEM or any(
        g.program_id == program_id and g.role in PLANNERS for g in grants_for(actor)
    )


def officer_of(user, program_id: int | None = None):
    """The officer record of a signed-in SRO (the first program's, or ``program_id``'s)."""
    from srohub.directory.models import Officer

    ids = [
        g.officer_id
        for g in grants_for(user)
        if g.role == Role.SRO and g.officer_id and (program_id is None or g.program_id == program_id)
    ]
    return Officer.objects.filter(pk__in=ids).order_by("pk").first() if ids else None
