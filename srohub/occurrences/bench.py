"""``srohub bench ycja``: the youth-records sweep and the scoped occurrence list at a program's size.

On the scale's program (its directory seeded first when missing), inside a transaction that is
rolled back: bulk-inserts ``--occurrences`` occurrences spread over ``--years`` years (calgary:
~10^5 over ten years, PRODUCT.md), a share of them with an access period that has already ended.
Then measures

- the sweep (``ycja_sweep``, YCJA s.119(2)/s.128(1)): the first run, which marks every record past
  its period, and a second run, which must change nothing;
- the occurrence list page (count + first page of 25) as an SRO (their schools), an SRO supervisor
  (the unit) and the records custodian (records past their period) see it in a fresh request:
  median and slowest milliseconds, queries.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta

from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.accounts.models import Membership, User
from srohub.core.roles import Role
from srohub.core.scoping import forget_grants
from srohub.directory.models import Officer, Program, School
from srohub.occurrences import views
from srohub.occurrences.models import Category, Occurrence
from srohub.occurrences.services import ycja_sweep

SCALE_OCCURRENCES = {"small": 2_000, "winnipeg": 20_000, "calgary": 100_000, "province": 500_000}
BATCH = 5_000


class _RollBack(Exception):
    """Raised to undo everything the benchmark wrote once measured."""


def add_arguments(parser) -> None:
    parser.add_argument("--scale", choices=list(SCALE_OCCURRENCES), default="calgary")
    parser.add_argument("--occurrences", type=int, default=None, help="Default: the scale's (calgary 100,000).")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--past-share", type=float, default=0.3, help="Share of records whose period has already ended."
    )
    parser.add_argument("--repeat", type=int, default=7, help="Timed runs of each list.")


def bench_ycja(options: dict) -> list[dict]:
    scale = options.get("scale") or "calgary"
    total = options.get("occurrences") or SCALE_OCCURRENCES[scale]
    program = _program_of_scale(scale)
    rows: list[dict] = []
    try:
        with transaction.atomic():
            started = time.perf_counter()
            inserted, past = _insert(program, total, options.get("years", 10), options.get("past_share", 0.3))
            rows.append(_row("insert occurrences", scale, inserted, seconds=time.perf_counter() - started))
            rows += _sweeps(scale, inserted, past)
            for persona, user in _personas(program).items():
                rows.append(_row(f"occurrence list: {persona}", scale, inserted, **_list(user, options)))
            raise _RollBack
    except _RollBack:
        pass
    return rows


def _row(figure: str, scale: str, occurrences: int, **values) -> dict:
    if "seconds" in values:
        values["seconds"] = round(values["seconds"], 2)
    return {"figure": figure, "scale": scale, "occurrences": occurrences, "database": connection.vendor, **values}


def _program_of_scale(scale: str) -> Program:
    from srohub.demo.scales import SCALES  # noqa: PLC0415 - the demo app is a tool of this benchmark
    from srohub.demo.seed import seed  # noqa: PLC0415

    slug = SCALES[scale][0].slug
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        seed(scale=scale, with_apps=False)
        program = Program.objects.get(slug=slug)
    return program


def _insert(program: Program, total: int, years: int, past_share: float) -> tuple[int, int]:
    """``total`` occurrences at random schools and days; ``past_share`` of them past their period,
    as many again within it, the rest with none (warnings, cautions, pending charges)."""
    rng = random.Random(7)
    schools = list(School.objects.filter(program=program).values_list("pk", flat=True))
    categories = list(Category.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    link = Occurrence.categories.through
    past = 0
    for start in range(0, total, BATCH):
        batch = []
        for _ in range(min(BATCH, total - start)):
            day = today - timedelta(days=rng.randint(1, 365 * years))
            draw = rng.random()
            if draw < past_share:
                ends = today - timedelta(days=rng.randint(1, max(1, (today - day).days)))
                past += 1
            elif draw < 2 * past_share:
                ends = today + timedelta(days=rng.randint(0, 5 * 365))
            else:
                ends = None
            batch.append(
                Occurrence(
                    program=program,
                    school_id=rng.choice(schools),
                    occurred_at=timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10)),
                    reported_via="staff",
                    narrative="Benchmark occurrence.",
                    access_period_ends_on=ends,
                )
            )
        created = Occurrence.objects.bulk_create(batch, batch_size=1000)
        if not created or created[0].pk is None:  # backends that return no ids: fetch them back
            created = list(Occurrence.objects.filter(program=program).order_by("-pk")[: len(batch)])
        link.objects.bulk_create(
            [link(occurrence_id=o.pk, category_id=rng.choice(categories)) for o in created], batch_size=2000
        )
    return total, past


def _sweeps(scale: str, inserted: int, past: int) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for label in ("sweep (first run)", "sweep (again: changes nothing)"):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            marked = ycja_sweep(as_of=today)
            seconds = time.perf_counter() - started
        rows.append(_row(label, scale, inserted, marked=marked, expected=past if "first" in label else 0,
                         seconds=seconds, queries=len(captured)))
    return rows


def _personas(program: Program) -> dict[str, User]:
    officer = (
        Officer.objects.filter(program=program, status="active")
        .annotate(schools=Count("assignments", filter=Q(assignments__end_date__isnull=True)))
        .order_by("-schools", "pk")
        .first()
    )
    personas = {
        "SRO": _user("bench-ycja-sro", program, Role.SRO, organization=officer.police_service),
        "SRO supervisor": _user(
            "bench-ycja-supervisor", program, Role.SRO_SUPERVISOR, organization=officer.police_service
        ),
        "records custodian": _user("bench-ycja-custodian", program, Role.RECORDS_CUSTODIAN),
    }
    Officer.objects.filter(pk=officer.pk).update(user=personas["SRO"])  # an SRO's scope: their assignments
    return personas


def _user(username: str, program: Program, role: str, organization=None) -> User:
    user = User.objects.create(username=username)
    Membership.objects.create(program=program, user=user, role=role, organization=organization)
    return user


def _list(user: User, options: dict) -> dict:
    """The list page rendered for ``user`` as in a fresh request (grants computed again)."""
    factory = RequestFactory()
    timings, queries, shown = [], 0, 0
    for _ in range(max(1, options.get("repeat", 7))):
        request = factory.get("/occurrences/")
        request.user, request.session = user, {}
        request._messages = FallbackStorage(request)
        forget_grants(user)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = views.occurrence_list(request)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    forget_grants(user)
    shown = Occurrence.objects.visible_to(user).count()
    return {
        "visible": shown,
        "queries": queries,
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
    }


BENCHMARKS = {"ycja": bench_ycja}
ARGUMENTS = {"ycja": add_arguments}
