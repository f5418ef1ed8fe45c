"""`srohub seed --scale small|winnipeg|calgary|province [--seed N] [--demo-logins] [--directory-only]`."""

import os

from django.core.management.base import BaseCommand

from srohub.demo.scales import SCALES
from srohub.demo.seed import seed


class Command(BaseCommand):
    help = (
        "Load fictional demo programs (schools, officers, assignments, and each app's demo data). "
        "Deterministic for a seed number; a program already in the database is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="small",
            help="small (tests), winnipeg (~107 schools), calgary (~420), province (~2,000).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            dest="seed_number",
            help="Random seed: the same number always gives the same data (default 1).",
        )
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Also create one login per role in the first program (password 'demo').",
        )
        parser.add_argument(
            "--directory-only",
            action="store_true",
            help="Seed only the directory; skip the capability apps' seeders.",
        )

    def handle(self, *args, scale, seed_number, demo_logins, directory_only, **options):
        report = seed(
            scale=scale,
            seed_number=seed_number,
            demo_logins=demo_logins,
            with_apps=not directory_only,
            log=self.stdout.write,
        )
        if demo_logins:
            self._print_logins(report.logins)

    def _print_logins(self, logins) -> None:
        self.stdout.write(f"\nSRO Hub demo: http://127.0.0.1:{os.environ.get('PORT', '8000')}/")
        if not logins:
            self.stdout.write("The demo logins already exist (password: demo).")
            return
        width = max(len(login.username) for login in logins)
        self.stdout.write("Demo logins (password: demo):")
        for login in logins:
            self.stdout.write(f"  {login.username:<{width}}  {login.role_label} — {login.where}")
