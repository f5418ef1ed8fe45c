"""Emails about drills, sent after the transaction that decided them has committed.

They say what and when, never more: an unannounced drill's email goes to the officer only.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.directory.models import Assignment, AssignmentRole


def notify_officer_invited(drill_id: int) -> int:
    """Tell the invited SRO about a drill they were invited to (how many emails went out)."""
    from srohub.drills.models import Drill  # noqa: PLC0415 - models import this module's callers

    drill = Drill.objects.select_related("officer", "school").filter(pk=drill_id).first()
    if drill is None or drill.officer is None or not drill.officer.email:
        return 0
    when = timezone.localtime(drill.scheduled_for).strftime("%Y-%m-%d %H:%M")
    subject = _("Drill at %(school)s on %(when)s") % {"school": drill.school, "when": when}
    body = _("You are invited to a %(type)s drill at %(school)s on %(when)s (%(announced)s).") % {
        "type": drill.get_drill_type_display().lower(),
        "school": drill.school,
        "when": when,
        "announced": _("announced") if drill.announced else _("unannounced: do not tell the school office"),
    }
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [drill.officer.email], fail_silently=True)


def notice_recipients(school) -> list[str]:
    """Who hears about a school's drill requirements: its school admins and its primary SRO."""
    admins = Membership.objects.filter(school=school, role=Role.SCHOOL_ADMIN, is_active=True)
    emails = [m.user.email for m in admins.select_related("user") if m.user.email]
    today = timezone.localdate()
    primary = (
        Assignment.objects.active_on(today)
        .filter(school=school, role=AssignmentRole.PRIMARY)
        .select_related("officer")
        .first()
    )
    if primary and primary.officer.email:
        emails.append(primary.officer.email)
    return sorted(set(emails))


def send_notice_email(school, messages: list[str]) -> int:
    recipients = notice_recipients(school)
    if not recipients or not messages:
        return 0
    subject = _("Drill requirements at %(school)s") % {"school": school}
    return send_mail(
        subject, "\n\n".join(messages), settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True
    )
