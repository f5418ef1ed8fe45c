"""Bad input is a 400 with a message on the field, and nothing is written — never a 500.

The per-field cases are derived from each endpoint's input serializer, so a field added tomorrow
is fuzzed tomorrow; domain rules (periods, one primary SRO, scope of a membership) have their own
table; a hypothesis test posts random payloads to every create endpoint.
"""

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework import serializers

from srohub.audit.models import AuditEvent
from srohub.core.api import ScopedRelatedField
from srohub.core.roles import Role
from srohub.core.testing import ENDPOINTS, ENDPOINTS_BY_NAME, record_of_program

pytestmark = pytest.mark.django_db

MISSING = object()
ANOTHER_PROGRAM = object()  # replaced, when the test runs, by the id of program B's record


@dataclass(frozen=True)
class BadValue:
    field: str
    label: str
    value: Any


def input_serializer(endpoint) -> serializers.Serializer:
    return resolve(endpoint.list_url).func.cls.input_serializer_class()


def bad_values_for(name: str, field: serializers.Field) -> list[BadValue]:
    """The wrong values worth sending to ``field``, by what kind of field it is."""
    values = [("object", {"nested": 1})]
    if field.required:
        values.append(("missing", MISSING))
    if not field.allow_null:
        values.append(("null", None))
    values += _by_kind(field)
    return [BadValue(name, label, value) for label, value in values]


def _by_kind(field) -> list[tuple[str, Any]]:
    if isinstance(field, serializers.ManyRelatedField):
        return [("not-a-list", 5), ("another-program", [ANOTHER_PROGRAM]), ("unknown-id", [987654321])]
    if isinstance(field, ScopedRelatedField):
        return [
            ("another-program", ANOTHER_PROGRAM),
            ("unknown-id", 987654321),
            ("huge-id", 10**30),
            ("text", "abc"),
            ("fraction", 1.5),
            ("boolean", True),
        ]
    if isinstance(field, serializers.SlugRelatedField):
        return [("unknown", "nobody-by-this-name")]
    if isinstance(field, serializers.ChoiceField):
        return [("unknown-choice", "no-such-choice"), ("list", ["x"])]
    if isinstance(field, serializers.BooleanField):
        return [("text", "perhaps")]
    if isinstance(field, serializers.DateField):
        return [("not-a-date", "2024-13-45"), ("number", 20240101), ("datetime", "2024-01-01T10:00:00")]
    if isinstance(field, serializers.IntegerField):
        return [("text", "abc"), ("huge", 10**30), ("fraction", 1.5), ("negative", -1)]
    if isinstance(field, serializers.DecimalField):
        return [("text", "abc"), ("huge", "1e400"), ("too-many-digits", "123456789.123456")]
    if isinstance(field, serializers.FileField):
        return [("not-a-file", "contract.pdf")]
    if isinstance(field, serializers.CharField):
        return _text_values(field)
    return []


def _text_values(field: serializers.CharField) -> list[tuple[str, Any]]:
    values = [("list", ["a"]), ("nul-character", "a\x00b")]
    if field.max_length:
        values.append(("too-long", "x" * (field.max_length + 1)))
    if not field.allow_blank:
        values.append(("blank", ""))
    if isinstance(field, serializers.EmailField | serializers.URLField):
        values.append(("malformed", "not an address"))
    return values


def field_cases():
    """One test per endpoint and input field; it sends every bad value of that field in turn."""
    for endpoint in ENDPOINTS:
        for name in input_serializer(endpoint).fields:
            yield pytest.param(endpoint, name, id=f"{endpoint}-{name}")


def bad_values_of(endpoint, name: str, *, for_update: bool) -> list[BadValue]:
    values = bad_values_for(name, input_serializer(endpoint).fields[name])
    return [bad for bad in values if not (for_update and bad.value is MISSING)]


def concrete(value, field_name: str, endpoint, world):
    """Fill in the placeholders: program B's record of the field's model."""
    if value is ANOTHER_PROGRAM:
        related = input_serializer(endpoint).fields[field_name]
        model = getattr(related, "child_relation", related).scoped_model
        return record_of_program(model, world.b.program).pk
    if isinstance(value, list):
        return [concrete(item, field_name, endpoint, world) for item in value]
    return value


def with_bad_value(payload: dict, bad: BadValue, endpoint, world) -> dict:
    payload = dict(payload)
    if bad.value is MISSING:
        payload.pop(bad.field, None)
    else:
        payload[bad.field] = concrete(bad.value, bad.field, endpoint, world)
    return payload


def footprint(model) -> tuple[int, int, list]:
    """What a refused write must leave untouched: the rows, their versions, and the audit trail."""
    versions = list(model.objects.order_by("pk").values_list("pk", "version"))
    return model.objects.count(), AuditEvent.objects.count(), versions


def writer_of(endpoint, world):
    return world.users[sorted(endpoint.writers)[0]]


