"""``srohub seed``: fictional demo programs at a chosen scale, deterministic for a seed number.

What runs, per program of the scale (``demo.scales``), in ONE transaction (a failed seed leaves
nothing half-made, so it can simply be run again):

1. the directory: program, partners, agreement, schools, rooms, officers, assignments
   (``demo.directory``);
2. with ``demo_logins``, for the first program only: one login per role (``demo.logins``);
3. each capability app's seeders, in INSTALLED_APPS order;
4. one summarizing ``import`` audit event on the program with every count.

Extension point — how an app adds its demo data
-----------------------------------------------
An app ``srohub/<app>/`` provides ``srohub/<app>/seed.py`` with a module-level list::

    SEEDERS = [seed_visits, ...]

    def seed_visits(*, program, rng: random.Random, scale: str, today: datetime.date) -> dict[str, int]:
        ...  # create this app's records for ``program``; return counts, e.g. {"visits": 1200}

Each seeder runs after the program's directory (and demo logins) exist, inside the program's
transaction. ``rng`` is its own generator, derived from the seed number, the program and the
seeder's name, so adding or changing one seeder never changes another's data. Use ``bulk_create``
for volume (the one summary audit event covers it) and draw every random choice from ``rng``.
``scale`` is one of ``SCALES`` ("small", "winnipeg", "calgary", "province"), to size the data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.demo.directory import seed_program_directory
from srohub.demo.logins import CreatedLogin, create_demo_logins
from srohub.demo.scales import SCALES, ProgramSpec
from srohub.directory.models import Program

Seeder = Callable[..., dict]
DIRECTORY_STAGE = "directory"


@dataclass
class ProgramReport:
    """What the seed did for one program: created or skipped, row counts and seconds per stage."""

    slug: str
    name: str
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class SeedReport:
    programs: list[ProgramReport] = field(default_factory=list)
    logins: list[CreatedLogin] = field(default_factory=list)


def seed(
    *,
    scale: str,
    seed_number: int = 1,
    demo_logins: bool = False,
    with_apps: bool = True,
    today: date | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> SeedReport:
    """Seed every program of ``scale`` that is not in the database yet (found by slug)."""
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}; choose one of {', '.join(SCALES)}.")
    today = today or timezone.localdate()
    seeders = list(app_seeders()) if with_apps else []
    report = SeedReport()
    for index, spec in enumerate(SCALES[scale]):
        wants_logins = demo_logins and index == 0
        existing = Program.objects.filter(slug=spec.slug).first()
        if existing is None:
            _program, program_report, logins = seed_program(
                spec,
                scale=scale,
                seed_number=seed_number,
                demo_logins=wants_logins,
                seeders=seeders,
                today=today,
            )
            log(describe(program_report))
        else:
            log(f"{spec.name} ({spec.slug}) is already seeded: skipped.")
            program_report = ProgramReport(spec.slug, spec.name, created=False)
            logins = _missing_logins(existing) if wants_logins else []
        report.programs.append(program_report)
        report.logins += logins
    return report


@transaction.atomic
def _missing_logins(program: Program) -> list[CreatedLogin]:
    """The program was seeded without demo logins (or some were removed): add the missing ones."""
    return create_demo_logins(program)


def seed_program(
    spec: ProgramSpec,
    *,
    scale: str,
    seed_number: int,
    demo_logins: bool,
    seeders: list[tuple[str, Seeder]],
    today: date,
):
    """One program, all or nothing: directory, logins, the apps' seeders, then the summary event."""
    report = ProgramReport(spec.slug, spec.name, created=True)
    with transaction.atomic():
        with _timed(report, DIRECTORY_STAGE):
            program, counts = seed_program_directory(
                spec, rng=stage_rng(seed_number, spec, DIRECTORY_STAGE), today=today
            )
        report.counts.update(counts)
        logins = create_demo_logins(program) if demo_logins else []
        for name, seeder in seeders:
            with _timed(report, name):
                made = seeder(
                    program=program, rng=stage_rng(seed_number, spec, name), scale=scale, today=today
                )
            report.counts.update({f"{name}.{key}": value for key, value in (made or {}).items()})
        audit_record(
            actor=SYSTEM,
            action=AuditAction.IMPORT,
            instance=program,
            label=f"Demo seed of {spec.name}",
            after={"source": "srohub seed", "scale": scale, "seed": seed_number, **report.counts},
        )
    return program, report, logins


def stage_rng(seed_number: int, spec: ProgramSpec, stage: str) -> random.Random:
    """A generator of its own for each program and stage (string seeds hash the same on every run)."""
    return random.Random(f"{seed_number}/{spec.slug}/{stage}")


def app_seeders() -> Iterator[tuple[str, Seeder]]:
    """(name, function) of every ``SEEDERS`` entry in the installed apps' ``seed`` modules."""
    for config in apps.get_app_configs():
        if not config.name.startswith("srohub.") or config.name == __package__:
            continue
        module_name = f"{config.name}.seed"
        # find_spec first, so that an error inside an app's seed module is raised, not hidden.
        if find_spec(module_name) is None:
            continue
        for seeder in getattr(import_module(module_name), "SEEDERS", ()):
            yield f"{config.label}.{seeder.__name__}", seeder


@contextmanager
def _timed(report: ProgramReport, stage: str):
    """Record a stage's wall time in the report, so the seed's output shows where the time goes."""
    started = time.perf_counter()
    yield
    report.seconds[stage] = round(time.perf_counter() - started, 2)


def describe(report: ProgramReport) -> str:
    """One paragraph on what was seeded for a program, with the time of each stage."""
    counts = report.counts
    lines = [
        f"{report.name} ({report.slug}): {counts.get('schools', 0)} schools, "
        f"{counts.get('spaces', 0)} spaces, "
        f"{counts.get('officers', 0)} officers, {counts.get('assignments', 0)} assignments, "
        f"{counts.get('organizations', 0)} partner organizations."
    ]
    for stage, seconds in report.seconds.items():
        made = {key.split(".", 2)[-1]: value for key, value in counts.items() if key.startswith(f"{stage}.")}
        detail = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in made.items())
        lines.append(f"  {stage}: {seconds:.1f} s{' — ' + detail if detail else ''}")
    return "\n".join(lines)
