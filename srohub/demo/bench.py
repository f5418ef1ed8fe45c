"""``srohub bench seed --scale calgary``: how long ``srohub seed`` takes, stage by stage, with row counts.

By default the seed runs in a child process against a fresh temporary SQLite file (migrated first),
the way ``make demo`` runs it, and the file is deleted afterwards. ``--current-db`` seeds the database
the command is configured with instead (PostgreSQL, say) inside a transaction that is rolled back,
so nothing is left behind.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction

from srohub.demo.scales import SCALES
from srohub.demo.seed import SeedReport, seed
from srohub.directory.models import Program


class _RollBack(Exception):
    """Raised to undo the benchmark's seed once it has been measured."""


def add_arguments(parser) -> None:
    parser.add_argument("--scale", choices=list(SCALES), default="calgary")
    parser.add_argument("--seed", type=int, default=1, dest="seed_number")
    parser.add_argument(
        "--directory-only", action="store_true", help="Time the directory only (no app seeders)."
    )
    parser.add_argument(
        "--current-db",
        action="store_true",
        help="Seed the configured database inside a rolled-back transaction, not a fresh SQLite file.",
    )
    parser.add_argument("--keep", action="store_true", help="With --current-db: commit the seeded data.")


def bench_seed(options: dict) -> list[dict]:
    """One figure per stage of the seed (directory, each app's seeder) and one for the total."""
    if not options.get("current_db"):
        return _in_fresh_sqlite_file(options)
    scale = options.get("scale", "calgary")
    if Program.objects.filter(slug__in=[spec.slug for spec in SCALES[scale]]).exists():
        raise CommandError(
            f"The {scale} programs are already in this database: time it on a fresh file instead."
        )
    started = time.perf_counter()
    try:
        with transaction.atomic():
            report = seed(
                scale=scale,
                seed_number=options.get("seed_number", 1),
                with_apps=not options.get("directory_only"),
            )
            total = time.perf_counter() - started
            if not options.get("keep"):
                raise _RollBack
    except _RollBack:
        pass
    return figures(report, scale=scale, total=total, database=connection.vendor)


def figures(report: SeedReport, *, scale: str, total: float, database: str) -> list[dict]:
    """The seed report as benchmark rows: seconds per stage (summed over programs) and the total."""
    stages: dict[str, float] = {}
    counts: dict[str, int] = {}
    for program in report.programs:
        for stage, seconds in program.seconds.items():
            stages[stage] = stages.get(stage, 0) + seconds
        for key in ("schools", "spaces", "officers", "assignments"):
            counts[key] = counts.get(key, 0) + program.counts.get(key, 0)
    base = {"figure": "seed", "scale": scale, "database": database}
    rows = [{**base, "stage": stage, "seconds": round(seconds, 2)} for stage, seconds in stages.items()]
    rows.append(
        {**base, "stage": "total", "seconds": round(total, 2), "programs": len(report.programs), **counts}
    )
    return rows


def _in_fresh_sqlite_file(options: dict) -> list[dict]:
    """Migrate a new SQLite file in a child process, then run this benchmark there (--current-db --keep)."""
    with tempfile.TemporaryDirectory(prefix="srohub-bench-") as folder:
        env = {**os.environ, "SROHUB_SQLITE_PATH": str(Path(folder) / "seed.sqlite3")}
        env.pop("DATABASE_URL", None)  # the child must use the fresh file, not the configured server
        started = time.perf_counter()
        _run_child(["migrate", "--noinput", "-v", "0"], env)
        migrate_seconds = round(time.perf_counter() - started, 2)
        arguments = [
            "bench",
            "seed",
            "--json",
            "--current-db",
            "--keep",
            "--scale",
            options.get("scale", "calgary"),
        ]
        arguments += ["--seed", str(options.get("seed_number", 1))]
        arguments += ["--directory-only"] if options.get("directory_only") else []
        rows = [json.loads(line) for line in _run_child(arguments, env).splitlines() if line.startswith("{")]
    for row in rows:
        row["database"] = "sqlite (fresh file)"
    return [
        {"figure": "seed", "stage": "migrate", "seconds": migrate_seconds, "database": "sqlite (fresh file)"},
        *rows,
    ]


def _run_child(arguments: list[str], env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "srohub", *arguments],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"srohub {' '.join(arguments)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


BENCHMARKS = {"seed": bench_seed}
ARGUMENTS = {"seed": add_arguments}