def assert_refused(response, bad: BadValue, payload: dict):
    case = f"{bad.field} = {bad.label}: sent {payload!r}"
    assert response.status_code == 400, f"{case}, got {response.status_code} {response.content[:300]!r}"
    assert bad.field in response.data, f"{case}, no message on the field: {response.data}"


@pytest.mark.parametrize(("endpoint", "name"), field_cases())
def test_it_refuses_a_bad_field_on_create(world, endpoint, name):
    client = world.client(endpoint.creator_user(world))
    for bad in bad_values_of(endpoint, name, for_update=False):
        payload = with_bad_value(endpoint.create(world), bad, endpoint, world)
        before = footprint(endpoint.model)
        assert_refused(client.post(endpoint.list_url, payload, format="json"), bad, payload)
        assert footprint(endpoint.model) == before, f"{bad.label} wrote something"


@pytest.mark.parametrize(("endpoint", "name"), field_cases())
def test_it_refuses_a_bad_field_on_update(world, endpoint, name):
    client = world.client(writer_of(endpoint, world))
    url = endpoint.detail_url(endpoint.record(world).pk)
    for bad in bad_values_of(endpoint, name, for_update=True):
        payload = with_bad_value({}, bad, endpoint, world)
        before = footprint(endpoint.model)
        assert_refused(client.patch(url, payload, format="json"), bad, payload)
        assert footprint(endpoint.model) == before, f"{bad.label} wrote something"


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.name != "programs"], ids=str)
def test_it_says_the_same_about_another_programs_id_and_a_missing_one(world, endpoint):
    name, _field = next(
        (n, f) for n, f in input_serializer(endpoint).fields.items() if isinstance(f, ScopedRelatedField)
    )
    client = world.client(endpoint.creator_user(world))
    answers = [
        client.post(endpoint.list_url, {**endpoint.create(world), name: value}, format="json").data[name]
        for value in (concrete(ANOTHER_PROGRAM, name, endpoint, world), 987654321)
    ]
    assert [[error.code for error in errors] for errors in answers] == [
        ["does_not_exist"],
        ["does_not_exist"],
    ]


@pytest.mark.parametrize(
    "body",
    ["{not json", "[1, 2]", '"a string"', "", "null"],
    ids=["malformed", "list", "string", "empty", "null"],
)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_refuses_a_body_that_is_not_a_json_object(world, endpoint, body):
    before = footprint(endpoint.model)
    response = world.client(endpoint.creator_user(world)).post(
        endpoint.list_url, body, content_type="application/json"
    )
    assert response.status_code == 400
    assert footprint(endpoint.model) == before


# ---------------------------------------------------------------- the domain's own rules


def _second_primary(w):
    return {
        "officer": w.a.other_officer.pk,
        "school": w.a.school.pk,
        "role": "primary",
        "start_date": "2023-01-09",
        "end_date": None,
    }


def _same_officer_twice(w):
    return {
        "officer": w.a.officer.pk,
        "school": w.a.school.pk,
        "role": "backup",
        "start_date": "2021-01-04",
        "end_date": None,
    }


DOMAIN_CASES = [
    # (endpoint, payload on top of a valid one, field expected in the answer, words expected in its message)
    ("assignments", lambda w: {"start_date": "2024-09-01", "end_date": "2024-08-31"}, "end_date", "before"),
    ("assignments", _second_primary, "start_date", "already has a primary SRO"),
    ("assignments", _same_officer_twice, "start_date", "already assigned"),
    (
        "agreements",
        lambda w: {"effective_from": "2024-09-01", "effective_to": "2023-09-01"},
        "effective_to",
        "before",
    ),
    (
        "organizations",
        lambda w: {"partner_since": "2024-09-01", "partner_until": "2020-01-01"},
        "partner_until",
        "before",
    ),
    ("schools", lambda w: {"division": w.a.police.pk}, "division", "school division"),
    ("schools", lambda w: {"code": w.a.school.code}, "non_field_errors", "already exists"),
    ("schools", lambda w: {"latitude": "10.00000"}, "latitude", "greater than or equal"),
    ("officers", lambda w: {"police_service": w.a.division.pk}, "police_service", "police service"),
    ("officers", lambda w: {"badge_number": w.a.officer.badge_number}, "non_field_errors", "already exists"),
    ("officers", lambda w: {"phone": "call me"}, "phone", "phone number"),
    ("memberships", lambda w: {"role": Role.SCHOOL_OFFICE}, "school", "names its school"),
    (
        "memberships",
        lambda w: {"role": Role.DIVISION_LEAD, "organization": w.a.police.pk},
        "organization",
        "school division",
    ),
    (
        "memberships",
        lambda w: {"user": w.users[Role.EVALUATOR].username, "role": Role.EVALUATOR},
        "role",
        "already has this role",
    ),
    ("programs", lambda w: {"time_zone": "Mars/Olympus_Mons"}, "time_zone", "time zone"),
    ("programs", lambda w: {"slug": w.a.program.slug}, "slug", "already exists"),
]


