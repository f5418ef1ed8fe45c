"""The directory's writes, below the API: authorization, the one-primary rule, history, audit."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.http import Http404

from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import SYSTEM
from srohub.core.errors import Conflict
from srohub.core.roles import Role
from srohub.core.scoping import forget_grants
from srohub.core.testing import OfficerFactory, OrganizationFactory, SchoolFactory
from srohub.directory import services
from srohub.directory.models import Assignment, AssignmentRole, Program, School

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(world):
    return world.users[Role.SRO_SUPERVISOR]


def assign(world, actor, *, officer=None, school=None, role=AssignmentRole.PRIMARY, start, end=None):
    return services.assignment_create(
        actor=actor,
        officer=officer or world.a.other_officer,
        school=school or world.a.school,
        role=role,
        start_date=start,
        end_date=end,
    )


@pytest.mark.parametrize(
    ("existing_end", "start", "end", "allowed"),
    [
        (None, date(2030, 1, 1), None, False),  # the open primary runs forever
        (date(2022, 6, 30), date(2022, 6, 30), None, False),  # shares the last day
        (date(2022, 6, 30), date(2022, 7, 1), None, True),  # starts the day after
        (date(2022, 6, 30), date(2019, 1, 1), date(2020, 8, 31), True),  # ended before the existing began
        (date(2022, 6, 30), date(2019, 1, 1), date(2020, 9, 1), False),  # ends on its first day
    ],
)
def test_it_keeps_one_primary_officer_per_school_on_any_day(
    world, supervisor, existing_end, start, end, allowed
):
    world.a.assignment.end_date = existing_end
    world.a.assignment.save()
    if allowed:
        assert assign(world, supervisor, start=start, end=end).pk
    else:
        with pytest.raises(ValidationError, match="already has a primary SRO"):
            assign(world, supervisor, start=start, end=end)


def test_it_allows_a_backup_beside_the_primary_but_not_the_same_officer_twice(world, supervisor):
    assert assign(world, supervisor, role=AssignmentRole.BACKUP, start=date(2024, 1, 8)).pk
    with pytest.raises(ValidationError, match="already assigned"):
        assign(world, supervisor, role=AssignmentRole.BACKUP, start=date(2024, 3, 4))


def test_it_ends_an_assignment_and_keeps_it_as_history(world, supervisor):
    ended = services.assignment_end(
        actor=supervisor, assignment=world.a.assignment, end_date=date(2025, 6, 30)
    )
    assert ended.end_date == date(2025, 6, 30) and Assignment.objects.filter(pk=ended.pk).exists()
    assert (
        AuditEvent.objects.filter(
            object_type="directory.assignment", object_id=str(ended.pk), action=AuditAction.UPDATE
        ).count()
        == 1
    )


def test_it_refuses_to_move_an_assignment_to_another_officer(world, supervisor):
    with pytest.raises(ValidationError, match="End this assignment"):
        services.assignment_update(
            actor=supervisor, assignment=world.a.assignment, changes={"officer": world.a.other_officer}
        )


def test_it_refuses_a_stale_version(world, supervisor):
    assignment = world.a.assignment
    services.assignment_update(
        actor=supervisor, assignment=assignment, changes={"note": "one"}, expected_version=assignment.version
    )
    with pytest.raises(Conflict):
        services.assignment_update(
            actor=supervisor,
            assignment=assignment,
            changes={"note": "two"},
            expected_version=assignment.version,
        )


@pytest.mark.parametrize(
    ("role", "error"),
    [(Role.SRO, PermissionDenied), (Role.SCHOOL_OFFICE, PermissionDenied), (Role.EVALUATOR, Http404)],
)
def test_it_refuses_an_assignment_change_by_who_may_only_read_it_or_not_see_it(world, role, error):
    with pytest.raises(error):
        services.assignment_update(
            actor=world.users[role], assignment=world.a.assignment, changes={"end_date": date(2020, 9, 1)}
        )


def test_it_authorizes_an_assignment_before_describing_the_existing_ones(world):
    """A school office may not assign officers: it is told so, not who else is assigned."""
    with pytest.raises(PermissionDenied):
        assign(world, world.users[Role.SCHOOL_OFFICE], start=date(2030, 1, 1))


def test_it_refuses_an_assignment_in_a_program_the_actor_has_no_role_in(world):
    with pytest.raises(PermissionDenied):
        assign(world, world.outsider, start=date(2030, 1, 1))


def test_it_lets_only_the_platform_operator_create_a_program(world):
    with pytest.raises(PermissionDenied):
        services.program_create(actor=world.users[Role.PROGRAM_ADMIN], name="X", slug="x", province="MB")
    assert services.program_create(actor=SYSTEM, name="Y", slug="y", province="MB").pk
    assert not Program.objects.filter(slug="x").exists()


def test_it_records_an_agreement_with_its_partners_in_one_audit_event(world):
    admin = world.users[Role.PROGRAM_ADMIN]
    agreement = services.agreement_create(
        actor=admin,
        program=world.a.program,
        title="MOU 2025",
        effective_from=date(2025, 9, 1),
        partners=[world.a.police],
    )
    [event] = AuditEvent.objects.filter(object_type="directory.agreement", object_id=str(agreement.pk))
    assert event.after["partners"] == [world.a.police.pk]
    assert list(agreement.partners.all()) == [world.a.police]


def test_it_refuses_a_partner_from_another_program(world):
    with pytest.raises(ValidationError, match="partner"):
        services.agreement_update(
            actor=world.users[Role.PROGRAM_ADMIN],
            agreement=world.a.agreement,
            changes={},
            partners=[world.b.police],
        )
    assert set(world.a.agreement.partners.all()) == {world.a.police, world.a.division}


def test_it_refuses_to_move_a_space_to_another_school(world):
    with pytest.raises(ValidationError, match="cannot move"):
        services.space_update(
            actor=world.users[Role.PROGRAM_ADMIN],
            space=world.a.space,
            changes={"school": world.a.other_school},
        )


def test_it_lets_a_school_admin_change_spaces_of_their_school_only(world):
    school_admin = world.users[Role.SCHOOL_ADMIN]
    services.space_create(actor=school_admin, school=world.a.school, name="Gym")
    with pytest.raises(PermissionDenied):
        services.space_create(actor=school_admin, school=world.a.other_school, name="Gym")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"division": "police"}, "division"),
        ({"division": "b_division"}, "division"),
        ({"latitude": 12}, "latitude"),
        ({"enrolment": 10001}, "enrolment"),
    ],
)
def test_it_validates_a_school_before_saving_it(world, fields, field):
    replacements = {"police": world.a.police, "b_division": world.b.division}
    values = {k: replacements.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    base = {"division": world.a.division, "name": "New School", "code": "NEW1", "level": "elementary"}
    with pytest.raises(ValidationError) as refused:
        services.school_create(
            actor=world.users[Role.PROGRAM_ADMIN], program=world.a.program, **{**base, **values}
        )
    assert field in refused.value.message_dict


def test_it_refuses_an_officer_of_another_programs_police_service(world):
    with pytest.raises(ValidationError, match="police service"):
        services.officer_create(
            actor=world.users[Role.SRO_SUPERVISOR],
            program=world.a.program,
            first_name="A",
            last_name="B",
            badge_number="Z1",
            police_service=world.b.police,
            service_start_date=date(2010, 1, 1),
        )


def test_it_refuses_to_delete_an_organization_still_in_use_and_keeps_no_event(world):
    before = AuditEvent.objects.count()
    with pytest.raises(ProtectedError):
        services.organization_delete(actor=world.users[Role.PROGRAM_ADMIN], organization=world.a.division)
    assert AuditEvent.objects.count() == before


def test_it_deletes_an_unused_organization_keeping_what_it_was(world):
    agency = OrganizationFactory(program=world.a.program, kind="community_agency", name="Youth Services")
    agency_id = agency.pk
    services.organization_delete(actor=world.users[Role.PROGRAM_ADMIN], organization=agency)
    event = AuditEvent.objects.get(object_type="directory.organization", object_id=str(agency_id))
    assert (event.action, event.before["name"]) == (AuditAction.DELETE, "Youth Services")


def test_it_finds_an_sros_schools_from_their_assignments_today(world):
    """A new assignment reaches the officer's scope once their cached grants are forgotten."""
    sro = world.users[Role.SRO]
    assert list(School.objects.visible_to(sro)) == [world.a.school]
    newcomer_school = SchoolFactory(program=world.a.program, division=world.a.division)
    assign(
        world,
        SYSTEM,
        officer=world.a.officer,
        school=newcomer_school,
        role=AssignmentRole.BACKUP,
        start=date(2020, 1, 6),
    )
    forget_grants(sro)
    assert set(School.objects.visible_to(sro)) == {world.a.school, newcomer_school}


def test_it_keeps_an_officer_badge_unique_in_a_program_only(world):
    OfficerFactory(program=world.b.program, police_service=world.b.police, badge_number="SAME")
    assert services.officer_create(
        actor=SYSTEM,
        program=world.a.program,
        first_name="A",
        last_name="B",
        badge_number="SAME",
        police_service=world.a.police,
        service_start_date=date(2010, 1, 1),
    ).pk
