"""`srohub bench drills`: the compliance table for a calgary-scale program (~420 schools): time and
number of queries. Uses the largest program in the database when it has the schools, otherwise
builds a synthetic one inside a transaction that is rolled back."""

import random
import time
from datetime import date

from django.db import connection, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.directory.models import Organization, OrganizationKind, Program, School
from srohub.drills import rules
from srohub.drills.models import DrillType
from srohub.drills.seed import seed_drills
from srohub.drills.selectors import compliance_for_schools

CALGARY_SCHOOLS = 420


class _Rollback(Exception):
    pass


def add_arguments(parser) -> None:
    parser.add_argument("--schools", type=int, default=CALGARY_SCHOOLS, help="Synthetic program size.")
    parser.add_argument("--repeat", type=int, default=5)


def bench_drills(options: dict) -> list[dict]:
    size, repeat = options.get("schools", CALGARY_SCHOOLS), options.get("repeat", 5)
    program = Program.objects.annotate(n=Count("school")).filter(n__gte=size).order_by("-n").first()
    if program is not None:
        return _measure(program, repeat, source="database")
    figures = []
    try:
        with transaction.atomic():
            figures = _measure(_synthetic(size), repeat, source="synthetic")
            raise _Rollback
    except _Rollback:
        pass
    return figures


def _synthetic(size: int) -> Program:
    program = Program.objects.create(
        name="Bench drills", slug=f"bench-drills-{time.time_ns()}", province="AB"
    )
    divisions = [
        Organization.objects.create(program=program, kind=OrganizationKind.SCHOOL_DIVISION, name=f"Div {i}")
        for i in range(4)
    ]
    School.objects.bulk_create(
        [
            School(
                program=program,
                division=divisions[i % 4],
                name=f"School {i:04d}",
                code=f"B{i:04d}",
                level="elementary",
            )
            for i in range(size)
        ]
    )
    seed_drills(program=program, rng=random.Random(7), scale="calgary", today=timezone.localdate())
    return program


def _measure(program: Program, repeat: int, *, source: str) -> list[dict]:
    today = timezone.localdate()
    year = rules.school_year_of(today)
    timings, queries, rows = [], 0, []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            rows = compliance_for_schools(
                School.objects.filter(program=program).select_related("division").order_by("name"),
                year,
                today,
            )
            html = _render(rows)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    timings.sort()
    return [
        {
            "figure": "compliance table",
            "source": source,
            "schools": len(rows),
            "queries": queries,
            "median_ms": round(timings[len(timings) // 2], 1),
            "max_ms": round(timings[-1], 1),
            "html_kb": round(len(html) / 1024),
            "date": date.today().isoformat(),
        }
    ]


def _render(rows) -> str:
    types = [value for value in DrillType.values if any(value in row.by_type() for row in rows)]
    return render_to_string("drills/compliance_rows.html", {"rows": rows, "types": types})


BENCHMARKS = {"drills": bench_drills}
ARGUMENTS = {"drills": add_arguments}
