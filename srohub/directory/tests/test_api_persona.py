"""Each REST collection by persona: who reads it, who may change it, and that nothing crosses
programs. Expectations come from the roles table of PRODUCT.md (``srohub.core.testing.ENDPOINTS``)."""

import pytest

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.core.testing import ENDPOINTS, api_rows

pytestmark = pytest.mark.django_db

ROLES = list(Role.values)
DELETABLE = [endpoint for endpoint in ENDPOINTS if endpoint.fresh is not None]


def cases(endpoints, roles=ROLES):
    return [pytest.param(endpoint, role, id=f"{endpoint}-{role}") for endpoint in endpoints for role in roles]


def reader_only_cases():
    return [
        pytest.param(endpoint, role, id=f"{endpoint}-{role}")
        for endpoint in ENDPOINTS
        for role in sorted(endpoint.readers - endpoint.writers)
    ]


def writer_cases():
    return [
        pytest.param(endpoint, role, id=f"{endpoint}-{role}")
        for endpoint in ENDPOINTS
        for role in sorted(endpoint.writers)
    ]


@pytest.mark.parametrize(("endpoint", "role"), cases(ENDPOINTS))
def test_it_shows_a_record_exactly_to_the_roles_that_read_it(world, endpoint, role):
    response = world.client(world.users[role]).get(endpoint.detail_url(endpoint.record(world).pk))
    assert response.status_code == (200 if role in endpoint.readers else 404)


@pytest.mark.parametrize(("endpoint", "role"), cases(ENDPOINTS))
def test_it_lists_the_callers_scope_and_nothing_of_another_program(world, endpoint, role):
    user = world.users[role]
    listed = {row["id"] for row in api_rows(world.client(user), endpoint.list_url)}
    assert listed == set(endpoint.model.objects.visible_to(user).values_list("pk", flat=True))
    assert not listed & set(_ids_of_program(endpoint.model, world.b.program))
    assert (endpoint.record(world).pk in listed) == (role in endpoint.readers)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_lists_nothing_of_program_a_to_the_outsider(world, endpoint):
    listed = {row["id"] for row in api_rows(world.client(world.outsider), endpoint.list_url)}
    assert listed, "the outsider sees their own program's records"
    assert not listed & set(_ids_of_program(endpoint.model, world.a.program))


def _ids_of_program(model, program) -> list[int]:
    program_path = model.access.program_path
    return list(model.objects.filter(**{program_path: program.pk}).values_list("pk", flat=True))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_answers_the_outsider_404_for_a_record_of_another_program(world, endpoint):
    client = world.client(world.outsider)
    url = endpoint.detail_url(endpoint.record(world).pk)
    assert client.get(url).status_code == 404
    assert client.patch(url, endpoint.patch(world), format="json").status_code == 404
    assert client.delete(url).status_code == 404


@pytest.mark.parametrize(("endpoint", "role"), reader_only_cases())
def test_it_refuses_changes_by_a_role_that_only_reads(world, endpoint, role):
    client = world.client(world.users[role])
    record = endpoint.record(world)
    before = (AuditEvent.objects.count(), type(record).objects.get(pk=record.pk).version)
    assert (
        client.patch(endpoint.detail_url(record.pk), endpoint.patch(world), format="json").status_code == 403
    )
    # Endpoints without DELETE refuse it to everyone (405) once the record is found.
    assert client.delete(endpoint.detail_url(record.pk)).status_code == (403 if endpoint.fresh else 405)
    assert client.post(endpoint.list_url, endpoint.create(world), format="json").status_code == 403
    assert (AuditEvent.objects.count(), type(record).objects.get(pk=record.pk).version) == before


@pytest.mark.parametrize(("endpoint", "role"), writer_cases())
def test_it_lets_a_writer_change_a_record(world, endpoint, role):
    record = endpoint.record(world)
    response = world.client(world.users[role]).patch(
        endpoint.detail_url(record.pk), endpoint.patch(world), format="json"
    )
    assert response.status_code == 200, response.data
    assert response.data["version"] == record.version + 1


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_lets_the_creator_role_create(world, endpoint):
    response = world.client(endpoint.creator_user(world)).post(
        endpoint.list_url, endpoint.create(world), format="json"
    )
    assert response.status_code == 201, response.data
    assert endpoint.model.objects.filter(pk=response.data["id"]).exists()


@pytest.mark.parametrize(("endpoint", "role"), cases(DELETABLE, [Role.PROGRAM_ADMIN]))
def test_it_lets_a_writer_delete_a_record_nothing_depends_on(world, endpoint, role):
    record = endpoint.fresh(world)
    response = world.client(world.users[role]).delete(endpoint.detail_url(record.pk))
    assert response.status_code == 204
    assert not endpoint.model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    ("role", "endpoint_name", "expected"),
    [
        (Role.SCHOOL_OFFICE, "schools", lambda w: {w.a.school}),
        (Role.SCHOOL_ADMIN, "spaces", lambda w: {w.a.space}),
        (Role.SRO, "schools", lambda w: {w.a.school}),
        (Role.SCHOOL_OFFICE, "officers", lambda w: {w.a.officer}),
        (Role.SCHOOL_OFFICE, "assignments", lambda w: {w.a.assignment}),
        (Role.DIVISION_LEAD, "schools", lambda w: {w.a.school, w.a.other_school}),
        (Role.PROGRAM_ADMIN, "schools", lambda w: {w.a.school, w.a.other_school}),
        (Role.EVALUATOR, "officers", lambda w: set()),
        (Role.TIP_PARTNER, "schools", lambda w: set()),
        (Role.AGENCY_CONTACT, "programs", lambda w: set()),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_scopes_lists_as_the_roles_table_says(world, role, endpoint_name, expected):
    listed = {row["id"] for row in api_rows(world.client(world.users[role]), f"/api/v1/{endpoint_name}/")}
    assert listed == {record.pk for record in expected(world)}
