"""visit_pin: a fixed commitment, audited, refused when it clashes or is not the actor's to make."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.planning.models import Visit
from srohub.planning.services import visit_pin

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 3, 4)


def test_it_pins_a_visit_with_its_audit_event(world):
    visit = visit_pin(
        actor=world.users[Role.SRO_SUPERVISOR],
        officer=world.a.officer,
        school=world.a.school,
        day=MONDAY,
        half_day="am",
        reason="Assembly",
    )
    assert visit.pinned and visit.plan is None
    assert AuditEvent.objects.filter(
        object_type="planning.visit", object_id=str(visit.pk), action="create"
    ).exists()


def test_it_lets_a_principal_pin_their_school_sro(world):
    visit = visit_pin(
        actor=world.users[Role.SCHOOL_ADMIN],
        officer=world.a.officer,
        school=world.a.school,
        day=MONDAY,
        half_day="pm",
        reason="Presentation",
    )
    assert visit.school == world.a.school


@pytest.mark.parametrize(
    ("day", "half", "field"), [(date(2030, 3, 9), "am", "day"), (MONDAY, "xx", "half_day")]
)
def test_it_refuses_a_weekend_or_a_bad_half_day(world, day, half, field):
    with pytest.raises(ValidationError) as error:
        visit_pin(
            actor=world.users[Role.SRO_SUPERVISOR],
            officer=world.a.officer,
            school=world.a.school,
            day=day,
            half_day=half,
            reason="x",
        )
    assert field in error.value.message_dict
    assert not Visit.objects.filter(pinned=True).exists()


def test_it_refuses_two_pins_for_one_officer_and_half_day(world):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    visit_pin(
        actor=supervisor,
        officer=world.a.officer,
        school=world.a.school,
        day=MONDAY,
        half_day="am",
        reason="a",
    )
    with pytest.raises(ValidationError):
        visit_pin(
            actor=supervisor,
            officer=world.a.officer,
            school=world.a.other_school,
            day=MONDAY,
            half_day="am",
            reason="b",
        )
    assert Visit.objects.filter(pinned=True).count() == 1


def test_it_refuses_an_officer_of_another_program(world):
    with pytest.raises(ValidationError):
        visit_pin(
            actor=world.users[Role.SRO_SUPERVISOR],
            officer=world.b.officer,
            school=world.a.school,
            day=MONDAY,
            half_day="am",
            reason="x",
        )


@pytest.mark.parametrize("role", [Role.SCHOOL_OFFICE, Role.EVALUATOR, Role.DIVISION_LEAD])
def test_it_refuses_roles_that_do_not_plan(world, role):
    with pytest.raises(PermissionDenied):
        visit_pin(
            actor=world.users[role],
            officer=world.a.officer,
            school=world.a.school,
            day=MONDAY,
            half_day="am",
            reason="x",
        )


def test_it_refuses_an_officer_pinning_a_colleague(world):
    with pytest.raises(PermissionDenied):
        visit_pin(
            actor=world.users[Role.SRO],
            officer=world.a.other_officer,
            school=world.a.school,
            day=MONDAY,
            half_day="am",
            reason="x",
        )


def test_it_refuses_the_outsider(world):
    with pytest.raises(PermissionDenied):
        visit_pin(
            actor=world.outsider,
            officer=world.a.officer,
            school=world.a.school,
            day=MONDAY,
            half_day="am",
            reason="x",
        )
