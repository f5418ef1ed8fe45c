"""Filtering, ordering, search and pagination of the REST lists (as a program admin sees them)."""

from datetime import date

import pytest

from srohub.accounts.models import Membership
from srohub.core.pagination import Pagination
from srohub.core.roles import Role
from srohub.core.testing import (
    AgreementFactory,
    AssignmentFactory,
    OfficerFactory,
    OrganizationFactory,
    SchoolFactory,
    SpaceFactory,
    api_rows,
)

pytestmark = pytest.mark.django_db


def ids(rows) -> set[int]:
    return {row["id"] for row in rows}


def admin_rows(world, url: str) -> list[dict]:
    return api_rows(world.client(world.users[Role.PROGRAM_ADMIN]), url)


# Each case: (list, builds the records that tell the filter apart and returns (query, expected records)).
FILTER_CASES = {
    "schools-by-level": (
        "schools",
        lambda w: (
            "level=elementary",
            [SchoolFactory(program=w.a.program, division=w.a.division, level="elementary")],
        ),
    ),
    "schools-by-division": ("schools", lambda w: _schools_of_new_division(w)),
    "schools-inactive": (
        "schools",
        lambda w: (
            "is_active=false",
            [SchoolFactory(program=w.a.program, division=w.a.division, is_active=False)],
        ),
    ),
    "organizations-by-kind": ("organizations", lambda w: ("kind=police_service", [w.a.police])),
    "agreements-by-partner": ("agreements", lambda w: _agreements_with_a_new_partner(w)),
    "spaces-by-school": (
        "spaces",
        lambda w: (
            f"school={w.a.other_school.pk}",
            [SpaceFactory(school=w.a.other_school, program=w.a.program)],
        ),
    ),
    "spaces-by-kind": (
        "spaces",
        lambda w: ("kind=gym", [SpaceFactory(school=w.a.school, program=w.a.program, kind="gym")]),
    ),
    "officers-by-status": (
        "officers",
        lambda w: (
            "status=on_leave",
            [OfficerFactory(program=w.a.program, police_service=w.a.police, status="on_leave")],
        ),
    ),
    "officers-speaking-french": (
        "officers",
        lambda w: (
            "speaks_french=true",
            [OfficerFactory(program=w.a.program, police_service=w.a.police, speaks_french=True)],
        ),
    ),
    "assignments-by-officer": ("assignments", lambda w: (f"officer={w.a.officer.pk}", [w.a.assignment])),
    "assignments-by-role": (
        "assignments",
        lambda w: (
            "role=backup",
            [AssignmentFactory(officer=w.a.officer, school=w.a.other_school, role="backup")],
        ),
    ),
    "assignments-active-on": (
        "assignments",
        lambda w: (
            "active_on=2019-03-01",
            [
                AssignmentFactory(
                    officer=w.a.officer,
                    school=w.a.other_school,
                    role="backup",
                    start_date=date(2018, 9, 1),
                    end_date=date(2019, 6, 30),
                )
            ],
        ),
    ),
    "memberships-by-role": (
        "memberships",
        lambda w: ("role=school_office", [Membership.objects.get(user=w.users[Role.SCHOOL_OFFICE])]),
    ),
}


def _agreements_with_a_new_partner(world):
    ministry = OrganizationFactory(program=world.a.program, kind="ministry")
    return f"partner={ministry.pk}", [
        AgreementFactory(program=world.a.program, partners=[ministry, world.a.police])
    ]


def _schools_of_new_division(world):
    division = OrganizationFactory(program=world.a.program)
    return f"division={division.pk}", [SchoolFactory(program=world.a.program, division=division)]


@pytest.mark.parametrize("case", FILTER_CASES)
def test_it_filters_lists(world, case):
    endpoint, build = FILTER_CASES[case]
    query, expected = build(world)
    everything = ids(admin_rows(world, f"/api/v1/{endpoint}/"))
    filtered = ids(admin_rows(world, f"/api/v1/{endpoint}/?{query}"))
    assert filtered == {record.pk for record in expected}
    assert filtered < everything, "the filter must leave something out, or it proves nothing"