@pytest.mark.parametrize(
    ("endpoint_name", "changes", "field", "words"),
    DOMAIN_CASES,
    ids=[f"{case[0]}-{case[2]}-{case[3]}" for case in DOMAIN_CASES],
)
def test_it_refuses_what_the_domain_rules_forbid_with_a_clear_message(
    world, endpoint_name, changes, field, words
):
    endpoint = ENDPOINTS_BY_NAME[endpoint_name]
    before = footprint(endpoint.model)
    response = world.client(endpoint.creator_user(world)).post(
        endpoint.list_url, {**endpoint.create(world), **changes(world)}, format="json"
    )
    assert response.status_code == 400, response.data
    assert words in " ".join(str(message) for message in response.data[field]), response.data
    assert footprint(endpoint.model) == before


@pytest.mark.parametrize(
    ("endpoint_name", "changes", "field"),
    [
        ("assignments", {"end_date": "2019-01-01"}, "end_date"),  # before the record's start (2020-09-01)
        ("assignments", {"role": "primary", "officer": "other"}, "officer"),
        ("spaces", {"school": "other"}, "school"),
    ],
)
def test_it_refuses_an_update_that_breaks_the_record(world, endpoint_name, changes, field):
    endpoint = ENDPOINTS_BY_NAME[endpoint_name]
    others = {"officer": world.a.other_officer.pk, "school": world.a.other_school.pk}
    payload = {key: others[key] if value == "other" else value for key, value in changes.items()}
    before = footprint(endpoint.model)
    response = world.client(world.users[Role.PROGRAM_ADMIN]).patch(
        endpoint.detail_url(endpoint.record(world).pk), payload, format="json"
    )
    assert response.status_code == 400 and field in response.data, response.data
    assert footprint(endpoint.model) == before


def test_it_refuses_a_primary_whose_period_overlaps_an_ended_one(world):
    world.a.assignment.end_date = "2022-06-30"
    world.a.assignment.save()
    client = world.client(world.users[Role.SRO_SUPERVISOR])
    base = {"officer": world.a.other_officer.pk, "school": world.a.school.pk, "role": "primary"}
    overlapping = client.post("/api/v1/assignments/", {**base, "start_date": "2022-06-30"}, format="json")
    after_it = client.post("/api/v1/assignments/", {**base, "start_date": "2022-07-01"}, format="json")
    assert overlapping.status_code == 400 and "already has a primary SRO" in str(
        overlapping.data["start_date"]
    )
    assert after_it.status_code == 201


# ---------------------------------------------------------------- concurrent edits


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_it_refuses_an_edit_based_on_a_stale_version_with_409(world, endpoint):
    client = world.client(writer_of(endpoint, world))
    url = endpoint.detail_url(endpoint.record(world).pk)
    read_version = client.get(url).data["version"]
    first = client.patch(url, {**endpoint.patch(world), "version": read_version}, format="json")
    before = footprint(endpoint.model)
    second = client.patch(url, {**_another_patch(endpoint, world), "version": read_version}, format="json")
    assert first.status_code == 200 and second.status_code == 409, (first.data, second.data)
    assert second.data["code"] == "conflict"
    assert footprint(endpoint.model) == before


def _another_patch(endpoint, world) -> dict:
    """A change that differs from ``endpoint.patch``, so the second edit would really change something."""
    return {
        "memberships": {"role": Role.EVALUATOR},
        "programs": {"duty_phone": "204-555-0111"},
        "organizations": {"phone": "204-555-0166"},
        "spaces": {"floor": "3"},
        "schools": {"enrolment": 333},
        "officers": {"rank": "Constable First Class"},
    }.get(endpoint.name) or endpoint.patch(world)


# ---------------------------------------------------------------- random payloads

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=250)
    | st.dates().map(str),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=4,
)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_it_answers_random_payloads_with_201_or_400_and_writes_only_on_201(world, endpoint, data):
    names = sorted(input_serializer(endpoint).fields)
    payload = {**endpoint.create(world), **data.draw(st.dictionaries(st.sampled_from(names), json_values))}
    for name in data.draw(st.sets(st.sampled_from(names))):
        payload.pop(name, None)
    client = world.client(endpoint.creator_user(world))
    rows, events, _ = footprint(endpoint.model)
    response = client.post(endpoint.list_url, json.dumps(payload), content_type="application/json")
    assert response.status_code in (201, 400), (payload, response.status_code, response.content[:500])
    written = 1 if response.status_code == 201 else 0
    assert footprint(endpoint.model)[:2] == (rows + written, events + written)


def test_it_has_a_record_in_program_b_for_every_related_field_it_fuzzes(world):
    for endpoint in ENDPOINTS:
        for field in input_serializer(endpoint).fields.values():
            related = getattr(field, "child_relation", field)
            if isinstance(related, ScopedRelatedField):
                assert record_of_program(related.scoped_model, world.b.program) is not None, (
                    related.scoped_model
                )
