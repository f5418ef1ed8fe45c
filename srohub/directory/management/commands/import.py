"""`srohub import schools|spaces|officers FILE --program SLUG [--as USERNAME]`: a CSV into the directory.

All rows or none (``srohub.directory.imports``). Without ``--as`` the import runs as SYSTEM (the
operator at the console); with it, as that user, with their rights and their name in the audit trail.
Exit status: 0 imported, 1 nothing saved (the problems are listed row by row), 2 bad arguments
(no such file, program or user).
"""

import sys
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from srohub.accounts.models import User
from srohub.audit.services import SYSTEM
from srohub.directory.imports import KINDS, ImportReport, run_import
from srohub.directory.models import Program

FAILED, BAD_ARGUMENTS = 1, 2


class Command(BaseCommand):
    help = "Import schools, spaces or officers from a CSV file (UTF-8): every row is saved, or none."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS))
        parser.add_argument("file", help="The CSV file ('-' reads standard input).")
        parser.add_argument("--program", required=True, help="The program's short name (slug).")
        parser.add_argument("--as", dest="username", help="Import as this user (default: the system).")

    def handle(self, *args, kind: str, file: str, program: str, username: str | None, **options):
        target = _program(program)
        actor = _actor(username)
        try:
            with _opened(file) as content:
                report = run_import(actor=actor, program=target, kind=kind, file=content)
        except PermissionDenied as exc:
            raise CommandError(
                f"{username or 'system'} may not import {kind} into {program}: {exc}", returncode=FAILED
            ) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=BAD_ARGUMENTS) from exc
        self._print(report)

    def _print(self, report: ImportReport) -> None:
        if report.ok:
            self.stdout.write(
                f"Imported: {report.created} created, {report.updated} updated, {report.unchanged} unchanged."
            )
            return
        self.stdout.write(f"{'row':>6}  {'column':<20}  problem")
        for error in report.errors:
            self.stdout.write(f"{error.row:>6}  {error.field or '—':<20}  {error.message}")
        count = len(report.errors)
        raise CommandError(
            f"Nothing was saved: {count} problem{'s' if count != 1 else ''} to fix.", returncode=FAILED
        )


def _program(slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        raise CommandError(f"No program with the short name {slug!r}.", returncode=BAD_ARGUMENTS)
    return program


def _actor(username: str | None):
    if username is None:
        return SYSTEM
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user named {username!r}.", returncode=BAD_ARGUMENTS)
    return user


@contextmanager
def _opened(path: str):
    """The file as bytes (the importer decodes it), or standard input for '-'."""
    if path == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the import has read it
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.", returncode=BAD_ARGUMENTS) from exc
    with handle:
        yield handle
