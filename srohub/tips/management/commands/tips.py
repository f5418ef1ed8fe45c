"""`srohub tips escalate`: send due tip notifications and life-safety escalations. Run it every
minute from cron or a systemd timer; it resumes whatever a stopped worker left pending."""

from django.core.management.base import BaseCommand

from srohub.tips.escalation import escalations_process


class Command(BaseCommand):
    help = "Send due tip notifications and life-safety escalation steps (escalate)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["escalate"])

    def handle(self, *args, action: str, **options):
        count = escalations_process()
        self.stdout.write(f"{count} escalation step(s) handled.")
