"""Correcting and deleting an activity on the web: its officer (and their supervisor) may, with
the same checks as when it was logged and nothing saved on bad input; everyone else gets 403 (may
read it) or 404 (may not even see it); each write is audited."""

import pytest
from django.test import Client
from django.utils import timezone

from srohub.accounts.models import Membership
from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.core.testing import AssignmentFactory, UserFactory
from srohub.engagement.models import Activity

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_data(world, **changes) -> dict:
    activity = world.a.extras["activity"]
    data = {
        "school": world.a.school.pk,
        "activity_type": "mentoring",
        "occurred_on": "2021-03-02",
        "duration_minutes": 50,
        "topic": world.a.extras["topic"].pk,
        "languages": ["en", "fr"],
        "person": activity.person.pseudonym,
        "notes": "Better week.",
        "version": activity.version,
    }
    return {**data, **changes}


def officer_user(world, officer, username: str):
    """A user who is ``officer`` (an SRO of program A)."""
    user = UserFactory(username=username)
    Membership.objects.create(program=world.a.program, user=user, role=Role.SRO, organization=world.a.police)
    officer.user = user
    officer.save()
    return user


def edit_url(world) -> str:
    return f"/activities/{world.a.extras['activity'].pk}/edit/"


def delete_url(world) -> str:
    return f"/activities/{world.a.extras['activity'].pk}/delete/"


@pytest.mark.parametrize("role", [Role.SRO, Role.SRO_SUPERVISOR])
def test_it_lets_the_officer_and_their_supervisor_correct_an_activity(world, role):
    client = signed_in(world.users[role])
    assert client.get(edit_url(world)).status_code == 200
    response = client.post(edit_url(world), edit_data(world))
    assert response.status_code == 302
    activity = Activity.objects.get(pk=world.a.extras["activity"].pk)
    assert (activity.duration_minutes, activity.languages, activity.notes, activity.version) == (
        50,
        ["en", "fr"],
        "Better week.",
        2,
    )
    assert activity.person == world.a.extras["engagement_person"]  # kept
    event = AuditEvent.objects.get(object_type="engagement.activity", object_id=str(activity.pk), action="update")
    assert set(event.after) >= {"duration_minutes", "languages"}


def test_it_preselects_the_activitys_values_in_the_form(world):
    html = signed_in(world.users[Role.SRO]).get(edit_url(world)).content.decode()
    activity = world.a.extras["activity"]
    assert 'value="45"' in html and activity.person.pseudonym in html and activity.notes in html
    assert 'name="officer"' not in html  # an entry stays its officer's


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"duration_minutes": 0}, "between 1 minute and 24 hours"),
        ({"duration_minutes": 24 * 60 + 1}, "between 1 minute and 24 hours"),
        ({"occurred_on": "2999-01-01"}, "after today"),
        ({"school": "other"}, "not one of the officer"),
        ({"languages": []}, "at least one language"),
        ({"languages": ["xx"]}, "Select a valid choice"),
    ],
)
def test_it_refuses_bad_corrections_and_saves_nothing(world, changes, field_error):
    if changes.get("school") == "other":
        changes = {"school": world.a.other_school.pk}
    client = signed_in(world.users[Role.SRO_SUPERVISOR])  # sees both schools
    before = Activity.objects.get(pk=world.a.extras["activity"].pk)
    response = client.post(edit_url(world), edit_data(world, **changes))
    assert response.status_code == 200 and field_error in response.content.decode()
    after = Activity.objects.get(pk=before.pk)
    assert (after.version, after.duration_minutes, after.occurred_on, after.school_id, after.languages) == (
        before.version,
        before.duration_minutes,
        before.occurred_on,
        before.school_id,
        before.languages,
    )


def test_it_refuses_a_correction_made_on_a_stale_copy(world):
    client = signed_in(world.users[Role.SRO])
    assert client.post(edit_url(world), edit_data(world, duration_minutes=40)).status_code == 302
    response = client.post(edit_url(world), edit_data(world, duration_minutes=30))  # version 1 again
    assert response.status_code == 200 and "Reload" in response.content.decode()
    assert Activity.objects.get(pk=world.a.extras["activity"].pk).duration_minutes == 40


