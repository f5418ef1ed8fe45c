"""`srohub bench [NAME [options]] [--json]`: run one of the apps' benchmarks, or list them.

Each app may provide ``srohub/<app>/bench.py`` with ``BENCHMARKS = {"name": function}``, where
``function(options: dict) -> list[dict]`` returns one dict per measured figure, and optionally
``ARGUMENTS = {"name": add_arguments(parser)}`` for the benchmark's own options. Figures are
printed as a table, or one JSON object per line with ``--json`` (for scripts and docs/benchmarks.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


@dataclass(frozen=True)
class Benchmark:
    name: str
    app: str
    run: object  # callable(options) -> list[dict]
    add_arguments: object | None
    module_doc: str = ""

    @property
    def summary(self) -> str:
        """The first line of the function's docstring, else of its module's."""
        doc = (self.run.__doc__ or self.module_doc or "").strip()
        return doc.splitlines()[0] if doc else ""


def discover() -> dict[str, Benchmark]:
    """Every benchmark of the installed srohub apps, by name (a name used twice is an error)."""
    found: dict[str, Benchmark] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.bench"
        # find_spec first, so that an error inside an app's bench module is raised, not hidden.
        if not config.name.startswith("srohub.") or find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        adders = getattr(module, "ARGUMENTS", {})
        for name, run in getattr(module, "BENCHMARKS", {}).items():
            if name in found:
                raise CommandError(f"Benchmark {name!r} is defined by {found[name].app} and {config.label}.")
            found[name] = Benchmark(name, config.label, run, adders.get(name), module.__doc__ or "")
    return found


class Command(BaseCommand):
    help = "Run a benchmark (srohub bench NAME --help for its options); without a name, list them."

    def add_arguments(self, parser):
        benchmarks = parser.add_subparsers(dest="benchmark", metavar="NAME")
        for benchmark in discover().values():
            sub = benchmarks.add_parser(benchmark.name, help=benchmark.summary, description=benchmark.summary)
            sub.add_argument("--json", action="store_true", help="One JSON object per line.")
            if benchmark.add_arguments is not None:
                benchmark.add_arguments(sub)

    def handle(self, *args, benchmark=None, **options):
        available = discover()
        if benchmark is None:
            self._list(available)
            return
        rows = available[benchmark].run(options)
        if options.get("json"):
            for row in rows:
                self.stdout.write(json.dumps(row, default=str))
        else:
            self.stdout.write(table(rows))

    def _list(self, available: dict[str, Benchmark]) -> None:
        self.stdout.write("Benchmarks (srohub bench NAME --help for options):")
        for benchmark in sorted(available.values(), key=lambda b: b.name):
            self.stdout.write(f"  {benchmark.name:<12} {benchmark.summary}  [{benchmark.app}]")


def table(rows: list[dict]) -> str:
    """The figures as an aligned text table; columns in the order they first appear."""
    if not rows:
        return "(no figures)"
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[str(row.get(column, "")) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in cells
    ]
    return "\n".join(line.rstrip() for line in lines)
