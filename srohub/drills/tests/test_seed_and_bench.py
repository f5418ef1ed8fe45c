"""The demo seeder and the benchmark run (their figures are not asserted: no timed tests)."""

import random
from datetime import date

import pytest

from srohub.core.testing import SpaceFactory
from srohub.drills.bench import bench_drills
from srohub.drills.models import ActionStatus, CorrectiveAction, Drill
from srohub.drills.seed import SEEDERS

pytestmark = pytest.mark.django_db


def test_it_seeds_a_year_of_drills_with_open_corrective_actions(world):
    for _ in range(3):
        SpaceFactory(school=world.a.school, program=world.a.program)
    counts = SEEDERS[0](
        program=world.a.program, rng=random.Random(3), scale="winnipeg", today=date(2026, 5, 1)
    )
    assert counts["drills"] > 10 and counts["sweep_entries"] > 0 and counts["drill_requirement_sets"] == 1
    assert Drill.objects.filter(program=world.a.program, status="scheduled").exists()
    assert CorrectiveAction.objects.filter(program=world.a.program).count() >= 1


def test_it_benchmarks_a_synthetic_program_and_leaves_nothing_behind(world):
    before = Drill.objects.count()
    figures = bench_drills({"schools": 12, "repeat": 1})
    assert figures[0]["schools"] == 12 and figures[0]["queries"] <= 7
    assert Drill.objects.count() == before
    assert ActionStatus.OPEN  # the enum the seed uses
