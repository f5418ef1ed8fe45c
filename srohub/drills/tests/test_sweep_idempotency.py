"""The sweep survives a dropped connection: one result per room, retries are the same entry, a
different result from another device is a 409 with the existing one, never an overwrite."""

import pytest

from srohub.core.roles import Role
from srohub.core.testing import SpaceFactory
from srohub.drills.models import CorrectiveAction, SweepEntry
from srohub.drills.tests.helpers import room_payload, started_drill

pytestmark = pytest.mark.django_db


def sweep_url(drill):
    return f"/api/v1/drills/{drill.pk}/sweep/"


def test_it_saves_each_room_on_its_own(world):
    drill, spaces = started_drill(world)
    client = world.client(world.users[Role.SRO])
    response = client.post(sweep_url(drill), room_payload(spaces[0], key="room-one-key"), format="json")
    assert response.status_code == 201, response.data
    assert SweepEntry.objects.filter(drill=drill).count() == 1


def test_it_treats_a_retried_request_as_the_same_entry(world):
    drill, spaces = started_drill(world)
    client = world.client(world.users[Role.SRO])
    payload = room_payload(spaces[0], key="retry-key-1")
    first = client.post(sweep_url(drill), payload, format="json")
    again = client.post(sweep_url(drill), payload, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.data["id"] == first.data["id"]
    assert SweepEntry.objects.filter(drill=drill, space=spaces[0]).count() == 1


def test_it_treats_the_same_result_under_a_new_key_as_the_same_entry(world):
    drill, spaces = started_drill(world)
    client = world.client(world.users[Role.SRO])
    client.post(sweep_url(drill), room_payload(spaces[0], key="first-device"), format="json")
    response = client.post(sweep_url(drill), room_payload(spaces[0], key="second-page"), format="json")
    assert response.status_code == 200
    assert SweepEntry.objects.filter(drill=drill).count() == 1


def test_it_refuses_a_different_result_for_a_recorded_room_with_the_existing_one(world):
    drill, spaces = started_drill(world)
    officer = world.client(world.users[Role.SRO])
    principal = world.client(world.users[Role.SCHOOL_ADMIN])
    officer.post(sweep_url(drill), room_payload(spaces[0], key="officer-key"), format="json")
    response = principal.post(
        sweep_url(drill),
        room_payload(spaces[0], key="principal-key", result="deficient", deficiencies=["lights_on"]),
        format="json",
    )
    assert response.status_code == 409
    assert response.data["existing"]["result"] == "secure"
    assert SweepEntry.objects.get(drill=drill, space=spaces[0]).result == "secure"


def test_it_lets_two_people_sweep_different_floors(world):
    drill, spaces = started_drill(world, rooms=4)
    officer = world.client(world.users[Role.SRO])
    office = world.client(world.users[Role.SCHOOL_OFFICE])
    for index, space in enumerate(spaces):
        client = officer if index % 2 else office
        response = client.post(sweep_url(drill), room_payload(space, key=f"floor-key-{index}"), format="json")
        assert response.status_code == 201
    assert SweepEntry.objects.filter(drill=drill).count() == 4


def test_it_opens_a_corrective_action_for_a_deficient_room(world):
    drill, spaces = started_drill(world)
    client = world.client(world.users[Role.SRO])
    payload = room_payload(spaces[1], key="deficient-1", result="deficient", deficiencies=["door_unlocked"])
    assert client.post(sweep_url(drill), payload, format="json").status_code == 201
    action = CorrectiveAction.objects.get(drill=drill)
    assert "Door unlocked" in action.description and action.owner == world.users[Role.SCHOOL_ADMIN]
    assert action.due_on is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"result": "deficient"}, "deficiencies"),
        ({"deficiencies": ["lights_on"]}, "deficiencies"),
        ({"result": "deficient", "deficiencies": ["other"]}, "note"),
        ({"deficiencies": ["made_up"]}, "deficiencies"),
        ({"idempotency_key": "short"}, "idempotency_key"),
        ({"checked_at": "2001-01-01T10:00:00Z"}, "checked_at"),
        ({"checked_at": "not a time"}, "checked_at"),
    ],
)
def test_it_refuses_bad_room_input_and_writes_nothing(world, change, field):
    drill, spaces = started_drill(world)
    payload = {**room_payload(spaces[0], key="bad-input-key"), **change}
    response = world.client(world.users[Role.SRO]).post(sweep_url(drill), payload, format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert not SweepEntry.objects.filter(drill=drill).exists()


def test_it_refuses_a_room_from_another_school(world):
    drill, _spaces = started_drill(world)
    elsewhere = SpaceFactory(school=world.a.other_school, program=world.a.program)
    payload = room_payload(elsewhere, key="other-school-key")
    response = world.client(world.users[Role.PROGRAM_ADMIN]).post(sweep_url(drill), payload, format="json")
    assert response.status_code == 400 and "space" in response.data
    assert not SweepEntry.objects.filter(drill=drill).exists()


def test_it_refuses_rooms_before_the_drill_starts(world):
    from srohub.drills import services

    drill = services.drill_schedule(
        actor=world.users[Role.SCHOOL_ADMIN],
        school=world.a.school,
        drill_type="lockdown",
        scheduled_for=world.a.space.created_at,
    )
    response = world.client(world.users[Role.SRO]).post(
        sweep_url(drill), room_payload(world.a.space, key="early-key"), format="json"
    )
    assert response.status_code == 400 and "drill" in response.data


def test_it_keeps_the_sweep_from_read_only_users_and_outsiders(world):
    drill, spaces = started_drill(world)
    payload = room_payload(spaces[0], key="reader-key-1")
    assert (
        world.client(world.users[Role.DIVISION_LEAD])
        .post(sweep_url(drill), payload, format="json")
        .status_code
        == 403
    )
    assert world.client(world.outsider).post(sweep_url(drill), payload, format="json").status_code == 404
    assert not SweepEntry.objects.filter(drill=drill).exists()
