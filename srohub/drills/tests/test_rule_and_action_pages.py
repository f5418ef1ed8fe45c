"""The web forms for a division's drill rules (pick a preset, adjust it) and for corrective actions
(owner, due date, close), by persona: bad input is a form error with nothing written."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.core.testing import UserFactory
from srohub.drills import rule_services
from srohub.drills.models import ActionStatus, CorrectiveAction, Requirement, RequirementSet
from srohub.drills.tests.helpers import started_drill

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rule_set(world):
    return rule_services.requirement_set_create(
        actor=world.users[Role.PROGRAM_ADMIN],
        division=world.a.division,
        school_year="2025-2026",
        preset="alberta_epsb",
    )


def test_it_lets_a_division_lead_pick_a_preset(world):
    lead = signed_in(world.users[Role.DIVISION_LEAD])
    assert lead.get("/drills/rules/new/").status_code == 200
    response = lead.post(
        "/drills/rules/new/", {"division": world.a.division.pk, "school_year": "2026-2027", "preset": "ontario"}
    )
    created = RequirementSet.objects.get(division=world.a.division, school_year="2026-2027")
    assert response.status_code == 302 and response.url == f"/drills/rules/{created.pk}/"
    assert set(created.requirements.values_list("drill_type", "per_year")) == {("lockdown", 2), ("evacuation", 6)}
    page = lead.get(response.url)
    assert page.status_code == 200 and b"Adjust terms and notices" in page.content
    assert lead.get("/drills/rules/").status_code == 200


def test_it_refuses_a_second_set_for_the_year_as_a_form_error(world, rule_set):
    response = signed_in(world.users[Role.DIVISION_LEAD]).post(
        "/drills/rules/new/", {"division": world.a.division.pk, "school_year": "2025-2026", "preset": "ontario"}
    )
    assert response.status_code == 200 and b"already has rules" in response.content
    assert RequirementSet.objects.filter(division=world.a.division, school_year="2025-2026").count() == 1


def test_it_adjusts_terms_and_intervals(world, rule_set):
    lead = signed_in(world.users[Role.DIVISION_LEAD])
    form = {
        "terms": "s1 | Semester 1 | 09-01 | 01-31\ns2 | Semester 2 | 02-01 | 06-30",
        "reminder_lead_days": 21,
        "overdue_interval_days": 7,
        "retention_years": 5,
        "version": rule_set.version,
    }
    assert lead.post(f"/drills/rules/{rule_set.pk}/edit/", form).status_code == 302
    rule_set.refresh_from_db()
    assert [t["key"] for t in rule_set.terms] == ["s1", "s2"]
    assert (rule_set.reminder_lead_days, rule_set.overdue_interval_days, rule_set.retention_years) == (21, 7, 5)


@pytest.mark.parametrize(
    "terms",
    [
        "fall | Fall | 09-01 | 12-31\nspring | Spring | 12-01 | 06-30",  # overlapping
        "fall | Fall | 09-01",  # a missing boundary
        "fall | Fall | 13-01 | 12-31",  # no such month
    ],
)
def test_it_refuses_bad_terms_and_changes_nothing(world, rule_set, terms):
    before = list(rule_set.terms)
    form = {
        "terms": terms,
        "reminder_lead_days": 30,
        "overdue_interval_days": 14,
        "retention_years": 3,
        "version": rule_set.version,
    }
    response = signed_in(world.users[Role.DIVISION_LEAD]).post(f"/drills/rules/{rule_set.pk}/edit/", form)
    assert response.status_code == 200 and b"form-errors" in response.content
    rule_set.refresh_from_db()
    assert rule_set.terms == before


def test_it_adjusts_a_requirement_and_refuses_more_unannounced_than_drills(world, rule_set):
    lockdown = rule_set.requirements.get(drill_type="lockdown")
    lead = signed_in(world.users[Role.DIVISION_LEAD])
    url = f"/drills/rules/requirements/{lockdown.pk}/edit/"
    bad = lead.post(url, {"per_year": 2, "per_term": 0, "unannounced": 3, "version": lockdown.version})
    assert bad.status_code == 200 and b"Cannot exceed the number per school year." in bad.content
    good = {"per_year": 3, "per_term": 1, "unannounced": 1, "varied_times": "on", "version": lockdown.version}
    assert lead.post(url, good).status_code == 302
    lockdown.refresh_from_db()
    assert (lockdown.per_year, lockdown.per_term, lockdown.unannounced, lockdown.varied_times) == (3, 1, 1, True)


def test_it_adds_a_drill_type_once(world, rule_set):
    lead = signed_in(world.users[Role.DIVISION_LEAD])
    url = f"/drills/rules/{rule_set.pk}/requirements/new/"
    form = {"drill_type": "hold_and_secure", "per_year": 1, "per_term": 0, "unannounced": 0}
    assert lead.post(url, form).status_code == 302
    again = lead.post(url, form)
    assert again.status_code == 200 and b"already has a requirement" in again.content
    assert Requirement.objects.filter(requirement_set=rule_set, drill_type="hold_and_secure").count() == 1


def test_it_keeps_rule_forms_from_readers_and_outsiders(world, rule_set):
    principal = signed_in(world.users[Role.SCHOOL_ADMIN])
    assert principal.get(f"/drills/rules/{rule_set.pk}/").status_code == 200
    assert principal.get(f"/drills/rules/{rule_set.pk}/edit/").status_code == 403
    assert principal.get("/drills/rules/new/").status_code == 403
    assert signed_in(world.outsider).get(f"/drills/rules/{rule_set.pk}/edit/").status_code == 404


# ---------------------------------------------------------------- corrective actions


def test_it_opens_follows_and_closes_an_action_from_the_pages(world):
    drill, _ = started_drill(world)
    principal = signed_in(world.users[Role.SCHOOL_ADMIN])
    due = timezone.localdate() + timedelta(days=10)
    response = principal.post(
        f"/drills/{drill.pk}/actions/new/",
        {"description": "Fix the gym door closer", "owner": world.users[Role.SRO].pk, "due_on": due.isoformat()},
    )
    assert response.status_code == 302, response.content[:500]
    action = CorrectiveAction.objects.get(drill=drill, description="Fix the gym door closer")
    assert (action.owner, action.due_on, action.status) == (world.users[Role.SRO], due, ActionStatus.OPEN)
    later = due + timedelta(days=7)
    edit = {"description": action.description, "owner": action.owner_id, "due_on": later, "version": action.version}
    assert principal.post(f"/drills/actions/{action.pk}/edit/", edit).status_code == 302
    refused = principal.post(f"/drills/actions/{action.pk}/close/", {"closing_note": ""})
    assert refused.status_code == 200
    action.refresh_from_db()
    assert (action.due_on, action.status) == (later, ActionStatus.OPEN)
    closed = principal.post(f"/drills/actions/{action.pk}/close/", {"closing_note": "Closer replaced."})
    assert closed.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_on, action.closing_note) == (
        ActionStatus.CLOSED,
        timezone.localdate(),
        "Closer replaced.",
    )
    assert b"Closer replaced." in principal.get(f"/drills/{drill.pk}/").content
    assert b"Fix the gym door closer" in principal.get("/drills/actions/?status=closed").content


def test_it_offers_no_owner_from_another_school(world):
    drill, _ = started_drill(world)
    elsewhere = UserFactory(username="other-principal")
    Membership.objects.create(
        program=world.a.program, user=elsewhere, role=Role.SCHOOL_ADMIN, school=world.a.other_school
    )
    response = signed_in(world.users[Role.SCHOOL_ADMIN]).post(
        f"/drills/{drill.pk}/actions/new/",
        {"description": "Blinds", "owner": elsewhere.pk, "due_on": date(2030, 1, 1).isoformat()},
    )
    assert response.status_code == 200 and not CorrectiveAction.objects.filter(description="Blinds").exists()


def test_it_keeps_action_pages_from_the_office_and_outsiders(world):
    action = world.a.extras["corrective_action"]
    assert signed_in(world.users[Role.SCHOOL_OFFICE]).get("/drills/actions/").status_code == 403
    assert signed_in(world.users[Role.DIVISION_LEAD]).get(f"/drills/actions/{action.pk}/edit/").status_code == 403
    assert signed_in(world.outsider).get(f"/drills/actions/{action.pk}/close/").status_code == 404
    drill, _ = started_drill(world)
    assert signed_in(world.users[Role.DIVISION_LEAD]).get(f"/drills/{drill.pk}/actions/new/").status_code == 403
