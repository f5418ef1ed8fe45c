"""The planning settings API by role: planners change them through the settings page's service,
staff read them, everyone else — and another program — gets nothing; bad values are a 400 that
changes nothing."""

from decimal import Decimal

import pytest

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.planning.models import PlanningSettings

pytestmark = pytest.mark.django_db
PLANNER_ROLES = [Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR]
READ_ONLY_ROLES = [Role.SRO, Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE, Role.DIVISION_LEAD, Role.RECORDS_CUSTODIAN]
NO_ACCESS_ROLES = [Role.EVALUATOR, Role.TIP_PARTNER, Role.AGENCY_CONTACT]
EVERY_SETTING = {
    "elementary_per_week": "1.0",
    "junior_high_per_week": "1.5",
    "senior_high_per_week": "2.5",
    "per_500_students": "0.5",
    "per_enforcement": "0.25",
    "travel_limit_minutes": 45,
    "speed_kmh": 50,
    "horizon_weeks": 6,
    "stability_weight": 300,
}


def settings_of(pw) -> PlanningSettings:
    return PlanningSettings.objects.get(program=pw.program)


def detail_url(pw) -> str:
    return f"/api/v1/planning-settings/{settings_of(pw).pk}/"


@pytest.mark.parametrize("role", PLANNER_ROLES + READ_ONLY_ROLES)
def test_it_lists_the_programs_settings_to_its_staff(world, role):
    response = world.client(world.users[role]).get("/api/v1/planning-settings/")
    assert response.status_code == 200
    assert [row["program"] for row in response.data["results"]] == [world.a.program.pk]
    assert response.data["results"][0]["speed_kmh"] == 40


@pytest.mark.parametrize("role", NO_ACCESS_ROLES)
def test_it_hides_the_settings_from_roles_outside_the_planning_staff(world, role):
    client = world.client(world.users[role])
    assert client.get("/api/v1/planning-settings/").data["results"] == []
    assert client.get(detail_url(world.a)).status_code == 404


def test_it_answers_another_programs_settings_with_404(world):
    client = world.client(world.outsider)
    assert client.get(detail_url(world.a)).status_code == 404
    assert client.patch(detail_url(world.a), {"speed_kmh": 90}, format="json").status_code == 404
    assert settings_of(world.a).speed_kmh == 40


@pytest.mark.parametrize("role", PLANNER_ROLES)
def test_it_lets_planners_change_a_setting_and_audits_it(world, role):
    response = world.client(world.users[role]).patch(
        detail_url(world.a), {"speed_kmh": 60, "per_enforcement": "0.35"}, format="json"
    )
    saved = settings_of(world.a)
    assert response.status_code == 200 and response.data["speed_kmh"] == 60
    assert saved.speed_kmh == 60 and saved.per_enforcement == Decimal("0.35") and saved.version == 2
    event = AuditEvent.objects.get(
        object_type="planning.planningsettings", object_id=str(saved.pk), action=AuditAction.UPDATE
    )
    assert event.before["speed_kmh"] == 40 and event.after["speed_kmh"] == 60


def test_it_replaces_every_setting_with_put(world):
    response = world.client(world.users[Role.SRO_SUPERVISOR]).put(detail_url(world.a), EVERY_SETTING, format="json")
    saved = settings_of(world.a)
    assert response.status_code == 200
    assert (saved.horizon_weeks, saved.stability_weight, saved.senior_high_per_week) == (6, 300, Decimal("2.5"))


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_it_refuses_changes_from_readers(world, role):
    client = world.client(world.users[role])
    assert client.get(detail_url(world.a)).status_code == 200
    assert client.patch(detail_url(world.a), {"speed_kmh": 90}, format="json").status_code == 403
    assert client.put(detail_url(world.a), EVERY_SETTING, format="json").status_code == 403
    assert settings_of(world.a).version == 1


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"speed_kmh": 500}, "speed_kmh"),
        ({"speed_kmh": "fast"}, "speed_kmh"),
        ({"horizon_weeks": 0}, "horizon_weeks"),
        ({"travel_limit_minutes": -5}, "travel_limit_minutes"),
        ({"per_500_students": "-1"}, "per_500_students"),
        ({"elementary_per_week": "10.5"}, "elementary_per_week"),
        ({"junior_high_per_week": "1.25"}, "junior_high_per_week"),
        ({"per_enforcement": "10"}, "per_enforcement"),
        ({"stability_weight": 10**9}, "stability_weight"),
        ({"speed_kmh": None}, "speed_kmh"),
    ],
)
def test_it_refuses_a_bad_value_with_its_field_and_changes_nothing(world, changes, field):
    response = world.client(world.users[Role.SRO_SUPERVISOR]).patch(
        detail_url(world.a), {"speed_kmh": 60, **changes}, format="json"
    )
    assert response.status_code == 400 and field in response.data
    saved = settings_of(world.a)
    assert saved.speed_kmh == 40 and saved.version == 1


def test_it_asks_put_for_every_setting(world):
    response = world.client(world.users[Role.SRO_SUPERVISOR]).put(
        detail_url(world.a), {"speed_kmh": 60}, format="json"
    )
    assert response.status_code == 400 and {"horizon_weeks", "stability_weight"} <= set(response.data)
    assert settings_of(world.a).speed_kmh == 40


def test_it_refuses_an_edit_made_on_a_stale_version(world):
    client = world.client(world.users[Role.SRO_SUPERVISOR])
    assert client.patch(detail_url(world.a), {"speed_kmh": 60, "version": 1}, format="json").status_code == 200
    stale = client.patch(detail_url(world.a), {"speed_kmh": 70, "version": 1}, format="json")
    assert stale.status_code == 409 and settings_of(world.a).speed_kmh == 60


def test_it_creates_a_programs_first_settings_with_post(world):
    PlanningSettings.objects.filter(program=world.a.program).delete()
    response = world.client(world.users[Role.SRO_SUPERVISOR]).post(
        "/api/v1/planning-settings/", {"program": world.a.program.pk, "speed_kmh": 60}, format="json"
    )
    assert response.status_code == 201, response.data
    saved = settings_of(world.a)
    assert response.data["id"] == saved.pk
    assert saved.speed_kmh == 60 and saved.horizon_weeks == 4  # the rest keeps its default
    assert AuditEvent.objects.filter(
        object_type="planning.planningsettings", object_id=str(saved.pk), action=AuditAction.CREATE
    ).exists()


def test_it_refuses_post_from_a_reader_and_for_another_program(world):
    PlanningSettings.objects.filter(program=world.a.program).delete()
    reader = world.client(world.users[Role.SRO]).post(
        "/api/v1/planning-settings/", {"program": world.a.program.pk, "speed_kmh": 60}, format="json"
    )
    outsider = world.client(world.users[Role.SRO_SUPERVISOR]).post(
        "/api/v1/planning-settings/", {"program": world.b.program.pk, "speed_kmh": 60}, format="json"
    )
    assert reader.status_code == 403
    assert outsider.status_code == 400 and "program" in outsider.data
    assert not PlanningSettings.objects.filter(program=world.a.program).exists()
    assert settings_of(world.b).speed_kmh == 40


def test_it_does_not_delete_settings(world):
    response = world.client(world.users[Role.PROGRAM_ADMIN]).delete(detail_url(world.a))
    assert response.status_code == 405 and PlanningSettings.objects.filter(program=world.a.program).exists()
