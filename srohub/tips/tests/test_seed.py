"""The demo seed: months of routed tips, links to occurrences where there are some, and one
life-safety tip with its escalation trail."""

import random

import pytest
from django.utils import timezone

from srohub.core.testing import SchoolFactory
from srohub.tips.models import EscalationStep, Tip
from srohub.tips.seed import SEEDERS

pytestmark = pytest.mark.django_db


def test_it_seeds_routed_tips_and_one_escalation_trail(world):
    for _n in range(6):
        SchoolFactory(program=world.a.program, division=world.a.division)
    before = Tip.objects.filter(program=world.a.program).count()
    counts = SEEDERS[0](
        program=world.a.program, rng=random.Random(7), scale="winnipeg", today=timezone.localdate()
    )
    seeded = Tip.objects.filter(program=world.a.program).exclude(number__startswith="T-TEST")
    assert (
        counts["tips"] == seeded.count() == Tip.objects.filter(program=world.a.program).count() - before > 5
    )
    assert not seeded.filter(routed_kind="").exists()
    assert seeded.filter(routed_queue="triage", school__isnull=True).exists()
    urgent = seeded.get(life_safety=True)
    trail = list(EscalationStep.objects.filter(tip=urgent).values_list("step", "state"))
    assert trail == [(0, "sent"), (1, "sent"), (2, "sent"), (3, "cancelled")]
    assert all(tip.steps.exists() for tip in seeded)
    linked = seeded.filter(occurrence__isnull=False)
    assert all(tip.occurrence.school_id == tip.school_id for tip in linked)
