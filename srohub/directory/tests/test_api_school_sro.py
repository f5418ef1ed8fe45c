"""GET /api/v1/schools/{id}/sro/?date=YYYY-MM-DD — "who is our SRO, are they in, who do we call"."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.testing import AssignmentFactory, OfficerFactory
from srohub.directory import selectors

pytestmark = pytest.mark.django_db

KEYS = {"date", "primary", "backup", "expected_on_site", "on_site_now", "contact_when_absent"}
A_DAY_WITHOUT_A_PLAN = "2021-01-11"


def sro(world, school=None, day: str | None = None, role=Role.SCHOOL_OFFICE):
    school = school or world.a.school
    query = "" if day is None else f"?date={day}"
    return world.client(world.users[role]).get(f"/api/v1/schools/{school.pk}/sro/{query}")


def primary_id(response):
    return response.data["primary"] and response.data["primary"]["id"]


def test_it_answers_with_exactly_the_documented_keys(world):
    response = sro(world, day=A_DAY_WITHOUT_A_PLAN)
    assert response.status_code == 200
    assert set(response.data) == KEYS
    assert response.data["primary"] == {
        "id": world.a.officer.pk,
        "name": world.a.officer.name,
        "phone": world.a.officer.phone,
    }
    assert response.data["backup"] is None
    assert response.data["date"] == A_DAY_WITHOUT_A_PLAN
    for contact in response.data["contact_when_absent"]:
        assert set(contact) == {"kind", "name", "phone"}


def test_it_answers_for_today_without_a_date(world):
    for query in (None, ""):
        response = sro(world, day=query)
        assert response.data["date"] == timezone.localdate().isoformat()
        assert primary_id(response) == world.a.officer.pk


def test_it_does_not_guess_presence_before_a_visit_plan_exists(world):
    response = sro(world, day=A_DAY_WITHOUT_A_PLAN)
    assert response.data["expected_on_site"] is None and response.data["on_site_now"] is None


def test_it_passes_on_presence_from_the_planning_app(world, monkeypatch):
    def presence_for(*, school, officer, on):
        return {"expected_on_site": True, "on_site_now": False}

    monkeypatch.setattr(selectors, "_planning_presence_reader", lambda: presence_for)
    response = sro(world, day=A_DAY_WITHOUT_A_PLAN)
    assert (response.data["expected_on_site"], response.data["on_site_now"]) == (True, False)


@pytest.mark.parametrize(
    ("day", "answers"),
    [("2022-06-30", True), ("2022-07-01", False), ("2020-08-31", False), ("2020-09-01", True)],
    ids=["last-day-included", "day-after-the-end", "day-before-the-start", "first-day"],
)
def test_it_answers_only_while_an_assignment_lasts(world, day, answers):
    world.a.assignment.end_date = date(2022, 6, 30)
    world.a.assignment.save()
    assert (primary_id(sro(world, day=day, role=Role.PROGRAM_ADMIN)) == world.a.officer.pk) is answers


def test_it_forgets_an_ended_assignment_today(world):
    world.a.assignment.end_date = timezone.localdate() - timedelta(days=1)
    world.a.assignment.save()
    assert sro(world, role=Role.PROGRAM_ADMIN).data["primary"] is None


def test_it_does_not_answer_with_a_future_assignment_today(world):
    newcomer = OfficerFactory(program=world.a.program, police_service=world.a.police)
    tomorrow = timezone.localdate() + timedelta(days=1)
    AssignmentFactory(officer=newcomer, school=world.a.other_school, start_date=tomorrow, role="backup")
    assert sro(world, school=world.a.other_school, role=Role.PROGRAM_ADMIN).data["backup"] is None
    later = sro(world, school=world.a.other_school, day=tomorrow.isoformat(), role=Role.PROGRAM_ADMIN)
    assert later.data["backup"]["id"] == newcomer.pk


def test_it_lists_who_to_call_backup_first_then_supervisors_then_the_duty_line(world):
    backup = OfficerFactory(program=world.a.program, police_service=world.a.police, phone="204-555-0177")
    AssignmentFactory(officer=backup, school=world.a.school, role="backup", start_date=date(2020, 9, 1))
    contacts = sro(world, day=A_DAY_WITHOUT_A_PLAN).data["contact_when_absent"]
    supervisor = world.users[Role.SRO_SUPERVISOR]
    assert contacts == [
        {"kind": "backup", "name": backup.name, "phone": "204-555-0177"},
        {"kind": "supervisor", "name": supervisor.display_name, "phone": supervisor.phone},
        {"kind": "duty", "name": "SRO unit duty line", "phone": world.a.program.duty_phone},
    ]


@pytest.mark.parametrize(
    "day", ["2024-13-01", "2024-02-30", "next tuesday", "0000-01-01", "2024-06-01T10:00"]
)
def test_it_refuses_a_malformed_date_with_a_message_on_the_field(world, day):
    response = sro(world, day=day)
    assert response.status_code == 400
    assert list(response.data) == ["date"] and response.data["date"]


@pytest.mark.parametrize(
    ("role", "school", "status"),
    [
        (Role.SCHOOL_OFFICE, "school", 200),
        (Role.SCHOOL_OFFICE, "other_school", 404),
        (Role.TIP_PARTNER, "school", 404),
        (Role.EVALUATOR, "school", 403),
        (Role.DIVISION_LEAD, "other_school", 200),
    ],
)
def test_it_answers_only_about_schools_the_caller_sees_to_roles_that_see_officers(
    world, role, school, status
):
    assert (
        sro(world, school=getattr(world.a, school), day=A_DAY_WITHOUT_A_PLAN, role=role).status_code == status
    )
