"""Writes of community referrals: made with consent, moved forward to an outcome, and brought back
to mind when nobody has updated them for the program's number of days (issue 4)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.services import SYSTEM
from srohub.core.services import change_record, create_in_program, update_record
from srohub.directory.models import OrganizationKind
from srohub.engagement import rules
from srohub.engagement.models import EngagementSettings, Referral
from srohub.engagement.rules import ReferralStatus
from srohub.engagement.selectors import officer_of
from srohub.engagement.services import check_same_program


@transaction.atomic
def referral_create(
    *,
    actor,
    school,
    agency,
    service_kind: str,
    consent_given_by: str,
    consent_given_on: date,
    consent_scope: str,
    referred_on: date | None = None,
    today: date | None = None,
    **optional,
) -> Referral:
    """Refer a young person to a community agency of the program, with their or a parent's consent
    recorded (who, when, for what sharing). Consent comes first; no referral is dated after today."""
    program = school.program
    today = today or timezone.localdate()
    referred_on = referred_on or today
    optional.setdefault("officer", officer_of(actor, program.pk))
    check_same_program(program, agency=agency, person=optional.get("person"), officer=optional.get("officer"))
    errors = {}
    if agency.kind != OrganizationKind.COMMUNITY_AGENCY:
        errors["agency"] = _("Choose a community agency.")
    if referred_on > today:
        errors["referred_on"] = _("The date cannot be after today.")
    if consent_given_on > referred_on:
        errors["consent_given_on"] = _("Consent is given before the referral is made.")
    if errors:
        raise ValidationError(errors)
    return create_in_program(
        actor,
        Referral,
        program=program,
        school=school,
        agency=agency,
        service_kind=service_kind,
        consent_given_by=consent_given_by,
        consent_given_on=consent_given_on,
        consent_scope=consent_scope,
        referred_on=referred_on,
        referred_by=actor,
        last_update_on=referred_on,
        **optional,
    )


@transaction.atomic
def referral_advance(
    *,
    actor,
    referral: Referral,
    status: str,
    outcome: str = "",
    note: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> Referral:
    """Move a referral forward (referred → contacted → engaged → closed with an outcome); the
    referring staff or the agency's contact may do it. Each update resets the reminder clock."""
    problem = rules.referral_transition_problem(referral.status, status, outcome)
    if problem:
        raise ValidationError({"status": problem})
    changes = {
        "status": status,
        "outcome": outcome,
        "last_update_on": today or timezone.localdate(),
        "last_update_note": note,
    }
    return change_record(actor, referral, changes, expected_version)


def reminder_days_for(program_id: int) -> int:
    """The program's setting, or the default while it has none."""
    days = (
        EngagementSettings.objects.filter(program_id=program_id)
        .values_list("referral_reminder_days", flat=True)
        .first()
    )
    return days or rules.DEFAULT_REMINDER_DAYS


def referrals_due(*, today: date, program_id: int | None = None, days: int | None = None) -> list[Referral]:
    """Open referrals whose reminder is due today (rules.reminder_due, per program setting unless
    ``days`` overrides it)."""
    candidates = Referral.objects.exclude(status=ReferralStatus.CLOSED).select_related(
        "referred_by", "officer", "school", "agency"
    )
    if program_id is not None:
        candidates = candidates.filter(program_id=program_id)
    days_by_program: dict[int, int] = {}
    due = []
    for referral in candidates.filter(last_update_on__lt=today).order_by("pk").iterator():
        if referral.program_id not in days_by_program:
            days_by_program[referral.program_id] = days or reminder_days_for(referral.program_id)
        if rules.reminder_due(
            status=referral.status,
            last_update_on=referral.last_update_on,
            last_reminded_on=referral.last_reminded_on,
            today=today,
            days=days_by_program[referral.program_id],
        ):
            due.append(referral)
    return due


def referral_reminders_send(
    *, today: date | None = None, program_id: int | None = None, days: int | None = None
) -> int:
    """Remind the referring person (and the officer) of each referral due; returns how many.

    Each reminder is recorded on the referral (audited) in its own transaction, and the email leaves
    after it commits: a failure on one referral never loses the others.
    """
    today = today or timezone.localdate()
    due = referrals_due(today=today, program_id=program_id, days=days)
    for referral in due:
        with transaction.atomic():
            update_record(actor=SYSTEM, instance=referral, changes={"last_reminded_on": today})
            transaction.on_commit(lambda r=referral: _send_reminder(r, today))
    return len(due)


def _send_reminder(referral: Referral, today: date) -> int:
    recipients = sorted(
        {
            email
            for email in (referral.referred_by.email, referral.officer.email if referral.officer else "")
            if email
        }
    )
    if not recipients:
        return 0
    days = (today - referral.last_update_on).days
    subject = _("Referral to %(agency)s: no update for %(days)s days") % {
        "agency": referral.agency,
        "days": days,
    }
    # Says which referral and where, never who: the email leaves the system.
    body = _(
        "The referral #%(id)s from %(school)s to %(agency)s (%(status)s) has had no update since "
        "%(since)s. Please check with the agency and record where it stands."
    ) % {
        "id": referral.pk,
        "school": referral.school,
        "agency": referral.agency,
        "status": referral.get_status_display(),
        "since": referral.last_update_on.isoformat(),
    }
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
