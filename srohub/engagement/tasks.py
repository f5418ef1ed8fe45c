"""Background work of the engagement app; each task is also a command (`srohub referrals remind`)."""

from datetime import date

from django.utils import timezone
from django_tasks import task

from srohub.engagement.referral_services import referral_reminders_send


@task()
def remind_stale_referrals(today: str | None = None, program_id: int | None = None) -> int:
    """Remind the referring staff of every open referral without an update for the program's
    number of days (EngagementSettings.referral_reminder_days)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return referral_reminders_send(today=day, program_id=program_id)
