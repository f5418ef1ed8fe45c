"""`srohub referrals remind`: reminders for referrals without an update, for cron or a systemd timer
(the same service the task calls)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from srohub.engagement.referral_services import referral_reminders_send


class Command(BaseCommand):
    help = (
        "Remind staff of open community referrals that have had no update for the program's number of days."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["remind"])
        parser.add_argument("--today", help="Run as of this date (YYYY-MM-DD); default: today.")
        parser.add_argument("--program", type=int, help="Only this program id.")
        parser.add_argument("--days", type=int, help="Days without update (default: each program's setting).")

    def handle(self, *args, action: str, today: str | None, program: int | None, days: int | None, **options):
        day = self._day(today)
        if days is not None and not 1 <= days <= 365:
            raise CommandError("--days must be between 1 and 365.")
        count = referral_reminders_send(today=day, program_id=program, days=days)
        self.stdout.write(f"{count} referral reminder(s) sent for {day}.")

    @staticmethod
    def _day(text: str | None) -> date:
        if not text:
            return timezone.localdate()
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise CommandError("--today must be a date such as 2025-10-01.") from exc
