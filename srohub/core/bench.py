"""``srohub bench scoping --scale calgary``: the cost of the choke point on a program of that size.

Times listing the schools visible to three personas — an SRO (their assignments today), a division
safety lead (every school of the largest division) and a program admin (the whole program) — as a
fresh request would: grants computed again, then the scoped query. Reports the median and slowest
time and the number of queries. Seeds the scale's directory first when it is not in the database;
the three personas are made inside a transaction that is rolled back.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from srohub.accounts.models import Membership, User
from srohub.core.roles import Role
from srohub.core.scoping import forget_grants
from srohub.directory.models import Officer, Organization, OrganizationKind, Program, School


class _RollBack(Exception):
    """Raised to undo the benchmark's personas once measured."""


def add_arguments(parser) -> None:
    parser.add_argument("--scale", choices=["small", "winnipeg", "calgary", "province"], default="calgary")
    parser.add_argument("--repeat", type=int, default=20, help="Timed runs per persona (default 20).")


def bench_scoping(options: dict) -> list[dict]:
    """Median and slowest milliseconds, and queries, of the school list for each persona."""
    scale, repeat = options.get("scale", "calgary"), max(1, options.get("repeat", 20))
    program, seeded = _program_of_scale(scale)
    rows = []
    try:
        with transaction.atomic():
            for persona, user in _personas(program).items():
                rows.append(
                    {
                        "figure": "visible schools",
                        "scale": scale,
                        "persona": persona,
                        "seeded_now": seeded,
                        **_measure(user, repeat),
                    }
                )
            raise _RollBack
    except _RollBack:
        pass
    return rows


def _program_of_scale(scale: str) -> tuple[Program, bool]:
    """The scale's (first) program, seeding its directory first when it is missing."""
    from srohub.demo.scales import SCALES  # noqa: PLC0415 - the demo app is a tool of this benchmark
    from srohub.demo.seed import seed  # noqa: PLC0415

    slug = SCALES[scale][0].slug
    program = Program.objects.filter(slug=slug).first()
    if program is not None:
        return program, False
    seed(scale=scale, with_apps=False)
    return Program.objects.get(slug=slug), True


def _personas(program: Program) -> dict[str, User]:
    """A user for each persona, with the membership that gives them their scope."""
    officer = (
        Officer.objects.filter(program=program, status="active")
        .annotate(schools=Count("assignments"))
        .order_by("-schools", "pk")
        .first()
    )
    division = (
        Organization.objects.filter(program=program, kind=OrganizationKind.SCHOOL_DIVISION)
        .annotate(size=Count("schools"))
        .order_by("-size", "pk")
        .first()
    )
    personas = {
        "sro": _user("bench-sro", program, Role.SRO, organization=officer.police_service),
        "division lead": _user("bench-division-lead", program, Role.DIVISION_LEAD, organization=division),
        "program admin": _user("bench-admin", program, Role.PROGRAM_ADMIN),
    }
    # The SRO's scope comes from the officer record linked to the user (see core.scoping).
    Officer.objects.filter(pk=officer.pk).update(user=personas["sro"])
    return personas


def _user(username: str, program: Program, role: str, organization=None) -> User:
    user = User.objects.create(username=username)
    Membership.objects.create(program=program, user=user, role=role, organization=organization)
    return user


def _measure(user: User, repeat: int) -> dict:
    timings, queries, rows = [], 0, 0
    for _ in range(repeat):
        forget_grants(user)  # as in a new request: grants are computed once per request
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            rows = len(list(School.objects.visible_to(user).select_related("division").order_by("name")))
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return {
        "schools": rows,
        "queries": queries,
        "median_ms": round(statistics.median(timings), 2),
        "max_ms": round(max(timings), 2),
    }


BENCHMARKS = {"scoping": bench_scoping}
ARGUMENTS = {"scoping": add_arguments}
