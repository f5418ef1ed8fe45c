"""The drills demo seed: one real lockdown linked to the occurrence recorded for it, and corrective
actions even where no school admin has logged in yet (a calgary-scale seed has no logins)."""

import random
from datetime import date

import pytest

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.core.testing import SpaceFactory
from srohub.drills.models import CorrectiveAction, Drill, DrillStatus
from srohub.drills.seed import seed_drills

pytestmark = pytest.mark.django_db


def seed(world, seed_number: int = 3):
    for _ in range(12):
        SpaceFactory(school=world.a.school, program=world.a.program)
        SpaceFactory(school=world.a.other_school, program=world.a.program)
    return seed_drills(
        program=world.a.program, rng=random.Random(seed_number), scale="winnipeg", today=date(2026, 5, 1)
    )


def test_it_seeds_one_real_lockdown_linked_to_its_occurrence(world):
    counts = seed(world)
    assert counts["real_lockdowns"] == 1
    real = Drill.objects.get(program=world.a.program, is_real=True)
    assert (real.drill_type, real.status) == ("lockdown", DrillStatus.COMPLETED)
    assert real.occurrence is not None and real.occurrence.school_id == real.school_id
    assert real.all_clear_at > real.started_at and real.after_action_report and real.debrief
    assert real.started_at.date() < date(2026, 5, 1)
    assert real.occurrence.occurred_at == real.started_at
    assert {c.key for c in real.occurrence.categories.all()} == {"weapons", "threats"}


def test_it_seeds_the_same_real_lockdown_from_the_same_rng(world):
    seed(world, seed_number=11)
    first = Drill.objects.get(program=world.a.program, is_real=True)
    Drill.objects.filter(program=world.a.program).delete()
    seed_drills(program=world.a.program, rng=random.Random(11), scale="winnipeg", today=date(2026, 5, 1))
    again = Drill.objects.get(program=world.a.program, is_real=True)
    assert (again.school_id, again.started_at, again.all_clear_at) == (
        first.school_id,
        first.started_at,
        first.all_clear_at,
    )


def test_it_opens_corrective_actions_owned_by_a_school_admin_where_there_was_none(world):
    CorrectiveAction.objects.filter(program=world.a.program).delete()  # the test world's own
    Membership.objects.filter(program=world.a.program, role=Role.SCHOOL_ADMIN).delete()
    counts = seed(world)
    actions = CorrectiveAction.objects.filter(program=world.a.program)
    assert counts["corrective_actions"] == actions.count() > 0
    owners = dict(
        Membership.objects.filter(program=world.a.program, role=Role.SCHOOL_ADMIN).values_list("school_id", "user_id")
    )
    assert all(owners[action.school_id] == action.owner_id for action in actions)
