from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.core.scoping import CHANGE, forget_grants, get_for_user
from srohub.core.testing import OrganizationFactory, SchoolFactory, grant_role
from srohub.directory.models import Assignment, Officer, School, Space

pytestmark = pytest.mark.django_db


def test_it_shows_program_wide_roles_every_school_of_their_program(world):
    for role in (Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.EVALUATOR):
        names = set(School.objects.visible_to(world.users[role]).values_list("name", flat=True))
        assert names == {world.a.school.name, world.a.other_school.name}


def test_it_limits_school_roles_to_their_school(world):
    for role in (Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE):
        assert list(School.objects.visible_to(world.users[role])) == [world.a.school]
        assert list(Space.objects.visible_to(world.users[role])) == [world.a.space]


def test_it_limits_an_sro_to_schools_they_are_assigned_to_today(world):
    assert list(School.objects.visible_to(world.users[Role.SRO])) == [world.a.school]


def test_it_shows_a_school_office_only_its_own_officers(world):
    office = world.users[Role.SCHOOL_OFFICE]
    assert list(Officer.objects.visible_to(office)) == [world.a.officer]
    assert list(Assignment.objects.visible_to(office)) == [world.a.assignment]


def test_it_never_crosses_programs(world):
    for model in (School, Space, Officer, Assignment):
        visible = model.objects.visible_to(world.outsider)
        assert visible.exists()
        assert not visible.filter(program=world.a.program).exists()


def test_it_hides_officers_from_evaluators_and_everything_from_tip_partners(world):
    assert not Officer.objects.visible_to(world.users[Role.EVALUATOR]).exists()
    assert not School.objects.visible_to(world.users[Role.TIP_PARTNER]).exists()


def test_it_shows_nothing_to_anonymous_users():
    from django.contrib.auth.models import AnonymousUser

    assert not School.objects.visible_to(AnonymousUser()).exists()


# ---------------------------------------------------------------- grants and their edges


def test_it_gives_a_division_lead_every_school_of_their_division_and_no_other(world):
    elsewhere = SchoolFactory(program=world.a.program, division=OrganizationFactory(program=world.a.program))
    visible = set(School.objects.visible_to(world.users[Role.DIVISION_LEAD]))
    assert visible == {world.a.school, world.a.other_school} and elsewhere not in visible


@pytest.mark.parametrize(
    ("start", "end", "in_scope"),
    [(-30, -1, False), (1, None, False), (-30, 0, True), (0, None, True)],
    ids=["ended-yesterday", "starts-tomorrow", "ends-today", "starts-today"],
)
def test_it_scopes_an_sro_by_the_assignments_in_force_today(world, start, end, in_scope):
    today = timezone.localdate()
    assignment = world.a.assignment
    assignment.start_date = today + timedelta(days=start)
    assignment.end_date = None if end is None else today + timedelta(days=end)
    assignment.save()
    assert (world.a.school in School.objects.visible_to(world.users[Role.SRO])) is in_scope


def test_it_gives_nothing_to_an_inactive_membership_or_an_inactive_program(world):
    admin = world.users[Role.PROGRAM_ADMIN]
    Membership.objects.filter(user=admin).update(is_active=False)
    forget_grants(admin)
    assert not School.objects.visible_to(admin).exists()
    office = world.users[Role.SCHOOL_OFFICE]
    type(world.a.program).objects.filter(pk=world.a.program.pk).update(is_active=False)
    forget_grants(office)
    assert not School.objects.visible_to(office).exists()


def test_it_gives_an_agency_contact_no_school_bound_record(world):
    contact = world.users[Role.AGENCY_CONTACT]
    for model in (School, Space, Officer, Assignment):
        assert not model.objects.visible_to(contact).exists()


@pytest.mark.parametrize("lookup", [{"pk": "not-a-number"}, {"pk": None}, {"pk": 10**30}])
def test_it_answers_a_malformed_id_like_a_missing_record(world, lookup):
    with pytest.raises(Http404):
        get_for_user(School, world.users[Role.PROGRAM_ADMIN], **lookup)


def test_it_answers_a_change_lookup_of_a_read_only_record_like_a_missing_one(world):
    office = world.users[Role.SCHOOL_OFFICE]
    assert get_for_user(School, office, pk=world.a.school.pk) == world.a.school
    with pytest.raises(Http404):
        get_for_user(School, office, CHANGE, pk=world.a.school.pk)


def test_it_combines_the_grants_of_a_user_with_two_roles(world):
    office = world.users[Role.SCHOOL_OFFICE]
    grant_role(office, world.b, Role.SCHOOL_OFFICE)
    forget_grants(office)
    assert set(School.objects.visible_to(office)) == {world.a.school, world.b.school}
