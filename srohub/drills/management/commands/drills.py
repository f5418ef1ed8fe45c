"""`srohub drills remind` and `srohub drills purge`: the drills app's periodic work, for cron or a
systemd timer (the same services the tasks call)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from srohub.drills import maintenance


class Command(BaseCommand):
    help = "Drill reminders and overdue notices (remind), and the retention purge (purge)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["remind", "purge"])
        parser.add_argument("--today", help="Run as of this date (YYYY-MM-DD); default: today.")
        parser.add_argument("--program", type=int, help="Only this program id (remind).")

    def handle(self, *args, action: str, today: str | None, program: int | None, **options):
        day = self._day(today)
        if action == "remind":
            count = maintenance.notices_send(today=day, program_id=program)
            self.stdout.write(f"{count} notice(s) sent for {day}.")
        else:
            count = maintenance.drills_purge(today=day)
            self.stdout.write(f"{count} drill record(s) past retention purged.")

    @staticmethod
    def _day(text: str | None) -> date:
        if not text:
            return timezone.localdate()
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise CommandError("--today must be a date such as 2025-10-01.") from exc
