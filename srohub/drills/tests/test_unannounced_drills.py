"""Unannounced drills are hidden from school-office users until they start (and from the SRO's
plan as far as the office can read it)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.core.roles import Role
from srohub.drills import services
from srohub.drills.models import Drill

pytestmark = pytest.mark.django_db


def unannounced(world):
    return services.drill_schedule(
        actor=world.users[Role.SCHOOL_ADMIN],
        school=world.a.school,
        drill_type="lockdown",
        scheduled_for=timezone.now() + timedelta(days=3),
        announced=False,
    )


def test_it_hides_an_unannounced_drill_from_the_office_until_it_starts(world):
    drill = unannounced(world)
    office = world.users[Role.SCHOOL_OFFICE]
    assert not Drill.objects.visible_to(office).filter(pk=drill.pk).exists()
    assert world.client(office).get(f"/api/v1/drills/{drill.pk}/").status_code == 404
    assert Drill.objects.visible_to(world.users[Role.SCHOOL_ADMIN]).filter(pk=drill.pk).exists()
    services.drill_start(actor=world.users[Role.SRO], drill=drill)
    assert world.client(office).get(f"/api/v1/drills/{drill.pk}/").status_code == 200


def test_it_keeps_the_next_unannounced_drill_off_the_compliance_answer(world):
    unannounced(world)
    response = world.client(world.users[Role.SCHOOL_OFFICE]).get(
        f"/api/v1/schools/{world.a.school.pk}/drill-compliance/"
    )
    assert response.status_code == 200
    assert "next_scheduled" not in response.data
