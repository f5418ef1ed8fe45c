"""Bad input to the planning API is a 400 with a message on the field at fault, and nothing is
written: malformed dates, ranges that end before they start, another school's preferences."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from srohub.core.roles import Role
from srohub.planning import services
from srohub.planning.models import (
    Blackout,
    CalendarClosure,
    OfficerLeave,
    Plan,
    PreferredSlot,
    PresenceRequest,
    Visit,
)

pytestmark = pytest.mark.django_db


def payloads(w):
    """(endpoint, model, body with a malformed date, the field at fault)."""
    return [
        ("blackouts", Blackout, {"school": w.a.school.pk, "start_date": "2031-02-30", "end_date": "2031-03-02",
                                 "reason": "Exams"}, "start_date"),
        ("officer-leave", OfficerLeave, {"officer": w.a.officer.pk, "start_date": "2031-03-02",
                                         "end_date": "03/06/2031"}, "end_date"),
        ("calendar-closures", CalendarClosure, {"division": w.a.division.pk, "start_date": "soon",
                                                "end_date": "2031-03-02", "kind": "pd_day", "label": "PD"},
         "start_date"),
        ("visits", Visit, {"officer": w.a.officer.pk, "school": w.a.school.pk, "day": "2031-13-01",
                           "half_day": "am", "reason": "Assembly"}, "day"),
        ("plans", Plan, {"program": w.a.program.pk, "start_date": "2031-03-02", "end_date": "2031-3-xx"},
         "end_date"),
    ]


@pytest.mark.parametrize("index", range(5))
def test_it_answers_a_malformed_date_with_400_and_writes_nothing(world, index):
    endpoint, model, body, field = payloads(world)[index]
    before = model.objects.count()
    response = world.client(world.users[Role.SRO_SUPERVISOR]).post(f"/api/v1/{endpoint}/", body, format="json")
    assert response.status_code == 400 and field in response.data
    assert model.objects.count() == before


@pytest.mark.parametrize(
    "endpoint,model,body",
    [
        ("officer-leave", OfficerLeave, lambda w: {"officer": w.a.officer.pk}),
        ("calendar-closures", CalendarClosure, lambda w: {"division": w.a.division.pk, "kind": "pd_day",
                                                          "label": "PD"}),
        ("plans", Plan, lambda w: {"program": w.a.program.pk}),
    ],
)
def test_it_refuses_a_range_ending_before_it_starts(world, endpoint, model, body):
    before = model.objects.count()
    response = world.client(world.users[Role.SRO_SUPERVISOR]).post(
        f"/api/v1/{endpoint}/", body(world) | {"start_date": "2031-03-06", "end_date": "2031-03-02"}, format="json"
    )
    assert response.status_code == 400 and "end_date" in response.data
    assert model.objects.count() == before


def test_it_refuses_a_backwards_blackout_in_the_service_too(world):
    before = Blackout.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.blackout_create(
            actor=world.users[Role.SCHOOL_ADMIN],
            school=world.a.school,
            start_date=date(2031, 3, 6),
            end_date=date(2031, 3, 2),
            reason="Exams",
        )
    assert "end_date" in refused.value.message_dict and Blackout.objects.count() == before


def test_it_refuses_another_schools_presence_request_and_preferences(world):
    principal = world.users[Role.SCHOOL_ADMIN]
    before = (PresenceRequest.objects.count(), PreferredSlot.objects.count())
    response = world.client(principal).post(
        "/api/v1/presence-requests/", {"school": world.a.other_school.pk, "requested_per_week": "2"}, format="json"
    )
    assert response.status_code == 400 and "school" in response.data
    with pytest.raises(PermissionDenied):
        services.preferred_slots_set(actor=principal, school=world.a.other_school, ranked=[(1, "am")])
    assert (PresenceRequest.objects.count(), PreferredSlot.objects.count()) == before