def test_it_refuses_another_officer_404_out_of_their_schools_and_403_at_a_shared_school(world):
    other = officer_user(world, world.a.other_officer, "other-sro")
    client = signed_in(other)
    assert client.get(edit_url(world)).status_code == 404  # assigned to the other school only
    assert client.post(delete_url(world)).status_code == 404
    AssignmentFactory(officer=world.a.other_officer, school=world.a.school, program=world.a.program, role="backup")
    other.__dict__.pop("_srohub_grants", None)
    client = signed_in(other)
    assert client.get(f"/activities/{world.a.extras['activity'].pk}/").status_code == 200
    assert client.get(edit_url(world)).status_code == 403  # sees it, did not log it
    assert client.post(edit_url(world), edit_data(world, duration_minutes=5)).status_code == 403
    assert client.post(delete_url(world)).status_code == 403
    assert Activity.objects.get(pk=world.a.extras["activity"].pk).duration_minutes == 45


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SCHOOL_ADMIN, 403),
        (Role.DIVISION_LEAD, 403),
        (Role.PROGRAM_ADMIN, 403),
        (Role.EVALUATOR, 404),
        (Role.SCHOOL_OFFICE, 404),
    ],
)
def test_it_refuses_everyone_else_and_changes_nothing(world, role, status):
    client = signed_in(world.users[role])
    assert client.post(edit_url(world), edit_data(world, duration_minutes=5)).status_code == status
    assert client.post(delete_url(world)).status_code == status
    assert Activity.objects.get(pk=world.a.extras["activity"].pk).duration_minutes == 45


def test_it_shows_another_programs_activity_to_nobody(world):
    client = signed_in(world.outsider)
    for url in (edit_url(world), delete_url(world)):
        assert client.get(url).status_code == 404
        assert client.post(url, edit_data(world)).status_code == 404
    assert Activity.objects.filter(pk=world.a.extras["activity"].pk).exists()


def test_it_asks_before_deleting_and_keeps_what_it_was_in_the_audit_trail(world):
    client = signed_in(world.users[Role.SRO])
    activity = world.a.extras["activity"]
    confirm = client.get(delete_url(world))
    assert confirm.status_code == 200 and 'method="post"' in confirm.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()  # a GET deletes nothing
    assert client.post(delete_url(world)).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    event = AuditEvent.objects.get(object_type="engagement.activity", object_id=str(activity.pk), action="delete")
    assert event.before["duration_minutes"] == 45


def test_it_offers_edit_and_delete_only_to_who_may_use_them(world):
    activity = world.a.extras["activity"]
    own = signed_in(world.users[Role.SRO]).get(f"/activities/{activity.pk}/").content.decode()
    assert edit_url(world) in own and delete_url(world) in own
    principal = signed_in(world.users[Role.SCHOOL_ADMIN]).get(f"/activities/{activity.pk}/").content.decode()
    assert edit_url(world) not in principal and delete_url(world) not in principal


def test_it_keeps_a_young_person_the_editor_may_not_see(world, monkeypatch):
    # The supervisor corrects the duration; with the person record out of their reach (as for a
    # reader of another unit), the link and the notes about the person stay as they were.
    from srohub.engagement import views

    monkeypatch.setattr(views, "disclose", lambda user, records: type("D", (), {"pseudonym": lambda s, r: None})())
    client = signed_in(world.users[Role.SRO_SUPERVISOR])
    html = client.get(edit_url(world)).content.decode()
    assert 'name="person"' not in html and 'name="notes"' not in html
    data = {k: v for k, v in edit_data(world).items() if k not in {"person", "notes"}}
    assert client.post(edit_url(world), {**data, "occurred_on": timezone.localdate().isoformat()}).status_code == 302
    activity = Activity.objects.get(pk=world.a.extras["activity"].pk)
    assert activity.person == world.a.extras["engagement_person"] and activity.notes == "Talked about a hard week."
