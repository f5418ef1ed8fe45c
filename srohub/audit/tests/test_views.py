"""The audit trail page: program admins only, their programs only, filtered and paginated,
with each event's changes shown compactly."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from srohub.audit.models import AuditEvent
from srohub.audit.views import Change, changes_of
from srohub.core.roles import Role
from srohub.directory import services

pytestmark = pytest.mark.django_db

URL = reverse("audit:event-list")


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.users[Role.PROGRAM_ADMIN])
    return client


@pytest.fixture
def setup_done(world) -> int:
    """The last audit event the world's own setup wrote: the tests look at what comes after it."""
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def renamed(world, setup_done):
    """One update event in program A and one in program B, each made by that program's admin."""
    admin = world.users[Role.PROGRAM_ADMIN]
    services.school_update(actor=admin, school=world.a.school, changes={"name": "Alpha Renamed"})
    services.school_update(actor=world.outsider, school=world.b.school, changes={"name": "Bravo Renamed"})


def listed(response, after: int = 0) -> list[AuditEvent]:
    """The events on the page, only those written after event ``after``."""
    return [event for event, _changes in response.context["rows"] if event.pk > after]


def events_of(program) -> AuditEvent:
    return AuditEvent.objects.filter(program_id=program.pk)


def test_it_shows_program_admins_what_changed_in_their_program(admin_client, world, renamed, setup_done):
    response = admin_client.get(URL)
    assert [e.object_repr for e in listed(response, after=setup_done)] == ["Alpha Renamed"]
    assert {e.program_id for e in listed(response)} == {world.a.program.pk}
    assert "Bravo Renamed" not in response.text
    assert "<del>" in response.text and "Alpha Renamed</ins>" in response.text


@pytest.mark.parametrize("role", [Role.SRO_SUPERVISOR, Role.SCHOOL_ADMIN, Role.EVALUATOR, Role.SRO])
def test_it_refuses_everyone_but_program_admins(client, world, role):
    client.force_login(world.users[role])
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client):
    assert client.get(URL)["Location"].startswith(reverse("login"))


def test_it_filters_by_action_record_type_actor_and_dates(admin_client, world, renamed, setup_done):
    services.space_create(actor=world.users[Role.SCHOOL_ADMIN], school=world.a.school, name="Library")
    today = timezone.localdate()

    def reprs(**filters):
        return [e.object_repr for e in listed(admin_client.get(URL, filters), after=setup_done)]

    assert reprs(action="create") == ["Library (Classroom)"]
    assert reprs(action="update") == ["Alpha Renamed"]
    assert reprs(object_type="directory.space") == ["Library (Classroom)"]
    assert reprs(actor="school_admin") == ["Library (Classroom)"]
    assert reprs(since=today.isoformat(), until=today.isoformat()) == ["Library (Classroom)", "Alpha Renamed"]
    assert reprs(until=(today - timedelta(days=1)).isoformat()) == []


def test_it_offers_only_record_types_the_admin_can_see(admin_client, world, renamed):
    choices = dict(admin_client.get(URL).context["form"].fields["object_type"].choices)
    assert set(choices) - {""} == set(events_of(world.a.program).values_list("object_type", flat=True))


def test_it_explains_a_reversed_period(admin_client, world, renamed):
    response = admin_client.get(URL, {"since": "2025-05-02", "until": "2025-05-01"})
    assert "cannot be before its start" in response.text
    # An invalid filter narrows nothing.
    assert response.context["page"].paginator.count == events_of(world.a.program).count()


def test_it_pages_the_trail(admin_client, world):
    admin = world.users[Role.PROGRAM_ADMIN]
    for number in range(30):
        services.school_update(actor=admin, school=world.a.school, changes={"enrolment": 100 + number})
    total = events_of(world.a.program).count()
    first, second = admin_client.get(URL), admin_client.get(URL, {"page": 2})
    assert first.context["page"].paginator.count == total >= 30
    assert (len(listed(first)), len(listed(second))) == (25, min(25, total - 25))
    assert "Next page" in first.text


def test_it_sends_htmx_only_the_results(admin_client, renamed):
    response = admin_client.get(URL, headers={"HX-Request": "true", "HX-Target": "audit-results"})
    assert response.text.lstrip().startswith('<div id="audit-results"')


def test_it_lists_what_each_kind_of_event_changed():
    created = AuditEvent(after={"name": "Gym", "floor": None})
    updated = AuditEvent(before={"name": "Gym"}, after={"name": "Main gym"})
    deleted = AuditEvent(before={"name": "Main gym"})
    long_text = AuditEvent(after={"roles": "x" * 200})

    assert changes_of(created) == [Change("floor", None, ""), Change("name", None, "Gym")]
    assert changes_of(updated) == [Change("name", "Gym", "Main gym")]
    assert changes_of(deleted) == [Change("name", "Main gym", None)]
    assert len(changes_of(long_text)[0].after) == 80
    assert changes_of(AuditEvent()) == []
    with_bookkeeping = AuditEvent(after={"id": 4, "version": 1, "created_at": "2025-01-01", "name": "Gym"})
    assert changes_of(with_bookkeeping) == [Change("name", None, "Gym")]
