"""Corrective actions: an owner and a due date, followed until closed."""

import pytest

from srohub.core.roles import Role
from srohub.drills.models import ActionStatus, CorrectiveAction
from srohub.drills.tests.helpers import started_drill

pytestmark = pytest.mark.django_db
URL = "/api/v1/drill-corrective-actions/"


def new_action(world, owner=None):
    drill, _ = started_drill(world)
    owner = owner or world.users[Role.SCHOOL_ADMIN]
    return world.client(world.users[Role.SRO]).post(
        URL,
        {
            "drill": drill.pk,
            "description": "Fix the blinds in 104",
            "owner": owner.pk,
            "due_on": "2030-01-15",
        },
        format="json",
    )


def test_it_creates_follows_and_closes_an_action(world):
    response = new_action(world)
    assert response.status_code == 201, response.data
    url = f"{URL}{response.data['id']}/"
    principal = world.client(world.users[Role.SCHOOL_ADMIN])
    assert principal.patch(url, {"due_on": "2030-02-01"}, format="json").status_code == 200
    assert principal.post(f"{url}close/", {"closing_note": ""}, format="json").status_code == 400
    closed = principal.post(f"{url}close/", {"closing_note": "New blinds installed"}, format="json")
    assert (
        closed.status_code == 200
        and closed.data["status"] == ActionStatus.CLOSED
        and closed.data["closed_on"]
    )
    assert principal.patch(url, {"due_on": "2030-03-01"}, format="json").status_code == 400


def test_it_refuses_an_owner_outside_the_program(world):
    response = new_action(world, owner=world.outsider)
    assert response.status_code == 400 and "owner" in response.data
    assert not CorrectiveAction.objects.filter(description="Fix the blinds in 104").exists()


def test_it_hides_actions_from_the_office_and_outsiders(world):
    pk = new_action(world).data["id"]
    assert world.client(world.users[Role.SCHOOL_OFFICE]).get(f"{URL}{pk}/").status_code == 404
    assert world.client(world.outsider).get(f"{URL}{pk}/").status_code == 404
    assert world.client(world.users[Role.DIVISION_LEAD]).get(f"{URL}{pk}/").status_code == 200
    assert (
        world.client(world.users[Role.DIVISION_LEAD])
        .post(f"{URL}{pk}/close/", {"closing_note": "x"}, format="json")
        .status_code
        == 403
    )
