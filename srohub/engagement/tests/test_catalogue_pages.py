"""What a program configures on the web: the topic catalogue (add, rename, retire, put back in
use), the referral reminder setting (1 to 365 days), and the library's presentations (corrected,
with a new version a click away). Only the roles of each model's ``access`` change anything."""

import pytest
from django.test import Client

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.engagement.models import EngagementSettings, Material, Topic

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------- topics


@pytest.mark.parametrize("role", [Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR])
def test_it_lets_the_catalogues_keepers_add_and_rename_a_topic(world, role):
    client = signed_in(world.users[role])
    program = world.a.program
    assert client.post("/activities/topics/new/", {"program": program.pk, "name": " Vaping "}).status_code == 302
    topic = Topic.objects.get(program=program, name="Vaping")
    response = client.post(f"/activities/topics/{topic.pk}/edit/", {"name": "Vaping and cannabis", "version": 1})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.name, topic.version) == ("Vaping and cannabis", 2)
    assert AuditEvent.objects.filter(object_type="engagement.topic", object_id=str(topic.pk)).count() == 2
    assert "Vaping and cannabis" in client.get("/activities/topics/").content.decode()


def test_it_refuses_a_topic_already_in_the_catalogue(world):
    client = signed_in(world.users[Role.PROGRAM_ADMIN])
    existing = world.a.extras["topic"]  # "Cyberbullying"
    response = client.post("/activities/topics/new/", {"program": world.a.program.pk, "name": "cyberbullying"})
    assert response.status_code == 200 and "already in the catalogue" in response.content.decode()
    other = Topic.objects.create(program=world.a.program, name="Gangs")
    response = client.post(f"/activities/topics/{other.pk}/edit/", {"name": existing.name.upper()})
    assert response.status_code == 200 and "already in the catalogue" in response.content.decode()
    assert Topic.objects.filter(program=world.a.program).count() == 2


def test_it_retires_a_topic_and_puts_it_back_in_use(world):
    client = signed_in(world.users[Role.SRO_SUPERVISOR])
    topic = world.a.extras["topic"]
    url = f"/activities/topics/{topic.pk}/status/"
    assert client.post(url, {"is_active": "0", "version": topic.version}).status_code == 302
    topic.refresh_from_db()
    assert topic.is_active is False
    # No longer offered to officers logging an activity, still listed in the catalogue.
    quick = signed_in(world.users[Role.SRO]).get("/activities/quick/").content.decode()
    assert f">{topic.name}</option>" not in quick
    assert "Retired" in client.get("/activities/topics/").content.decode()
    assert client.post(url, {"is_active": "1", "version": topic.version}).status_code == 302
    topic.refresh_from_db()
    assert topic.is_active is True and topic.version == 3
    assert client.get(url).status_code == 405  # only a POST changes it


def test_it_keeps_the_catalogue_from_officers_and_readers(world):
    topic = world.a.extras["topic"]
    for role in (Role.SRO, Role.SCHOOL_ADMIN, Role.EVALUATOR):
        client = signed_in(world.users[role])
        assert client.get("/activities/topics/").status_code == 200
        assert client.post("/activities/topics/new/", {"program": world.a.program.pk, "name": "X"}).status_code == 403
        assert client.post(f"/activities/topics/{topic.pk}/edit/", {"name": "X"}).status_code == 403
        assert client.post(f"/activities/topics/{topic.pk}/status/", {"is_active": "0"}).status_code == 403
    outsider = signed_in(world.outsider)
    assert outsider.post(f"/activities/topics/{topic.pk}/status/", {"is_active": "0"}).status_code == 404
    topic.refresh_from_db()
    assert (topic.name, topic.is_active) == ("Cyberbullying", True)


