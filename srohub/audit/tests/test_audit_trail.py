"""Every write through the API leaves exactly one audit event, in the same transaction; a refused
or failed write leaves none; history cannot be rewritten; only program admins read it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import SYSTEM, audit_record
from srohub.core.roles import Role
from srohub.core.testing import ENDPOINTS, ENDPOINTS_BY_NAME, OrganizationFactory, api_rows

pytestmark = pytest.mark.django_db

DELETABLE = [endpoint for endpoint in ENDPOINTS if endpoint.fresh is not None]


def new_events(since_id: int):
    return list(AuditEvent.objects.filter(pk__gt=since_id).order_by("pk"))


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def assert_stamped(event, *, actor, action, record, program_id, request_id):
    assert (event.actor_id, event.actor_label, event.action) == (actor.pk, actor.username, action)
    assert (event.object_type, event.object_id) == (record._meta.label_lower, str(record.pk))
    assert event.program_id == program_id
    assert (event.request_id, event.ip) == (request_id, "127.0.0.1")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_records_one_event_for_a_create(world, endpoint):
    actor, start = endpoint.creator_user(world), last_event_id()
    response = world.client(actor).post(
        endpoint.list_url, endpoint.create(world), format="json", HTTP_X_REQUEST_ID=f"create-{endpoint}"
    )
    assert response.status_code == 201, response.data
    assert response["X-Request-ID"] == f"create-{endpoint}"
    [event] = new_events(start)
    record = endpoint.model.objects.get(pk=response.data["id"])
    program_id = record.pk if endpoint.name == "programs" else world.a.program.pk
    assert_stamped(
        event,
        actor=actor,
        action=AuditAction.CREATE,
        record=record,
        program_id=program_id,
        request_id=f"create-{endpoint}",
    )
    assert event.before is None and event.after["id"] == record.pk


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_records_one_event_with_only_the_changed_fields_for_an_update(world, endpoint):
    actor, record, start = world.users[sorted(endpoint.writers)[0]], endpoint.record(world), last_event_id()
    changes = endpoint.patch(world)
    response = world.client(actor).patch(
        endpoint.detail_url(record.pk), changes, format="json", HTTP_X_REQUEST_ID=f"update-{endpoint}"
    )
    assert response.status_code == 200, response.data
    [event] = new_events(start)
    assert_stamped(
        event,
        actor=actor,
        action=AuditAction.UPDATE,
        record=record,
        program_id=world.a.program.pk,
        request_id=f"update-{endpoint}",
    )
    assert event.after == changes
    assert event.before == {name: getattr(record, name) for name in changes}


@pytest.mark.parametrize("endpoint", DELETABLE, ids=str)
def test_it_records_one_event_with_what_was_deleted(world, endpoint):
    actor, record, start = world.users[Role.PROGRAM_ADMIN], endpoint.fresh(world), last_event_id()
    response = world.client(actor).delete(endpoint.detail_url(record.pk), HTTP_X_REQUEST_ID="delete-1")
    assert response.status_code == 204
    [event] = new_events(start)
    assert_stamped(
        event,
        actor=actor,
        action=AuditAction.DELETE,
        record=record,
        program_id=world.a.program.pk,
        request_id="delete-1",
    )
    assert event.before["id"] == record.pk and event.after is None


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_records_nothing_for_an_update_that_changes_nothing(world, endpoint):
    actor, record = world.users[sorted(endpoint.writers)[0]], endpoint.record(world)
    client = world.client(actor)
    changes = endpoint.patch(world)
    client.patch(endpoint.detail_url(record.pk), changes, format="json")
    start = last_event_id()
    again = client.patch(endpoint.detail_url(record.pk), changes, format="json")
    assert again.status_code == 200 and new_events(start) == []


def test_it_records_a_change_of_partners_with_the_agreement(world):
    agreement, start = world.a.agreement, last_event_id()
    ministry = OrganizationFactory(program=world.a.program, kind="ministry")
    response = world.client(world.users[Role.PROGRAM_ADMIN]).patch(
        f"/api/v1/agreements/{agreement.pk}/", {"partners": [ministry.pk]}, format="json"
    )
    assert response.status_code == 200 and response.data["partners"] == [ministry.pk]
    [event] = new_events(start)
    assert event.before == {"partners": sorted([world.a.police.pk, world.a.division.pk])}
    assert event.after == {"partners": [ministry.pk]}


def test_it_records_nothing_when_a_delete_fails_half_way(world):
    """The audit event is written before the row is deleted; the refused delete takes it back."""
    start = last_event_id()
    response = world.client(world.users[Role.PROGRAM_ADMIN]).delete(
        f"/api/v1/organizations/{world.a.division.pk}/"
    )
    assert response.status_code == 409 and "still in use" in response.data["detail"]
    assert new_events(start) == []
    assert type(world.a.division).objects.filter(pk=world.a.division.pk).exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_writes_nothing_when_the_audit_event_cannot_be_written(world, endpoint, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("audit table unavailable")

    monkeypatch.setattr("srohub.core.services.audit_record", broken)
    client = world.client(endpoint.creator_user(world))
    client.raise_request_exception = False
    rows = endpoint.model.objects.count()
    response = client.post(endpoint.list_url, endpoint.create(world), format="json")
    assert response.status_code == 500
    assert endpoint.model.objects.count() == rows


@pytest.mark.parametrize("header", ["", "has spaces", "x" * 65, "<script>"])
def test_it_replaces_a_missing_or_malformed_request_id_and_stamps_the_same_one(world, header):
    start = last_event_id()
    endpoint = ENDPOINTS_BY_NAME["spaces"]
    response = world.client(world.users[Role.PROGRAM_ADMIN]).post(
        endpoint.list_url, endpoint.create(world), format="json", HTTP_X_REQUEST_ID=header
    )
    [event] = new_events(start)
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"] == event.request_id != header


def test_it_does_not_believe_a_forwarded_for_header_without_a_trusted_proxy(world):
    start = last_event_id()
    endpoint = ENDPOINTS_BY_NAME["spaces"]
    world.client(world.users[Role.PROGRAM_ADMIN]).post(
        endpoint.list_url, endpoint.create(world), format="json", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    [event] = new_events(start)
    assert event.ip == "127.0.0.1"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger exists only on PostgreSQL (audit migration 0002)",
)
@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET actor_label = 'someone else'", "DELETE FROM audit_auditevent"]
)
def test_it_refuses_to_rewrite_history_even_in_raw_sql(world, statement):
    audit_record(actor=SYSTEM, action=AuditAction.CREATE, instance=world.a.school)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.filter(actor_label="system").exists()


# ---------------------------------------------------------------- reading the trail


@dataclass
class History:
    """Events written by the ``history`` fixture (ids after ``first_id``), with a moment between."""

    world: object
    first_id: int
    middle: object

    def listed(self, query: str = "", role=Role.PROGRAM_ADMIN) -> list[dict]:
        """What ``role`` of program A sees of these events (older events of the world are left out)."""
        rows = api_rows(self.world.client(self.world.users[role]), f"/api/v1/audit-events/?{query}")
        return [row for row in rows if row["id"] > self.first_id]


@pytest.fixture
def history(world) -> History:
    """Two creates and an update in program A, one event in program B."""
    first_id = last_event_id()
    admin = world.client(world.users[Role.PROGRAM_ADMIN])
    admin.post("/api/v1/spaces/", ENDPOINTS_BY_NAME["spaces"].create(world), format="json")
    middle = timezone.now()
    admin.post("/api/v1/organizations/", ENDPOINTS_BY_NAME["organizations"].create(world), format="json")
    admin.patch(f"/api/v1/schools/{world.a.school.pk}/", {"enrolment": 950}, format="json")
    audit_record(actor=SYSTEM, action=AuditAction.CREATE, instance=world.b.school)
    return History(world, first_id, middle)


def iso(moment) -> str:
    return moment.isoformat().replace("+", "%2B")


def test_it_shows_a_program_admin_the_trail_of_their_program_only(history):
    rows = history.listed()
    assert len(rows) == 3 and {row["program_id"] for row in rows} == {history.world.a.program.pk}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=update", [("update", "directory.school")]),
        ("object_type=directory.space", [("create", "directory.space")]),
        ("action=create&object_type=directory.organization", [("create", "directory.organization")]),
        ("until={middle}", [("create", "directory.space")]),
        ("since={middle}", [("update", "directory.school"), ("create", "directory.organization")]),
    ],
)
def test_it_filters_the_trail(history, query, expected):
    rows = history.listed(query.format(middle=iso(history.middle)))
    assert [(row["action"], row["object_type"]) for row in rows] == expected


def test_it_refuses_a_malformed_time_filter(history):
    response = history.world.client(history.world.users[Role.PROGRAM_ADMIN]).get(
        "/api/v1/audit-events/?since=last-tuesday"
    )
    assert response.status_code == 400 and "since" in response.data


@pytest.mark.parametrize("role", sorted(set(Role.values) - {Role.PROGRAM_ADMIN}))
def test_it_shows_no_other_role_any_of_the_trail(history, role):
    world = history.world
    assert api_rows(world.client(world.users[role]), "/api/v1/audit-events/") == []
    event = AuditEvent.objects.filter(program_id=world.a.program.pk).first()
    assert world.client(world.users[role]).get(f"/api/v1/audit-events/{event.pk}/").status_code == 404


def test_it_lists_the_newest_event_first_and_orders_on_request(history):
    newest_first = [row["id"] for row in history.listed()]
    assert newest_first == sorted(newest_first, reverse=True)
    assert [row["id"] for row in history.listed("ordering=at")] == sorted(newest_first)


def test_it_searches_the_trail_by_actor(history):
    assert len(history.listed(f"search={history.world.users[Role.PROGRAM_ADMIN].username}")) == 3
    assert history.listed("search=nobody-by-this-name") == []


def test_it_keeps_since_inclusive_and_until_exclusive(history):
    event = AuditEvent.objects.get(pk=history.listed()[-1]["id"])
    assert event.pk in [row["id"] for row in history.listed(f"since={iso(event.at)}")]
    assert event.pk not in [row["id"] for row in history.listed(f"until={iso(event.at)}")]
    assert event.pk in [
        row["id"] for row in history.listed(f"until={iso(event.at + timedelta(microseconds=1))}")
    ]
