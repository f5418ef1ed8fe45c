"""The demo seed's disclosures to schools (YCJA s.125(6)): proportionate to the program, made to a
school admin of the occurrence's school, who is a fictional principal where the school has none."""

import random

import pytest
from django.utils import timezone

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.demo.principals import ensure_school_admins
from srohub.occurrences.models import SchoolDisclosure
from srohub.occurrences.seed import disclosure_count, seed_occurrences


@pytest.mark.parametrize(("schools", "expected"), [(1, 1), (8, 1), (49, 1), (50, 1), (107, 2), (420, 8), (2000, 40)])
def test_it_makes_one_disclosure_per_fifty_schools_and_at_least_one(schools, expected):
    assert disclosure_count(schools) == expected


def test_it_discloses_to_a_fictional_principal_when_no_school_has_an_admin(world):
    """A calgary-scale seed has no logins at all: the disclosures still have a recipient."""
    SchoolDisclosure.objects.filter(program=world.a.program).delete()  # the test world's own
    Membership.objects.filter(program=world.a.program, role=Role.SCHOOL_ADMIN).delete()
    counts = seed_occurrences(program=world.a.program, rng=random.Random(5), scale="small", today=timezone.localdate())
    assert counts["disclosures"] == 1
    disclosure = SchoolDisclosure.objects.get(program=world.a.program)
    assert disclosure.occurrence.school_id == disclosure.school_id
    recipient = Membership.objects.get(user=disclosure.recipient, program=world.a.program)
    assert (recipient.role, recipient.school_id) == (Role.SCHOOL_ADMIN, disclosure.school_id)
    assert not disclosure.recipient.has_usable_password()


def test_it_keeps_existing_school_admins_and_adds_one_per_school_without(world):
    admin = world.users[Role.SCHOOL_ADMIN]
    schools = [world.a.school.pk, world.a.other_school.pk]
    admins = ensure_school_admins(world.a.program, schools)
    assert admins[world.a.school.pk] == admin.pk and admins[world.a.other_school.pk] != admin.pk
    assert ensure_school_admins(world.a.program, schools) == admins  # a second call adds no one
