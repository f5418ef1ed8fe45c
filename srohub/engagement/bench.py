"""`srohub bench engagement`: the activity list page, a school's term summary, the program's term
measures and the presentation library (delivery counts over every activity), rendered as a
supervisor would see them: median milliseconds and query count.

Uses the program with the most activities in the database when it has at least ``--min-activities``
(after `srohub seed --scale calgary`: ~10^6), otherwise seeds a synthetic program of ``--schools``
schools over ``--years`` years. Everything the benchmark writes is rolled back.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection, transaction
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.accounts.models import Membership, User
from srohub.core.roles import Role
from srohub.directory.models import Assignment, Officer, Organization, OrganizationKind, Program, School
from srohub.engagement import rules, views, views_library, views_reports
from srohub.engagement.models import Activity
from srohub.engagement.seed import seed_engagement


class _Rollback(Exception):
    pass


def add_arguments(parser) -> None:
    parser.add_argument("--schools", type=int, default=420, help="Synthetic program size.")
    parser.add_argument("--years", type=int, default=1, help="Synthetic years of activity.")
    parser.add_argument(
        "--min-activities",
        type=int,
        default=500_000,
        help="Use a seeded program with at least this many activities.",
    )
    parser.add_argument("--repeat", type=int, default=7)


def bench_engagement(options: dict) -> list[dict]:
    figures: list[dict] = []
    try:
        with transaction.atomic():
            program, source = _program(options)
            figures = _measure(program, options.get("repeat", 7), source)
            raise _Rollback
    except _Rollback:
        pass
    return figures


def _program(options: dict) -> tuple[Program, str]:
    minimum = options.get("min_activities", 500_000)
    biggest = Activity.objects.values("program_id").annotate(n=Count("pk")).order_by("-n").first()
    if biggest and biggest["n"] >= minimum:
        return Program.objects.get(pk=biggest["program_id"]), f"database ({biggest['n']} activities)"
    program = _synthetic(options.get("schools", 420), options.get("years", 1))
    return program, f"synthetic ({Activity.objects.filter(program=program).count()} activities)"


def _synthetic(size: int, years: int) -> Program:
    program = Program.objects.create(
        name="Bench engagement", slug=f"bench-engagement-{time.time_ns()}", province="AB"
    )
    division = Organization.objects.create(
        program=program, kind=OrganizationKind.SCHOOL_DIVISION, name="Division"
    )
    police = Organization.objects.create(program=program, kind=OrganizationKind.POLICE_SERVICE, name="Police")
    schools = School.objects.bulk_create(
        [
            School(
                program=program,
                division=division,
                name=f"School {i:04d}",
                code=f"E{i:04d}",
                level="senior_high",
            )
            for i in range(size)
        ]
    )
    officers = Officer.objects.bulk_create(
        [
            Officer(
                program=program,
                police_service=police,
                first_name="Pat",
                last_name=f"Bench{i}",
                badge_number=f"EB{i:04d}",
                service_start_date=date(2005, 1, 1),
            )
            for i in range(max(1, size // 10))
        ]
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                program=program,
                officer=officers[i % len(officers)],
                school=school,
                start_date=date(2000, 9, 1),
            )
            for i, school in enumerate(schools)
        ]
    )
    scale = "calgary" if years >= 10 else "bench"
    seed_engagement(program=program, rng=random.Random(11), scale=scale, today=timezone.localdate())
    return program


def _supervisor(program: Program) -> User:
    user = User.objects.create(username=f"bench-supervisor-{time.time_ns()}")
    police = Organization.objects.filter(program=program, kind=OrganizationKind.POLICE_SERVICE).first()
    Membership.objects.create(program=program, user=user, role=Role.SRO_SUPERVISOR, organization=police)
    return user


def _measure(program: Program, repeat: int, source: str) -> list[dict]:
    user = _supervisor(program)
    term = rules.term_of(timezone.localdate()).previous()
    if term.key.endswith("summer"):  # no school, nothing logged: the spring before it
        term = term.previous()
    busiest = (
        Activity.objects.filter(program=program)
        .values("school_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    pages = [
        ("activity list page", "/activities/", views.activity_list, {}),
        (
            "term summary per school",
            f"/activities/schools/{busiest['school_id']}/summary/?term={term.key}",
            views_reports.school_summary_page,
            {"pk": busiest["school_id"]},
        ),
        (
            "term measures",
            f"/activities/measures/?term={term.key}&program={program.pk}",
            views_reports.measures,
            {},
        ),
        ("presentation library", "/activities/library/", views_library.library, {}),
    ]
    return [
        _time_page(name, url, view, kwargs, user, repeat, source, term) for name, url, view, kwargs in pages
    ]


def _time_page(name, url, view, kwargs, user, repeat, source, term) -> dict:
    timings, queries, size = [], 0, 0
    for _ in range(repeat):
        request = _request(url, user)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = view(request, **kwargs)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (name, response.status_code)
        queries, size = len(captured), len(response.content)
    return {
        "figure": name,
        "source": source,
        "term": term.key,
        "queries": queries,
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(max(timings), 1),
        "html_kb": round(size / 1024, 1),
        "date": date.today().isoformat(),
    }


def _request(url: str, user: User):
    request = RequestFactory().get(url)
    request.user = user if user is not None else AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    request.htmx = False
    return request


BENCHMARKS = {"engagement": bench_engagement}
ARGUMENTS = {"engagement": add_arguments}
