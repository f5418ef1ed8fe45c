"""The set-up pages: division calendars (supervisor, or the division's own safety lead), officer
leave and planning settings (supervisors). Every refusal is a 400 or 403 that writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from srohub.core.roles import Role
from srohub.core.testing import OrganizationFactory
from srohub.planning import services
from srohub.planning.models import CalendarClosure, OfficerLeave, PlanningSettings

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def closure_post(division, start="2031-02-13", end="2031-02-14"):
    return {
        "form": "closure",
        "closure-division": division.pk,
        "closure-start_date": start,
        "closure-end_date": end,
        "closure-kind": "pd_day",
        "closure-label": "Teachers' convention",
    }


def test_it_lets_a_division_lead_edit_their_divisions_calendar(world):
    client = client_for(world.users[Role.DIVISION_LEAD])
    assert client.get("/plan/calendar/").status_code == 200
    assert client.post("/plan/calendar/", closure_post(world.a.division)).status_code == 302
    closure = CalendarClosure.objects.get(label="Teachers' convention")
    assert closure.division == world.a.division and closure.program == world.a.program
    assert client.post(f"/plan/calendar/closures/{closure.pk}/delete/").status_code == 302
    assert not CalendarClosure.objects.filter(pk=closure.pk).exists()


def test_it_refuses_a_closure_ending_before_it_starts_or_in_another_division(world):
    other_division = OrganizationFactory(program=world.a.program, name="Other Division")
    before = CalendarClosure.objects.count()
    lead = client_for(world.users[Role.DIVISION_LEAD])
    backwards = lead.post("/plan/calendar/", closure_post(world.a.division, "2031-02-14", "2031-02-13"))
    elsewhere = lead.post("/plan/calendar/", closure_post(other_division))
    assert backwards.status_code == 400 and "cannot be before" in backwards.content.decode()
    assert elsewhere.status_code == 400
    assert CalendarClosure.objects.count() == before
    with pytest.raises(PermissionDenied):
        services.closure_create(
            actor=world.users[Role.DIVISION_LEAD],
            division=other_division,
            start_date=other_division.created_at.date(),
            end_date=other_division.created_at.date(),
            kind="pd_day",
            label="Not theirs",
        )


def test_it_generates_the_default_calendar_once(world):
    client = client_for(world.users[Role.SRO_SUPERVISOR])
    data = {"form": "generate", "generate-division": world.a.division.pk, "generate-school_year": 2031}
    assert client.post("/plan/calendar/", data).status_code == 302
    created = CalendarClosure.objects.filter(division=world.a.division, start_date__year__gte=2031).count()
    assert created > 5
    assert client.post("/plan/calendar/", data).status_code == 302
    assert CalendarClosure.objects.filter(division=world.a.division, start_date__year__gte=2031).count() == created


def test_it_records_and_removes_officer_leave(world):
    client = client_for(world.users[Role.SRO_SUPERVISOR])
    data = {"officer": world.a.officer.pk, "start_date": "2031-03-02", "end_date": "2031-03-06", "reason": "Course"}
    assert client.post("/plan/leave/", data).status_code == 302
    entry = OfficerLeave.objects.get(officer=world.a.officer, start_date="2031-03-02")
    assert client.get("/plan/leave/").status_code == 200
    assert client.post(f"/plan/leave/{entry.pk}/delete/").status_code == 302
    assert not OfficerLeave.objects.filter(pk=entry.pk).exists()


def test_it_refuses_leave_ending_before_it_starts(world):
    before = OfficerLeave.objects.count()
    response = client_for(world.users[Role.SRO_SUPERVISOR]).post(
        "/plan/leave/", {"officer": world.a.officer.pk, "start_date": "2031-03-06", "end_date": "2031-03-02"}
    )
    assert response.status_code == 400 and OfficerLeave.objects.count() == before


def settings_post(**changes):
    data = {
        "elementary_per_week": "0.5",
        "junior_high_per_week": "1",
        "senior_high_per_week": "2",
        "per_500_students": "0.5",
        "per_enforcement": "0.1",
        "travel_limit_minutes": "30",
        "speed_kmh": "40",
        "horizon_weeks": "4",
        "stability_weight": "200",
    }
    return data | changes


def test_it_saves_the_need_weights_and_travel_settings(world):
    client = client_for(world.users[Role.SRO_SUPERVISOR])
    assert client.get("/plan/settings/").status_code == 200
    response = client.post("/plan/settings/", settings_post(speed_kmh="60", senior_high_per_week="3"))
    saved = PlanningSettings.objects.get(program=world.a.program)
    assert response.status_code == 302
    assert saved.speed_kmh == 60 and saved.senior_high_per_week == Decimal("3")


@pytest.mark.parametrize("field,value", [("per_500_students", "-1"), ("speed_kmh", "500"), ("horizon_weeks", "0")])
def test_it_refuses_settings_out_of_range(world, field, value):
    before = PlanningSettings.objects.get(program=world.a.program)
    response = client_for(world.users[Role.SRO_SUPERVISOR]).post("/plan/settings/", settings_post(**{field: value}))
    after = PlanningSettings.objects.get(program=world.a.program)
    assert response.status_code == 400 and after.version == before.version


@pytest.mark.parametrize("role", [Role.SCHOOL_ADMIN, Role.SRO, Role.DIVISION_LEAD])
def test_it_keeps_leave_and_settings_to_planners(world, role):
    client = client_for(world.users[role])
    assert client.post("/plan/settings/", settings_post(speed_kmh="90")).status_code == 403
    assert client.get("/plan/leave/").status_code == 403
    assert PlanningSettings.objects.get(program=world.a.program).speed_kmh == 40
