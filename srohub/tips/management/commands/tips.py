"""`srohub tips escalate`: send due tip notifications and life-safety escalations.

``--watch`` is the step worker of a deployment: it runs until stopped (SIGTERM or SIGINT) and sends
each step within ``--interval`` seconds of falling due — a new tip's first notification at once.
Without it, one pass (from cron, say). Either resumes whatever a stopped worker left pending.
"""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from srohub.tips.escalation import escalations_process, escalations_watch


class Command(BaseCommand):
    help = "Send due tip notifications and life-safety escalation steps (escalate [--watch])."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["escalate"])
        parser.add_argument("--watch", action="store_true", help="Keep running, sending steps as they fall due.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between checks (default 1).")

    def handle(self, *args, action: str, watch: bool, interval: float, **options):
        if not 0.05 <= interval <= 60:
            raise CommandError("--interval must be between 0.05 and 60 seconds.")
        if not watch:
            count = escalations_process()
            self.stdout.write(f"{count} escalation step(s) handled.")
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Sending tip notification steps as they fall due (every {interval:g} s).")
        count = escalations_watch(interval=interval, stop=stop)
        self.stdout.write(f"Stopped: {count} escalation step(s) handled.")
