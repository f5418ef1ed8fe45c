"""E-mails the youth-records work sends: they say that something needs doing and where, never who
it is about (no name, date of birth or pseudonym: YCJA s.110 and s.111)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from srohub.accounts.models import Membership


def email_after_commit(recipients: list[str], subject: str, body: str) -> None:
    """Send once the transaction commits, so a rolled-back write sends nothing."""
    addresses = sorted({address for address in recipients if address})
    if addresses:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses, fail_silently=True)
        )


def emails_of_role(program_id: int, role: str) -> list[str]:
    return list(
        Membership.objects.filter(program_id=program_id, role=role, is_active=True).values_list(
            "user__email", flat=True
        )
    )
