"""The planning pages by persona: officer on a phone, supervisor running a plan, school admin, office."""

import pytest
from django.test import Client

from srohub.core.roles import Role
from srohub.planning.models import Blackout, CheckIn, Plan, PlanStatus, PreferredSlot
from srohub.planning.tests.helpers import published_plan_with_visit

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_officer_their_plan_and_checks_them_in(world):
    published_plan_with_visit(world.a)
    client = client_for(world.users[Role.SRO])
    page = client.get("/plan/mine/")
    assert page.status_code == 200 and world.a.school.name in page.content.decode()
    assert client.post(f"/plan/schools/{world.a.school.pk}/check-in/").status_code == 302
    entry = CheckIn.objects.get(officer=world.a.officer, checked_out_at__isnull=True)
    assert client.post(f"/plan/check-ins/{entry.pk}/check-out/").status_code == 302
    entry.refresh_from_db()
    assert entry.checked_out_at is not None


def test_it_runs_a_plan_and_polls_its_status(world, django_capture_on_commit_callbacks):
    client = client_for(world.users[Role.SRO_SUPERVISOR])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/plan/plans/", {"start_date": "2030-03-04", "end_date": "2030-03-08", "seconds": 5}
        )
    plan = Plan.objects.get(start_date="2030-03-04")
    assert response.status_code == 302 and plan.status == PlanStatus.PROPOSED
    partial = client.get(f"/plan/plans/{plan.pk}/", headers={"HX-Request": "true"})
    assert 'id="plan-status-body"' in partial.content.decode() and "<html" not in partial.content.decode()
    client.post(f"/plan/plans/{plan.pk}/publish/")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED


def test_it_answers_a_bad_plan_range_with_400(world):
    response = client_for(world.users[Role.SRO_SUPERVISOR]).post(
        "/plan/plans/", {"start_date": "2030-03-08", "end_date": "2030-03-04", "seconds": 5}
    )
    assert response.status_code == 400 and not Plan.objects.filter(start_date="2030-03-08").exists()


def test_it_keeps_the_planner_from_school_roles(world):
    assert client_for(world.users[Role.SCHOOL_ADMIN]).get("/plan/plans/").status_code == 403


def test_it_saves_a_principals_preferences_and_refuses_a_bad_blackout(world):
    client = client_for(world.users[Role.SCHOOL_ADMIN])
    url = f"/plan/schools/{world.a.school.pk}/preferences/"
    assert client.get(url).status_code == 200
    saved = client.post(url, {"form": "slots", "slots-choice_1": "3-am", "slots-choice_2": "1-pm"})
    assert saved.status_code == 302
    assert list(PreferredSlot.objects.filter(school=world.a.school).values_list("weekday", "half_day")) == [
        (3, "am"),
        (1, "pm"),
    ]
    before = Blackout.objects.count()
    bad = client.post(
        url,
        {
            "form": "blackout",
            "blackout-start_date": "2030-03-08",
            "blackout-end_date": "2030-03-04",
            "blackout-reason": "Exams",
        },
    )
    assert bad.status_code == 400 and Blackout.objects.count() == before


def test_it_hides_another_schools_preferences_from_a_principal(world):
    client = client_for(world.users[Role.SCHOOL_ADMIN])
    assert client.get(f"/plan/schools/{world.a.other_school.pk}/preferences/").status_code == 404
    assert (
        client_for(world.users[Role.SCHOOL_OFFICE])
        .get(f"/plan/schools/{world.a.school.pk}/preferences/")
        .status_code
        == 404
    )


def test_it_shows_the_office_when_the_sro_is_in(world):
    published_plan_with_visit(world.a)
    client = client_for(world.users[Role.SCHOOL_OFFICE])
    assert client.get("/plan/my-school/").status_code == 302
    page = client.get(f"/plan/schools/{world.a.school.pk}/")
    assert page.status_code == 200 and world.a.officer.name in page.content.decode()


def test_it_exports_a_plans_visits_as_csv_scoped_to_the_reader(world):
    plan, _visit = published_plan_with_visit(world.a)
    published_plan_with_visit(world.a, school=world.a.other_school, officer=world.a.other_officer, half="pm")
    other_plan = Plan.objects.exclude(pk=plan.pk).filter(program=world.a.program, status=PlanStatus.PUBLISHED)
    assert other_plan.exists()
    supervisor = client_for(world.users[Role.SRO_SUPERVISOR]).get(f"/plan/plans/{plan.pk}/visits.csv")
    assert supervisor.status_code == 200 and supervisor["Content-Type"].startswith("text/csv")
    lines = supervisor.content.decode().strip().splitlines()
    assert lines[0].startswith("Date,") and len(lines) == 2 and world.a.school.name in lines[1]
    assert client_for(world.outsider).get(f"/plan/plans/{plan.pk}/visits.csv").status_code == 404
