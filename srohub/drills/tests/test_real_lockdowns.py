"""Real lockdowns: the same record as a drill, flagged real, linked to its occurrence (seen only by
those who may see that occurrence) and with an after-action report."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.drills.models import Drill
from srohub.drills.tests.helpers import started_drill
from srohub.occurrences.testing import occurrence_at

pytestmark = pytest.mark.django_db


def real_lockdown(world, role=Role.SRO, **extra):
    started = (timezone.now() - timedelta(minutes=30)).isoformat()
    payload = {
        "school": world.a.school.pk,
        "drill_type": "lockdown",
        "scheduled_for": started,
        "is_real": True,
        **extra,
    }
    return world.client(world.users[role]).post("/api/v1/drills/", payload, format="json")


def test_it_links_a_real_lockdown_to_its_occurrence_for_police_only(world):
    occurrence = world.a.extras["occurrence"]
    response = real_lockdown(world, occurrence=occurrence.pk)
    assert response.status_code == 201, response.data
    assert response.data["occurrence"] == occurrence.pk
    url = f"/api/v1/drills/{response.data['id']}/"
    assert world.client(world.users[Role.SRO_SUPERVISOR]).get(url).data["occurrence"] == occurrence.pk
    # The school admin reads the drill but not occurrences: to them there is no link.
    assert world.client(world.users[Role.SCHOOL_ADMIN]).get(url).data["occurrence"] is None
    listed = world.client(world.users[Role.SCHOOL_ADMIN]).get("/api/v1/drills/").data["results"]
    assert [row["occurrence"] for row in listed if row["id"] == response.data["id"]] == [None]


@pytest.mark.parametrize("where", ["other_school", "other_program"])
def test_it_refuses_an_occurrence_the_drill_cannot_link_and_writes_nothing(world, where):
    other = (
        occurrence_at(world.a, school=world.a.other_school)
        if where == "other_school"
        else world.b.extras["occurrence"]
    )
    before = Drill.objects.count()
    response = real_lockdown(world, role=Role.SRO_SUPERVISOR, occurrence=other.pk)
    assert response.status_code == 400 and "occurrence" in response.data
    assert Drill.objects.count() == before  # the real event and its link are one transaction


def test_it_refuses_an_occurrence_on_a_practice_drill(world):
    drill, _ = started_drill(world)
    client = world.client(world.users[Role.SRO])
    response = client.patch(
        f"/api/v1/drills/{drill.pk}/", {"occurrence": world.a.extras["occurrence"].pk}, format="json"
    )
    assert response.status_code == 400 and "occurrence" in response.data
    drill.refresh_from_db()
    assert drill.occurrence_id is None
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says the same
        Drill.objects.filter(pk=drill.pk).update(occurrence=world.a.extras["occurrence"])


def test_it_keeps_the_link_from_those_who_cannot_see_it(world):
    occurrence = world.a.extras["occurrence"]
    drill_id = real_lockdown(world, occurrence=occurrence.pk).data["id"]
    admin = world.client(world.users[Role.SCHOOL_ADMIN])
    url = f"/api/v1/drills/{drill_id}/"
    refused = admin.patch(url, {"occurrence": occurrence.pk}, format="json")
    assert refused.status_code == 400 and "occurrence" in refused.data
    # Clearing a link they cannot see changes nothing: to them there was none.
    assert admin.patch(url, {"occurrence": None}, format="json").status_code == 200
    assert Drill.objects.get(pk=drill_id).occurrence_id == occurrence.pk
    assert world.client(world.users[Role.SRO]).patch(url, {"occurrence": None}, format="json").status_code == 200
    assert Drill.objects.get(pk=drill_id).occurrence_id is None


def test_it_writes_the_after_action_report_and_link_from_the_page(world):
    occurrence = world.a.extras["occurrence"]
    drill_id = real_lockdown(world).data["id"]
    officer = Client()
    officer.force_login(world.users[Role.SRO])
    form = {"debrief": "Held in the gym.", "after_action_report": "Every room checked.", "occurrence": occurrence.pk}
    assert officer.post(f"/drills/{drill_id}/debrief/", form).status_code == 302
    drill = Drill.objects.get(pk=drill_id)
    assert (drill.after_action_report, drill.occurrence_id) == ("Every room checked.", occurrence.pk)
    link = f"/occurrences/{occurrence.pk}/".encode()
    assert link in officer.get(f"/drills/{drill_id}/").content
    principal = Client()
    principal.force_login(world.users[Role.SCHOOL_ADMIN])
    page = principal.get(f"/drills/{drill_id}/")
    assert page.status_code == 200 and link not in page.content and b"Every room checked." in page.content
    assert b'name="occurrence"' not in principal.get(f"/drills/{drill_id}/debrief/").content


def test_it_shows_a_bad_occurrence_as_a_form_error(world):
    drill_id = real_lockdown(world).data["id"]
    officer = Client()
    officer.force_login(world.users[Role.SRO])
    response = officer.post(
        f"/drills/{drill_id}/debrief/", {"after_action_report": "x", "occurrence": world.b.extras["occurrence"].pk}
    )
    assert response.status_code == 200 and b"No such occurrence." in response.content
    assert Drill.objects.get(pk=drill_id).after_action_report == ""


def test_it_prints_the_after_action_report(world):
    drill_id = real_lockdown(world, occurrence=world.a.extras["occurrence"].pk).data["id"]
    Drill.objects.filter(pk=drill_id).update(after_action_report="Every room checked.")
    for role in (Role.SRO, Role.SCHOOL_ADMIN):
        client = Client()
        client.force_login(world.users[role])
        response = client.get(f"/drills/{drill_id}/report.pdf")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Content-Disposition"] == f'attachment; filename="drill-{drill_id}.pdf"'
    outsider = Client()
    outsider.force_login(world.outsider)
    assert outsider.get(f"/drills/{drill_id}/report.pdf").status_code == 404
