"""Scheduling, pinning the SRO's visit, start, all-clear, timings, debrief and real lockdowns."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from srohub.core.roles import Role
from srohub.drills import pinning
from srohub.drills.models import Drill, DrillStatus
from srohub.drills.tests.helpers import room_payload, started_drill

pytestmark = pytest.mark.django_db


def next_monday_at(hour):
    day = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday() + 7)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, 0))


def schedule(client, world, **extra):
    payload = {
        "school": world.a.school.pk,
        "drill_type": "lockdown",
        "scheduled_for": next_monday_at(10).isoformat(),
        **extra,
    }
    return client.post("/api/v1/drills/", payload, format="json")


def test_it_schedules_a_drill_and_pins_the_sros_visit(world):
    response = schedule(world.client(world.users[Role.SCHOOL_ADMIN]), world)
    assert response.status_code == 201, response.data
    drill = Drill.objects.get(pk=response.data["id"])
    assert drill.officer == world.a.officer  # the school's primary SRO is invited
    if pinning.visit_pinner() is None:
        assert not drill.pinned_in_plan and "not available" in drill.pin_note
    else:
        from srohub.planning.models import Visit

        assert drill.pinned_in_plan, drill.pin_note
        visit = Visit.objects.get(officer=world.a.officer, day=drill.scheduled_for.date(), pinned=True)
        assert visit.half_day == "am" and visit.reason == "Drill"


def test_it_still_schedules_when_the_visit_plan_is_missing(world):
    with mock.patch.object(pinning, "visit_pinner", return_value=None):
        response = schedule(world.client(world.users[Role.SCHOOL_ADMIN]), world)
    drill = Drill.objects.get(pk=response.data["id"])
    assert (
        not drill.pinned_in_plan
        and drill.pin_note == "The visit plan is not available: the visit was not pinned."
    )


def test_it_refuses_scheduling_by_read_only_users_and_outsiders(world):
    assert schedule(world.client(world.users[Role.DIVISION_LEAD]), world).status_code == 403
    assert schedule(world.client(world.users[Role.SCHOOL_OFFICE]), world).status_code == 403
    assert (
        schedule(world.client(world.outsider), world).status_code == 400
    )  # A's school does not exist for them
    assert not Drill.objects.filter(school=world.a.school, status=DrillStatus.SCHEDULED).exists()


def test_it_computes_time_to_secure_and_to_all_clear(world):
    drill, spaces = started_drill(world, rooms=2, minutes_ago=10)
    client = world.client(world.users[Role.SRO])
    for minutes_ago, space in zip((7, 4), spaces, strict=True):
        client.post(
            f"/api/v1/drills/{drill.pk}/sweep/",
            room_payload(space, key=f"timing-{space.pk}", minutes_ago=minutes_ago),
            format="json",
        )
    response = client.post(f"/api/v1/drills/{drill.pk}/all-clear/", {}, format="json")
    assert response.status_code == 200, response.data
    timing = response.data["timing"]
    assert timing["checked"] == 2 and 355 <= timing["time_to_secure_seconds"] <= 365
    assert 595 <= timing["time_to_all_clear_seconds"] <= 605


def test_it_refuses_an_all_clear_before_the_start(world):
    drill, _ = started_drill(world, minutes_ago=10)
    too_early = (drill.started_at - timedelta(minutes=1)).isoformat()
    response = world.client(world.users[Role.SRO]).post(
        f"/api/v1/drills/{drill.pk}/all-clear/", {"at": too_early}, format="json"
    )
    assert response.status_code == 400 and "all_clear_at" in response.data
    drill.refresh_from_db()
    assert drill.status == DrillStatus.IN_PROGRESS and drill.all_clear_at is None


def test_it_records_a_real_lockdown_with_an_after_action_report(world):
    client = world.client(world.users[Role.SRO])
    started = (timezone.now() - timedelta(minutes=30)).isoformat()
    response = client.post(
        "/api/v1/drills/",
        {"school": world.a.school.pk, "drill_type": "lockdown", "scheduled_for": started, "is_real": True},
        format="json",
    )
    assert (
        response.status_code == 201 and response.data["is_real"] and response.data["status"] == "in_progress"
    )
    url = f"/api/v1/drills/{response.data['id']}/"
    assert (
        client.patch(url, {"after_action_report": "Police attended every room."}, format="json").status_code
        == 200
    )
    assert Drill.objects.get(pk=response.data["id"]).after_action_report == "Police attended every room."


def test_it_refuses_an_after_action_report_on_a_practice_drill(world):
    drill, _ = started_drill(world)
    response = world.client(world.users[Role.SRO]).patch(
        f"/api/v1/drills/{drill.pk}/", {"after_action_report": "x"}, format="json"
    )
    assert response.status_code == 400 and "after_action_report" in response.data


def test_it_refuses_a_stale_version(world):
    drill, _ = started_drill(world)
    response = world.client(world.users[Role.SRO]).patch(
        f"/api/v1/drills/{drill.pk}/", {"debrief": "Went well", "version": 1}, format="json"
    )
    assert response.status_code == 409
