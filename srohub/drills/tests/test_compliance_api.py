"""GET /api/v1/schools/{id}/drill-compliance/: per drill type, required and completed per term,
unannounced count, status and reason; out of scope is 404."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from srohub.core.roles import Role
from srohub.drills import rule_services
from srohub.drills.models import Drill, DrillStatus

pytestmark = pytest.mark.django_db
URL = "/api/v1/schools/{}/drill-compliance/?school_year=2025-2026"


def completed(world, when, *, announced=True, drill_type="lockdown"):
    return Drill.objects.create(
        program=world.a.program,
        school=world.a.school,
        drill_type=drill_type,
        scheduled_for=when,
        started_at=when,
        all_clear_at=when,
        announced=announced,
        status=DrillStatus.COMPLETED,
    )


def test_it_answers_per_drill_type_and_term(world):
    rule_services.requirement_set_create(
        actor=world.users[Role.DIVISION_LEAD],
        division=world.a.division,
        school_year="2025-2026",
        preset="alberta_epsb",
    )
    completed(world, datetime(2025, 10, 1, 15, 0, tzinfo=UTC), announced=False)
    completed(world, datetime(2025, 10, 8, 15, 0, tzinfo=UTC), drill_type="evacuation")
    response = world.client(world.users[Role.SCHOOL_ADMIN]).get(URL.format(world.a.school.pk))
    assert response.status_code == 200, response.data
    by_type = {row["drill_type"]: row for row in response.data["drill_types"]}
    lockdown, fire = by_type["lockdown"], by_type["evacuation"]
    assert (lockdown["required"], lockdown["completed"], lockdown["unannounced"]) == (2, 1, 1)
    assert [(t["key"], t["required"], t["completed"]) for t in fire["terms"]] == [
        ("fall", 3, 1),
        ("spring", 3, 0),
    ]
    assert fire["status"] in {"overdue", "on_track", "due_soon"} and fire["reason"]
    assert response.data["requirements"] == f"{world.a.division} 2025-2026"


def test_it_falls_back_to_the_provinces_preset(world):
    response = world.client(world.users[Role.SRO]).get(URL.format(world.a.school.pk))
    assert response.status_code == 200
    assert response.data["requirements"] == "Manitoba"  # program A is in Manitoba
    assert {row["drill_type"] for row in response.data["drill_types"]} == {"lockdown", "evacuation"}


def test_it_answers_404_out_of_scope_and_400_for_a_bad_year(world):
    assert world.client(world.outsider).get(URL.format(world.a.school.pk)).status_code == 404
    other_school = world.a.other_school  # not the school admin's school
    assert world.client(world.users[Role.SCHOOL_ADMIN]).get(URL.format(other_school.pk)).status_code == 404
    bad = world.client(world.users[Role.SRO]).get(
        f"/api/v1/schools/{world.a.school.pk}/drill-compliance/?school_year=2025"
    )
    assert bad.status_code == 400 and "school_year" in bad.data


def test_it_does_not_count_real_events_or_unfinished_drills(world):
    real = completed(world, datetime(2025, 10, 1, 15, tzinfo=UTC))
    real.is_real = True
    real.save()
    Drill.objects.create(
        program=world.a.program,
        school=world.a.school,
        drill_type="lockdown",
        scheduled_for=timezone.now(),
        status=DrillStatus.SCHEDULED,
    )
    response = world.client(world.users[Role.SRO]).get(URL.format(world.a.school.pk))
    lockdown = next(r for r in response.data["drill_types"] if r["drill_type"] == "lockdown")
    assert lockdown["completed"] == 0
