"""Territory design as the supervisor uses it: design, review beside today's assignments, edit,
accept (assignments through the directory service) or set aside; refusals change nothing."""

from datetime import date

import pytest
from django.test import Client

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.directory.models import Assignment, AssignmentRole
from srohub.planning.models import ProposalStatus, TerritoryProposal

pytestmark = pytest.mark.django_db
START = date(2031, 9, 1)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def designed(world) -> tuple[Client, TerritoryProposal]:
    client = client_for(world.users[Role.SRO_SUPERVISOR])
    response = client.post("/plan/territories/", {"seconds": 5})
    proposal = TerritoryProposal.objects.filter(program=world.a.program).latest("created_at")
    assert response.status_code == 302 and response["Location"].endswith(f"/{proposal.pk}/")
    return client, proposal


def primary_on(school, day):
    return Assignment.objects.active_on(day).get(school=school, role=AssignmentRole.PRIMARY).officer


def test_it_designs_and_shows_the_proposal_beside_todays_assignments(world):
    client, proposal = designed(world)
    assert set(proposal.assignment) == {str(world.a.school.pk), str(world.a.other_school.pk)}
    page = client.get(f"/plan/territories/{proposal.pk}/?show=all").content.decode()
    assert world.a.school.name in page and world.a.other_school.name in page
    assert world.a.officer.name in page and world.a.other_officer.name in page
    assert "Workload per officer" in page


def test_it_applies_an_edit_and_accepts_through_the_directory(world):
    client, proposal = designed(world)
    edit = client.post(
        f"/plan/territories/{proposal.pk}/",
        {"form": "edit", "edit-school": world.a.school.pk, "edit-officer": world.a.other_officer.pk},
    )
    proposal.refresh_from_db()
    assert edit.status_code == 302 and proposal.assignment[str(world.a.school.pk)] == world.a.other_officer.pk
    assert AuditEvent.objects.filter(object_id=str(proposal.pk), action="update").exists()
    review = client.get(f"/plan/territories/{proposal.pk}/").content.decode()
    assert world.a.school.name in review  # the edited school is listed among the changes
    accepted = client.post(
        f"/plan/territories/{proposal.pk}/", {"form": "accept", "accept-start_date": START.isoformat()}
    )
    proposal.refresh_from_db()
    assert accepted.status_code == 302 and proposal.status == ProposalStatus.ACCEPTED
    assert primary_on(world.a.school, START) == world.a.other_officer
    assert primary_on(world.a.school, date(2031, 8, 31)) == world.a.officer  # ended the day before


def test_it_refuses_a_french_school_for_an_officer_who_does_not_speak_french(world):
    world.a.school.language = "fr"
    world.a.school.save()
    world.a.officer.speaks_french = True
    world.a.officer.save()
    client, proposal = designed(world)
    before = dict(proposal.assignment)
    response = client.post(
        f"/plan/territories/{proposal.pk}/",
        {"form": "edit", "edit-school": world.a.school.pk, "edit-officer": world.a.other_officer.pk},
    )
    proposal.refresh_from_db()
    assert response.status_code == 400 and "French-speaking" in response.content.decode()
    assert proposal.assignment == before


@pytest.mark.parametrize(
    "edits",
    [
        lambda w: {str(w.b.school.pk): w.a.officer.pk},  # a school of another program
        lambda w: {str(w.a.school.pk): w.b.officer.pk},  # an officer of another program
        lambda w: {"not-a-school": w.a.officer.pk},
    ],
)
def test_it_answers_a_bad_edit_with_400_and_changes_no_assignment(world, edits):
    _, proposal = designed(world)
    before = Assignment.objects.count()
    response = world.client(world.users[Role.SRO_SUPERVISOR]).post(
        f"/api/v1/territory-proposals/{proposal.pk}/accept/",
        {"start_date": START.isoformat(), "edits": edits(world)},
        format="json",
    )
    proposal.refresh_from_db()
    assert response.status_code == 400 and "edits" in response.data
    assert Assignment.objects.count() == before and proposal.status == ProposalStatus.PROPOSED


def test_it_sets_a_proposal_aside_and_then_refuses_to_accept_it(world):
    client, proposal = designed(world)
    assert client.post(f"/plan/territories/{proposal.pk}/discard/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DISCARDED
    before = Assignment.objects.count()
    refused = client.post(
        f"/plan/territories/{proposal.pk}/", {"form": "accept", "accept-start_date": START.isoformat()}
    )
    assert refused.status_code == 400 and Assignment.objects.count() == before


@pytest.mark.parametrize("role", [Role.SCHOOL_ADMIN, Role.SRO, Role.DIVISION_LEAD])
def test_it_keeps_territory_design_to_planners(world, role):
    client = client_for(world.users[role])
    assert client.get("/plan/territories/").status_code == 403
    assert client.post("/plan/territories/", {"seconds": 5}).status_code == 403
    assert not TerritoryProposal.objects.filter(program=world.a.program, assignment__gt={}).exists()