@pytest.mark.parametrize(
    ("endpoint", "field", "b_record"),
    [
        ("schools", "program", lambda w: w.b.program),
        ("schools", "division", lambda w: w.b.division),
        ("spaces", "school", lambda w: w.b.school),
        ("officers", "police_service", lambda w: w.b.police),
        ("assignments", "officer", lambda w: w.b.officer),
        ("agreements", "partner", lambda w: w.b.police),
        ("memberships", "program", lambda w: w.b.program),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_refuses_a_filter_on_another_programs_record_like_a_missing_one(world, endpoint, field, b_record):
    client = world.client(world.users[Role.PROGRAM_ADMIN])
    elsewhere = client.get(f"/api/v1/{endpoint}/?{field}={b_record(world).pk}")
    missing = client.get(f"/api/v1/{endpoint}/?{field}=987654321")
    assert elsewhere.status_code == missing.status_code == 400
    assert elsewhere.data == missing.data and field in elsewhere.data


@pytest.mark.parametrize(
    ("endpoint", "query", "field"),
    [
        ("schools", "level=castle", "level"),
        ("assignments", "active_on=yesterday", "active_on"),
        ("officers", "status=retired", "status"),
        ("schools", "division=abc", "division"),
    ],
)
def test_it_refuses_a_malformed_filter_with_the_field_named(world, endpoint, query, field):
    response = world.client(world.users[Role.PROGRAM_ADMIN]).get(f"/api/v1/{endpoint}/?{query}")
    assert response.status_code == 400 and field in response.data


@pytest.mark.parametrize(
    ("endpoint", "field"),
    [
        ("schools", "name"),
        ("schools", "code"),
        ("schools", "enrolment"),
        ("organizations", "name"),
        ("officers", "last_name"),
        ("officers", "badge_number"),
        ("assignments", "start_date"),
        ("spaces", "sweep_order"),
        ("memberships", "role"),
    ],
)
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_it_orders_lists(world, endpoint, field, descending):
    SchoolFactory(program=world.a.program, division=world.a.division, name="Aaron Elementary", enrolment=12)
    SpaceFactory(school=world.a.school, program=world.a.program, sweep_order=99)
    rows = admin_rows(world, f"/api/v1/{endpoint}/?ordering={'-' if descending else ''}{field}")
    values = [row[field] for row in rows]
    assert len(values) > 1
    assert values == sorted(values, reverse=descending)


@pytest.mark.parametrize(
    ("endpoint", "term", "expected"),
    [
        ("schools", "collegiate", lambda w: [w.a.school]),
        ("officers", lambda w: w.a.other_officer.badge_number, lambda w: [w.a.other_officer]),
        ("organizations", "police", lambda w: [w.a.police]),
        ("spaces", lambda w: w.a.space.name, lambda w: [w.a.space]),
        ("agreements", lambda w: w.a.agreement.title, lambda w: [w.a.agreement]),
        ("assignments", "elementary", lambda w: list(w.a.other_school.assignments.all())),
        (
            "memberships",
            "a_sro_supervisor",
            lambda w: [Membership.objects.get(user=w.users[Role.SRO_SUPERVISOR])],
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_searches_lists(world, endpoint, term, expected):
    term = term(world) if callable(term) else term
    assert ids(admin_rows(world, f"/api/v1/{endpoint}/?search={term}")) == {r.pk for r in expected(world)}


@pytest.fixture
def nine_schools(world):
    for _ in range(7):
        SchoolFactory(program=world.a.program, division=world.a.division)
    return world


def test_it_pages_lists_by_the_requested_page_size(nine_schools):
    client = nine_schools.client(nine_schools.users[Role.PROGRAM_ADMIN])
    first = client.get("/api/v1/schools/?page_size=4").data
    last = client.get("/api/v1/schools/?page_size=4&page=3").data
    assert (first["count"], len(first["results"]), len(last["results"])) == (9, 4, 1)
    assert first["previous"] is None and "page=2" in first["next"] and last["next"] is None
    assert len(ids(api_rows(client, "/api/v1/schools/?page_size=4"))) == 9


def test_it_caps_the_page_size(nine_schools, monkeypatch):
    monkeypatch.setattr(Pagination, "max_page_size", 3)
    response = nine_schools.client(nine_schools.users[Role.PROGRAM_ADMIN]).get(
        "/api/v1/schools/?page_size=100"
    )
    assert len(response.data["results"]) == 3


@pytest.mark.parametrize("query", ["page_size=abc", "page_size=0", "page_size=-5"])
def test_it_falls_back_to_the_default_page_size_on_a_nonsense_one(nine_schools, query):
    response = nine_schools.client(nine_schools.users[Role.PROGRAM_ADMIN]).get(f"/api/v1/schools/?{query}")
    assert response.status_code == 200 and len(response.data["results"]) == 9


@pytest.mark.parametrize("query", ["page=99", "page=abc", "page=0"])
def test_it_answers_a_page_that_does_not_exist_with_404(nine_schools, query):
    response = nine_schools.client(nine_schools.users[Role.PROGRAM_ADMIN]).get(f"/api/v1/schools/?{query}")
    assert response.status_code == 404
