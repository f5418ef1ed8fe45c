"""A division picks a preset for a school year and adjusts it; only admins and its own lead may."""

import pytest

from srohub.core.roles import Role
from srohub.core.testing import OrganizationFactory
from srohub.drills.models import Requirement, RequirementSet

pytestmark = pytest.mark.django_db


def create(client, world, division=None, **extra):
    payload = {
        "division": (division or world.a.division).pk,
        "school_year": "2025-2026",
        "preset": "ontario",
        **extra,
    }
    return client.post("/api/v1/drill-requirement-sets/", payload, format="json")


def test_it_fills_a_division_set_from_a_preset(world):
    response = create(world.client(world.users[Role.DIVISION_LEAD]), world)
    assert response.status_code == 201, response.data
    types = {r["drill_type"]: r for r in response.data["requirements"]}
    assert types["evacuation"]["per_term"] == 3 and "O.Reg 213/07" in types["evacuation"]["source"]
    assert response.data["terms"][0]["start"] == "09-01"


def test_it_lets_the_division_adjust_counts_terms_and_intervals(world):
    lead = world.client(world.users[Role.DIVISION_LEAD])
    set_id = create(lead, world).data["id"]
    requirement = Requirement.objects.get(requirement_set_id=set_id, drill_type="lockdown")
    assert (
        lead.patch(
            f"/api/v1/drill-requirements/{requirement.pk}/", {"per_year": 3, "unannounced": 1}, format="json"
        ).status_code
        == 200
    )
    semesters = [
        {"key": "s1", "label": "Semester 1", "start": "09-01", "end": "01-31"},
        {"key": "s2", "label": "Semester 2", "start": "02-01", "end": "06-30"},
    ]
    response = lead.patch(
        f"/api/v1/drill-requirement-sets/{set_id}/",
        {"terms": semesters, "overdue_interval_days": 7},
        format="json",
    )
    assert response.status_code == 200, response.data
    added = lead.post(
        "/api/v1/drill-requirements/",
        {"requirement_set": set_id, "drill_type": "shelter_in_place", "per_year": 1},
        format="json",
    )
    assert added.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"terms": [{"key": "a", "start": "12-01", "end": "09-01"}]}, "terms"),
        ({"overdue_interval_days": 0}, "overdue_interval_days"),
    ],
)
def test_it_refuses_bad_rule_changes(world, payload, field):
    lead = world.client(world.users[Role.DIVISION_LEAD])
    set_id = create(lead, world).data["id"]
    response = lead.patch(f"/api/v1/drill-requirement-sets/{set_id}/", payload, format="json")
    assert response.status_code == 400 and field in response.data


def test_it_refuses_more_unannounced_than_drills(world):
    lead = world.client(world.users[Role.DIVISION_LEAD])
    set_id = create(lead, world).data["id"]
    requirement = Requirement.objects.get(requirement_set_id=set_id, drill_type="lockdown")
    response = lead.patch(f"/api/v1/drill-requirements/{requirement.pk}/", {"unannounced": 5}, format="json")
    assert response.status_code == 400 and "unannounced" in response.data


def test_it_refuses_a_second_set_for_the_same_year_and_a_bad_year(world):
    lead = world.client(world.users[Role.DIVISION_LEAD])
    create(lead, world)
    assert create(lead, world).status_code == 400
    assert create(lead, world, school_year="2025-2027").status_code == 400
    assert RequirementSet.objects.filter(division=world.a.division, school_year="2025-2026").count() == 1


def test_it_keeps_a_division_lead_to_their_own_division(world):
    other = OrganizationFactory(program=world.a.program)
    assert create(world.client(world.users[Role.DIVISION_LEAD]), world, division=other).status_code == 403
    assert create(world.client(world.users[Role.PROGRAM_ADMIN]), world, division=other).status_code == 201
    assert create(world.client(world.users[Role.SCHOOL_ADMIN]), world).status_code == 403


def test_it_shows_school_roles_their_divisions_rules_only(world):
    create(world.client(world.users[Role.PROGRAM_ADMIN]), world)
    other = OrganizationFactory(program=world.a.program)
    create(world.client(world.users[Role.PROGRAM_ADMIN]), world, division=other)
    visible = RequirementSet.objects.visible_to(world.users[Role.SCHOOL_ADMIN])
    assert set(visible.values_list("division_id", flat=True)) == {world.a.division.pk}
    assert not RequirementSet.objects.visible_to(world.outsider).filter(program=world.a.program).exists()
