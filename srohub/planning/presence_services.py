"""What officers do with the plan: check in and out, mark a visit missed, subscribe a calendar feed."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.services import create_in_program, update_record
from srohub.directory.models import Assignment, Officer, School
from srohub.planning.authz import require_officer_or_planner
from srohub.planning.models import CheckIn, FeedToken, Visit, VisitStatus


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def check_in(*, actor, officer: Officer, school: School) -> CheckIn:
    """The officer arrives at a school. An earlier open check-in is closed first (one place at a time).

    Only a school the officer is assigned to, or has a visit at today (a pinned drill), is accepted.
    """
    require_officer_or_planner(actor, officer)
    now = timezone.now()
    today = timezone.localdate()
    assigned = Assignment.objects.active_on(today).filter(officer=officer, school=school).exists()
    visiting = Visit.objects.filter(officer=officer, school=school, day=today).exists()
    if not (assigned or visiting):
        raise ValidationError(
            {
                "school": _("%(officer)s is not assigned to %(school)s and has no visit there today.")
                % {"officer": officer, "school": school}
            }
        )
    for open_one in CheckIn.objects.select_for_update().filter(officer=officer, checked_out_at__isnull=True):
        update_record(actor=actor, instance=open_one, changes={"checked_out_at": now})
    return create_in_program(
        actor, CheckIn, program=school.program, school=school, officer=officer, checked_in_at=now
    )


@transaction.atomic
def check_out(*, actor, check_in: CheckIn) -> CheckIn:
    """The officer leaves the school."""
    require_officer_or_planner(actor, check_in.officer)
    if check_in.checked_out_at is not None:
        raise ValidationError({"checked_out_at": _("This visit is already checked out.")})
    return update_record(actor=actor, instance=check_in, changes={"checked_out_at": timezone.now()})


@transaction.atomic
def visit_mark_missed(*, actor, visit: Visit, reason: str, expected_version: int | None = None) -> Visit:
    """The officer could not make a planned visit; the reason is kept (and shown to planners)."""
    require_officer_or_planner(actor, visit.officer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the visit was missed.")})
    return update_record(
        actor=actor,
        instance=visit,
        expected_version=expected_version,
        changes={"status": VisitStatus.MISSED, "missed_reason": reason[:300]},
    )


@transaction.atomic
def feed_token_create(*, actor, officer: Officer) -> tuple[FeedToken, str]:
    """A new private calendar-feed token; the token itself is returned once and only its hash kept."""
    require_officer_or_planner(actor, officer)
    token = secrets.token_urlsafe(32)
    feed = create_in_program(
        actor, FeedToken, program=officer.program, officer=officer, token_hash=token_hash(token)
    )
    return feed, token


@transaction.atomic
def feed_token_revoke(*, actor, feed: FeedToken) -> FeedToken:
    """Revoke a feed: its address stops working at once (404)."""
    require_officer_or_planner(actor, feed.officer)
    if feed.revoked_at is not None:
        return feed
    return update_record(actor=actor, instance=feed, changes={"revoked_at": timezone.now()})
