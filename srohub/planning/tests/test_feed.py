"""The private iCalendar feed: valid token → RFC 5545 calendar; unknown or revoked → 404."""

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from srohub.core.roles import Role
from srohub.planning.presence_services import feed_token_create, feed_token_revoke
from srohub.planning.tests.helpers import published_plan_with_visit

pytestmark = pytest.mark.django_db


def test_it_serves_the_officers_visits_as_icalendar(world):
    published_plan_with_visit(world.a, day=timezone.localdate())
    _, token = feed_token_create(actor=world.users[Role.SRO], officer=world.a.officer)
    response = Client().get(f"/plan/feed/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [world.a.school.name]
    assert str(events[0]["uid"]).startswith("visit-")


def test_it_answers_unknown_and_revoked_tokens_with_404(world):
    feed, token = feed_token_create(actor=world.users[Role.SRO], officer=world.a.officer)
    assert Client().get("/plan/feed/not-a-token.ics").status_code == 404
    feed_token_revoke(actor=world.users[Role.SRO], feed=feed)
    assert Client().get(f"/plan/feed/{token}.ics").status_code == 404


def test_it_creates_feeds_only_for_the_officer_or_a_supervisor(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        feed_token_create(actor=world.users[Role.SCHOOL_ADMIN], officer=world.a.officer)
    with pytest.raises(PermissionDenied):
        feed_token_create(actor=world.outsider, officer=world.a.officer)


def test_it_lists_feeds_to_their_officer_only(world):
    feed_token_create(actor=world.users[Role.SRO_SUPERVISOR], officer=world.a.other_officer)
    rows = world.client(world.users[Role.SRO]).get("/api/v1/calendar-feeds/").data["results"]
    assert {row["officer"] for row in rows} == {world.a.officer.pk}
