"""Who reaches which occurrence, and when a youth record stops being disclosable.

This is where non-disclosure is enforced (YCJA s.119(2), s.128(1)): every list, detail view,
export, report and API fetches through ``visible_to``, which asks these conditions. Past its
access period a record is found by the records custodian only; it is not found by anyone once
destroyed (s.128(7)). The date is compared at query time, so a record disappears on the first day
after its period even before the daily sweep marks it.
"""

from django.db.models import Q
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.scoping import VIEW, Access, Grant

ACTIVE, NON_DISCLOSABLE, ARCHIVED, DESTROYED = "active", "non_disclosable", "archived", "destroyed"
# Police who work with occurrences; school admins, the program admin and evaluators do not.
OCCURRENCE_POLICE = frozenset({Role.SRO, Role.SRO_SUPERVISOR})
# The declared policy of records hanging on an occurrence (what "may create here" checks use);
# reads go through ``occurrence_condition``.
ON_OCCURRENCE = Access(view=OCCURRENCE_POLICE, change=OCCURRENCE_POLICE, school_path="occurrence__school_id")


def disclosable(prefix: str = "") -> Q:
    """Records still within their access period (or with none), not swept, archived or destroyed."""
    today = timezone.localdate()
    return Q(**{f"{prefix}records_state": ACTIVE}) & (
        Q(**{f"{prefix}access_period_ends_on__isnull": True})
        | Q(**{f"{prefix}access_period_ends_on__gte": today})
    )


def past_period(prefix: str = "") -> Q:
    """Records the records custodian holds: past their period (swept or not), or archived."""
    today = timezone.localdate()
    return Q(**{f"{prefix}records_state__in": [NON_DISCLOSABLE, ARCHIVED]}) | Q(
        **{f"{prefix}records_state": ACTIVE, f"{prefix}access_period_ends_on__lt": today}
    )


def occurrence_condition(grant: Grant, action: str, prefix: str = "") -> Q | None:
    """The occurrence scope for one grant, for Occurrence (``prefix=""``) and the records hanging
    on it (``prefix="occurrence__"``): SROs their schools, supervisors the unit, the records
    custodian what is past its period; nobody else."""
    in_program = Q(**{f"{prefix}program_id": grant.program_id})
    if grant.role in OCCURRENCE_POLICE:
        condition = in_program & disclosable(prefix)
        if grant.school_ids is not None:
            condition &= Q(**{f"{prefix}school_id__in": sorted(grant.school_ids)})
        return condition
    if grant.role == Role.RECORDS_CUSTODIAN:
        return in_program & past_period(prefix)
    return None


def police_view_condition(grant: Grant, action: str, prefix: str = "occurrence__") -> Q | None:
    """Records about an occurrence that only its police see (notices, outcomes), never the custodian's
    past-period view beyond reading."""
    if grant.role == Role.RECORDS_CUSTODIAN and action != VIEW:
        return None
    return occurrence_condition(grant, action, prefix)
