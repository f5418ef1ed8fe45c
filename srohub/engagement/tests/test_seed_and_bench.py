"""The demo seeder and the benchmark run (their figures are not asserted: no timed tests)."""

import random
from datetime import date

import pytest
from django.db.models import Count

from srohub.engagement.bench import bench_engagement
from srohub.engagement.models import Activity, Referral, Topic
from srohub.engagement.rules import MAX_DURATION_MINUTES
from srohub.engagement.seed import SEEDERS

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 1)


def test_it_seeds_a_year_of_activity_and_referrals(world):
    counts = SEEDERS[0](program=world.a.program, rng=random.Random(3), scale="winnipeg", today=TODAY)
    seeded = Activity.objects.filter(program=world.a.program, occurred_on__gte=date(2025, 5, 1))
    assert counts["activities"] == seeded.count() > 100
    assert counts["referrals"] == Referral.objects.filter(program=world.a.program).count() - 1
    assert Topic.objects.filter(program=world.a.program).count() >= 10
    assert not seeded.filter(occurred_on__gt=TODAY).exists()
    assert not seeded.filter(duration_minutes__gt=MAX_DURATION_MINUTES).exists()
    kinds = seeded.values("activity_type").annotate(n=Count("pk"))
    assert len(kinds) >= 10  # a realistic mix, not one type
    assert Referral.objects.filter(program=world.a.program, status="closed").exclude(outcome="").exists()


def test_it_seeds_the_same_data_from_the_same_seed(world):
    first = SEEDERS[0](program=world.a.program, rng=random.Random(9), scale="small", today=TODAY)
    second = SEEDERS[0](program=world.b.program, rng=random.Random(9), scale="small", today=TODAY)
    assert first["activities"] == second["activities"]


def test_it_benchmarks_a_synthetic_program_and_leaves_nothing_behind(world):
    before = Activity.objects.count()
    figures = bench_engagement({"schools": 6, "years": 1, "repeat": 1})
    assert {f["figure"] for f in figures} == {
        "activity list page",
        "term summary per school",
        "term measures",
        "presentation library",
    }
    assert all(f["queries"] <= 12 for f in figures), figures
    assert Activity.objects.count() == before
