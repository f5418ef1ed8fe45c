"""Telling people a tip needs them, by email and text message.

A notification carries the tip number and a link, never the content: phones show messages on a
locked screen and email travels through systems outside the police service (issue 6).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.directory.models import Officer
from srohub.tips import rules
from srohub.tips.conf import setting
from srohub.tips.sms import sms_backend

logger = logging.getLogger(__name__)


def contacts_for(target: rules.Target, program) -> list[tuple[str, str]]:
    """(email, phone) pairs of whoever ``target`` is: an officer, the supervisors, the duty line."""
    if target.kind == rules.OFFICER:
        officer = Officer.objects.filter(pk=target.officer_id).values_list("email", "phone").first()
        return [officer] if officer else []
    if target.kind == rules.QUEUE:
        supervisors = Membership.objects.filter(
            program=program, role=Role.SRO_SUPERVISOR, is_active=True, user__is_active=True
        ).values_list("user__email", "user__phone")
        return sorted(set(supervisors))
    return [("", program.duty_phone)] if program.duty_phone else []


def message_for(tip, step: int) -> tuple[str, str]:
    """The subject and text of a notification: tip number, link, step — nothing of the content."""
    link = setting("SROHUB_BASE_URL") + reverse("tips:tip-detail", args=[tip.pk])
    if step == 0:
        subject = _("New tip %(number)s") % {"number": tip.number}
    else:
        subject = _("Tip %(number)s not yet acknowledged (escalation %(step)s)") % {
            "number": tip.number,
            "step": step,
        }
    return subject, f"{subject}: {link}"


def notify(tip, target: rules.Target, step: int) -> int:
    """Send the step's messages; returns how many went out. A failing gateway is logged, not
    raised, so one bad address cannot hold back the others or the next step."""
    subject, text = message_for(tip, step)
    sent = 0
    sms = sms_backend()
    for email, phone in contacts_for(target, tip.program):
        if email:
            sent += send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
        if phone:
            sent += _send_sms(sms, phone, text)
    return sent


def _send_sms(backend, phone: str, text: str) -> int:
    try:
        return 1 if backend.send(phone, text) else 0
    except Exception:  # any gateway error: log it and go on to the next contact
        logger.exception("Text message to a tip contact failed")
        return 0
