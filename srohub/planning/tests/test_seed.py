"""The demo seed: after it, "is our SRO in today" answers from a published plan."""

import random

import pytest
from django.utils import timezone

from srohub.planning.models import CalendarClosure, CheckIn, Plan, PlanStatus, PreferredSlot
from srohub.planning.seed import seed_planning
from srohub.planning.selectors import presence_for

pytestmark = pytest.mark.django_db


def test_it_seeds_a_published_plan_covering_today(world):
    PreferredSlot.objects.all().delete()
    today = timezone.localdate()
    counts = seed_planning(program=world.a.program, rng=random.Random(3), scale="winnipeg", today=today)
    assert counts["calendar_closures"] > 0 and counts["preferred_slots"] == 6
    plan = Plan.objects.get(program=world.a.program, status=PlanStatus.PUBLISHED)
    assert plan.start_date <= today <= plan.end_date
    assert plan.visits.exists()
    answer = presence_for(school=world.a.school, officer=world.a.officer, on=today)
    assert answer["expected_on_site"] is not None
    assert CalendarClosure.objects.filter(program=world.a.program).exists()
    assert PreferredSlot.objects.filter(program=world.a.program).count() == 6
    assert CheckIn.objects.filter(program=world.a.program).count() >= counts["check_ins"]


def test_it_is_deterministic_given_the_random_generator(world):
    PreferredSlot.objects.all().delete()
    today = timezone.localdate()
    seed_planning(program=world.a.program, rng=random.Random(3), scale="winnipeg", today=today)
    first = list(
        PreferredSlot.objects.filter(program=world.a.program).values_list("school", "weekday", "half_day")
    )
    PreferredSlot.objects.filter(program=world.a.program).delete()
    seed_planning(program=world.a.program, rng=random.Random(3), scale="winnipeg", today=today)
    again = list(
        PreferredSlot.objects.filter(program=world.a.program).values_list("school", "weekday", "half_day")
    )
    assert first == again
