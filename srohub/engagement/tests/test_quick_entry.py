"""Quick entry on a phone: a small page, the common entry in one request, today's school chosen,
repeat last entry, and bad input refused with nothing saved."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.testing import AssignmentFactory, SchoolFactory
from srohub.directory.models import Assignment
from srohub.engagement.models import Activity
from srohub.planning.presence_services import check_in
from srohub.planning.selectors import current_school_for

pytestmark = pytest.mark.django_db
URL = "/activities/quick/"
MAX_PAGE_BYTES = 16_000  # the whole page, menu included: a few kilobytes over a slow hallway connection
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "quick-form"}


@pytest.fixture
def sro(world):
    client = Client()
    client.force_login(world.users[Role.SRO])
    return client


def test_it_serves_a_small_page_with_todays_school_preselected(world, sro):
    response = sro.get(URL)
    assert response.status_code == 200
    assert len(response.content) < MAX_PAGE_BYTES, len(response.content)
    html = response.content.decode()
    assert f'<option value="{world.a.school.pk}" selected>' in html
    assert 'hx-post="/activities/quick/"' in html


def test_it_saves_the_common_entry_in_one_request_with_three_inputs(world, sro):
    topic = world.a.extras["topic"]
    response = sro.post(
        URL,
        {
            "activity_type": "presentation",
            "topic": topic.pk,
            "duration_minutes": "",
            "school": world.a.school.pk,
            "occurred_on": timezone.localdate().isoformat(),
        },
        **HTMX,
    )
    assert response.status_code == 200
    activity = Activity.objects.get(occurred_on=timezone.localdate())
    assert (activity.school, activity.officer, activity.topic, activity.duration_minutes) == (
        world.a.school,
        world.a.officer,
        topic,
        60,
    )  # the usual length of a presentation
    assert "Saved:" in response.content.decode() and "<html" not in response.content.decode()


def test_it_preselects_the_only_school_even_without_a_plan(world, sro):
    Assignment.objects.filter(officer=world.a.officer).exclude(school=world.a.school).delete()
    html = sro.get(URL).content.decode()
    assert f'<option value="{world.a.school.pk}" selected>' in html


def test_it_preselects_the_school_the_planner_says_the_officer_is_at(world, sro):
    # A second assignment whose name sorts first: only the planner's answer can make it lose.
    pw = world.a
    first_by_name = SchoolFactory(program=pw.program, division=pw.division, name="Aaa First School")
    AssignmentFactory(officer=pw.officer, school=first_by_name, program=pw.program)
    html = sro.get(URL).content.decode()
    assert f'<option value="{first_by_name.pk}" selected>' in html  # no check-in, no visit: first by name
    check_in(actor=world.users[Role.SRO], officer=pw.officer, school=pw.school)
    assert current_school_for(officer=pw.officer, on=timezone.localdate()) == pw.school
    html = sro.get(URL).content.decode()
    assert f'<option value="{pw.school.pk}" selected>' in html
    assert f'<option value="{first_by_name.pk}" selected>' not in html


def test_it_repeats_the_last_entry_at_todays_school(world, sro):
    pw = world.a
    second = SchoolFactory(program=pw.program, division=pw.division, name="Zed Second School")
    AssignmentFactory(officer=pw.officer, school=second, program=pw.program)
    check_in(actor=world.users[Role.SRO], officer=pw.officer, school=second)
    assert sro.post("/activities/quick/repeat/", **HTMX).status_code == 200
    repeated = Activity.objects.get(occurred_on=timezone.localdate())
    assert (repeated.school, repeated.activity_type, repeated.topic) == (second, "mentoring", pw.extras["topic"])


def test_it_shows_at_most_three_inputs_before_the_folded_details(sro):
    html = sro.get(URL).content.decode()
    form = html[html.index('id="quick-form"'):]
    visible = form[: form.index("<details")]
    assert visible.count("<select") + visible.count("<input") - visible.count('type="hidden"') <= 3


def test_it_tells_a_plain_post_without_a_previous_entry_that_there_is_nothing_to_repeat(world, sro):
    Activity.objects.filter(officer=world.a.officer).delete()
    response = sro.post("/activities/quick/repeat/")
    assert response.status_code == 400 and "no earlier entry" in response.content.decode()
    assert not Activity.objects.filter(officer=world.a.officer).exists()


def test_it_repeats_the_last_entry(world, sro):
    response = sro.post("/activities/quick/repeat/", **HTMX)
    assert response.status_code == 200
    repeated = Activity.objects.get(occurred_on=timezone.localdate())
    assert (repeated.activity_type, repeated.duration_minutes, repeated.person) == ("mentoring", 45, None)


@pytest.mark.parametrize(
    "overrides",
    [
        {"duration_minutes": "0"},
        {"duration_minutes": "1441"},
        {"occurred_on": (timezone.localdate() + timedelta(days=2)).isoformat()},
        {"school": "other"},
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(world, sro, overrides):
    if overrides.get("school") == "other":
        overrides = {"school": world.a.other_school.pk}
    data = {
        "activity_type": "presentation",
        "duration_minutes": "30",
        "school": world.a.school.pk,
        "occurred_on": timezone.localdate().isoformat(),
        **overrides,
    }
    before = Activity.objects.count()
    response = sro.post(URL, data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode() or "errorlist" in response.content.decode()
    assert Activity.objects.count() == before


def test_it_is_for_officers_only(world):
    client = Client()
    client.force_login(world.users[Role.SCHOOL_ADMIN])
    assert client.get(URL).status_code == 403
