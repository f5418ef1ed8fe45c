"""The planning API by persona: in-scope users see their part, a principal only their school, the
outsider nothing; bad input is a 400 that writes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.core.roles import Role
from srohub.planning.models import Blackout, PreferredSlot, Visit
from srohub.planning.tests.helpers import published_plan_with_visit

pytestmark = pytest.mark.django_db
LISTS = [
    "plans",
    "visits",
    "check-ins",
    "calendar-feeds",
    "blackouts",
    "officer-leave",
    "calendar-closures",
    "presence-requests",
    "preferred-slots",
    "territory-proposals",
    "planning-settings",
]


@pytest.mark.parametrize("endpoint", LISTS)
def test_it_shows_the_outsider_nothing_of_program_a(world, endpoint):
    response = world.client(world.outsider).get(f"/api/v1/{endpoint}/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.data["results"]}
    model = response.renderer_context["view"].model
    assert not ids & set(model.objects.filter(program=world.a.program).values_list("pk", flat=True))


def test_it_shows_a_principal_only_their_schools_visits(world):
    published_plan_with_visit(world.a)
    published_plan_with_visit(world.a, school=world.a.other_school, officer=world.a.other_officer, half="pm")
    rows = world.client(world.users[Role.SCHOOL_ADMIN]).get("/api/v1/visits/").data["results"]
    assert rows and {row["school"] for row in rows} == {world.a.school.pk}
    supervisor_rows = world.client(world.users[Role.SRO_SUPERVISOR]).get("/api/v1/visits/").data["results"]
    assert {row["school"] for row in supervisor_rows} >= {world.a.school.pk, world.a.other_school.pk}


def test_it_refuses_a_blackout_that_ends_before_it_starts(world):
    before = Blackout.objects.count()
    response = world.client(world.users[Role.SCHOOL_ADMIN]).post(
        "/api/v1/blackouts/",
        {
            "school": world.a.school.pk,
            "start_date": "2030-03-10",
            "end_date": "2030-03-05",
            "reason": "Exams",
        },
        format="json",
    )
    assert response.status_code == 400 and "end_date" in response.data
    assert Blackout.objects.count() == before


def test_it_refuses_preferences_for_a_school_the_user_does_not_administer(world):
    before = PreferredSlot.objects.count()
    response = world.client(world.users[Role.SCHOOL_ADMIN]).post(
        "/api/v1/preferred-slots/",
        {"school": world.a.other_school.pk, "slots": [{"weekday": 1, "half_day": "am"}]},
        format="json",
    )
    assert response.status_code == 400 and "school" in response.data
    assert PreferredSlot.objects.count() == before


def test_it_replaces_a_schools_ranked_half_days(world):
    response = world.client(world.users[Role.SCHOOL_ADMIN]).post(
        "/api/v1/preferred-slots/",
        {
            "school": world.a.school.pk,
            "slots": [{"weekday": 2, "half_day": "pm"}, {"weekday": 0, "half_day": "am"}],
        },
        format="json",
    )
    assert response.status_code == 201
    assert list(
        PreferredSlot.objects.filter(school=world.a.school).values_list("weekday", "half_day", "rank")
    ) == [(2, "pm", 1), (0, "am", 2)]


@pytest.mark.parametrize(
    "url", ["/api/v1/visits/?date_from=2030-13-45", "/api/v1/schools/{pk}/sro/?date=nope"]
)
def test_it_answers_a_malformed_date_with_400(world, url):
    response = world.client(world.users[Role.SRO_SUPERVISOR]).get(url.format(pk=world.a.school.pk))
    assert response.status_code == 400


def test_it_lets_an_officer_check_in_out_and_mark_a_visit_missed(world):
    client = world.client(world.users[Role.SRO])
    _, visit = published_plan_with_visit(world.a, day=timezone.localdate() + timedelta(days=1))
    entry = client.post("/api/v1/check-ins/", {"school": world.a.school.pk}, format="json")
    assert entry.status_code == 201 and entry.data["officer"] == world.a.officer.pk
    out = client.post(f"/api/v1/check-ins/{entry.data['id']}/check-out/")
    assert out.status_code == 200 and out.data["checked_out_at"]
    missed = client.post(
        f"/api/v1/visits/{visit.pk}/missed/", {"reason": "Called to an incident"}, format="json"
    )
    assert missed.status_code == 200 and missed.data["status"] == "missed"
    empty = client.post(f"/api/v1/visits/{visit.pk}/missed/", {"reason": ""}, format="json")
    assert empty.status_code == 400


def test_it_refuses_a_school_office_marking_a_visit_missed(world):
    _, visit = published_plan_with_visit(world.a)
    response = world.client(world.users[Role.SCHOOL_OFFICE]).post(
        f"/api/v1/visits/{visit.pk}/missed/", {"reason": "x"}, format="json"
    )
    assert response.status_code in {403, 404}
    assert Visit.objects.get(pk=visit.pk).status == "planned"


def test_it_runs_and_publishes_a_plan_through_the_api(world, django_capture_on_commit_callbacks):
    client = world.client(world.users[Role.SRO_SUPERVISOR])
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/plans/",
            {
                "program": world.a.program.pk,
                "start_date": "2030-03-04",
                "end_date": "2030-03-15",
                "seconds": 5,
            },
            format="json",
        )
    assert created.status_code == 201
    plan = client.get(f"/api/v1/plans/{created.data['id']}/").data
    assert plan["status"] == "proposed" and plan["gap"] == 0
    changes = client.get(f"/api/v1/plans/{plan['id']}/changes/").data
    assert changes["added"] > 0 and changes["removed"] == 0
    assert client.post(f"/api/v1/plans/{plan['id']}/publish/").data["status"] == "published"
    bad = client.post(
        "/api/v1/plans/",
        {"program": world.a.program.pk, "start_date": "2030-03-04", "end_date": "2030-03-01"},
        format="json",
    )
    assert bad.status_code == 400 and "end_date" in bad.data