def test_it_renames_and_retires_through_the_api_with_the_same_checks(world):
    client = world.client(world.users[Role.PROGRAM_ADMIN])
    topic = world.a.extras["topic"]
    other = Topic.objects.create(program=world.a.program, name="Gangs")
    response = client.patch(f"/api/v1/topics/{other.pk}/", {"name": "CYBERBULLYING"}, format="json")
    assert response.status_code == 400 and "name" in response.data
    response = client.patch(f"/api/v1/topics/{topic.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200 and response.data["is_active"] is False


# ---------------------------------------------------------------- the referral reminder setting


def test_it_lets_the_program_admin_set_the_reminder_days(world):
    client = signed_in(world.users[Role.PROGRAM_ADMIN])
    settings = world.a.extras["engagement_settings"]  # 14 days
    assert 'value="14"' in client.get("/activities/settings/").content.decode()
    data = {"program": world.a.program.pk, "referral_reminder_days": 30, "version": settings.version}
    assert client.post("/activities/settings/", data).status_code == 302
    settings.refresh_from_db()
    assert settings.referral_reminder_days == 30
    assert AuditEvent.objects.filter(
        object_type="engagement.engagementsettings", object_id=str(settings.pk), action="update"
    ).exists()


@pytest.mark.parametrize("days", [0, 366, -3, "many", ""])
def test_it_refuses_days_outside_one_to_365(world, days):
    client = signed_in(world.users[Role.PROGRAM_ADMIN])
    response = client.post("/activities/settings/", {"program": world.a.program.pk, "referral_reminder_days": days})
    assert response.status_code == 200 and "field--error" in response.content.decode()
    assert EngagementSettings.objects.get(program=world.a.program).referral_reminder_days == 14


def test_it_creates_the_setting_for_a_program_without_one(world):
    EngagementSettings.objects.filter(program=world.a.program).delete()
    client = signed_in(world.users[Role.PROGRAM_ADMIN])
    assert 'value="14"' in client.get("/activities/settings/").content.decode()  # the default
    assert client.post("/activities/settings/", {"referral_reminder_days": 7}).status_code == 302
    assert EngagementSettings.objects.get(program=world.a.program).referral_reminder_days == 7


def test_it_shows_the_supervisor_the_setting_without_letting_them_change_it(world):
    client = signed_in(world.users[Role.SRO_SUPERVISOR])
    html = client.get("/activities/settings/").content.decode()
    assert "14 days" in html and 'name="referral_reminder_days"' not in html
    assert client.post("/activities/settings/", {"referral_reminder_days": 3}).status_code == 403
    assert signed_in(world.users[Role.SRO]).get("/activities/settings/").status_code == 403
    assert EngagementSettings.objects.get(program=world.a.program).referral_reminder_days == 14


def test_it_ignores_another_programs_id_in_the_setting_form(world):
    client = signed_in(world.outsider)
    response = client.post("/activities/settings/", {"program": world.a.program.pk, "referral_reminder_days": 2})
    assert response.status_code == 302  # saved for the outsider's own program, never program A's
    assert EngagementSettings.objects.get(program=world.a.program).referral_reminder_days == 14
    assert EngagementSettings.objects.get(program=world.b.program).referral_reminder_days == 2


# ---------------------------------------------------------------- the presentation library


def test_it_corrects_a_presentation_and_links_to_a_new_version(world):
    client = signed_in(world.users[Role.SRO])
    material = world.a.extras["material"]
    url = f"/activities/library/{material.pk}/edit/"
    page = client.get(url).content.decode()
    assert 'value="Safe online"' in page and f"/activities/library/{material.pk}/versions/new/" in page
    data = {"title": "Safe online, 2nd ed.", "grade_from": 5, "grade_to": 9, "language": "fr", "version": 1}
    assert client.post(url, data).status_code == 302
    material.refresh_from_db()
    assert (material.title, material.grade_from, material.language, material.version) == (
        "Safe online, 2nd ed.",
        5,
        "fr",
        2,
    )
    assert f"/activities/library/{material.pk}/edit/" in client.get("/activities/library/").content.decode()
    response = client.post(
        f"/activities/library/{material.pk}/versions/new/", {"label": "2", "released_on": "2024-08-15"}
    )
    assert response.status_code == 302 and material.versions.count() == 2


def test_it_refuses_bad_corrections_of_a_presentation(world):
    client = signed_in(world.users[Role.SRO])
    material = world.a.extras["material"]
    Material.objects.create(program=world.a.program, title="Gangs: the real story")
    url = f"/activities/library/{material.pk}/edit/"
    base = {"title": "Safe online", "grade_from": 6, "grade_to": 9, "language": "en"}
    response = client.post(url, {**base, "title": "GANGS: THE REAL STORY"})
    assert response.status_code == 200 and "already has a presentation" in response.content.decode()
    response = client.post(url, {**base, "grade_from": 10})
    assert response.status_code == 200 and "comes after the first" in response.content.decode()
    material.refresh_from_db()
    assert (material.title, material.grade_from, material.version) == ("Safe online", 6, 1)


def test_it_keeps_the_library_from_its_readers(world):
    material = world.a.extras["material"]
    url = f"/activities/library/{material.pk}/edit/"
    assert signed_in(world.users[Role.SCHOOL_ADMIN]).post(url, {"title": "X"}).status_code == 403
    assert signed_in(world.outsider).post(url, {"title": "X"}).status_code == 404
    material.refresh_from_db()
    assert material.title == "Safe online"
