"""The engagement pages by persona: who reaches which page, and what each shows."""

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.engagement.models import Activity, Material, Referral
from srohub.engagement.testing import WORLD_DAY, agency_contact

pytestmark = pytest.mark.django_db
SPRING = "?term=2021-spring"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [Role.SRO, Role.SRO_SUPERVISOR, Role.SCHOOL_ADMIN, Role.DIVISION_LEAD])
def test_it_lists_the_activities_of_the_readers_schools(world, role):
    response = signed_in(world.users[role]).get(f"/activities/{SPRING}")
    assert response.status_code == 200
    assert f"/activities/{world.a.extras['activity'].pk}/" in response.content.decode()


def test_it_lists_this_terms_activities_unless_asked_for_others(world):
    client = signed_in(world.users[Role.SRO])
    today = Activity.objects.create(
        program=world.a.program,
        school=world.a.school,
        officer=world.a.officer,
        activity_type="informal_contact",
        occurred_on=timezone.localdate(),
        duration_minutes=15,
    )
    older = f"/activities/{world.a.extras['activity'].pk}/"
    html = client.get("/activities/").content.decode()
    assert f"/activities/{today.pk}/" in html and older not in html
    html = client.get("/activities/?after=2020-01-01").content.decode()
    assert f"/activities/{today.pk}/" in html and older in html


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.SCHOOL_OFFICE, Role.TIP_PARTNER])
def test_it_refuses_the_activity_list_to_roles_without_rows(world, role):
    assert signed_in(world.users[role]).get("/activities/").status_code == 403


def test_it_shows_the_principal_the_activity_without_the_young_persons_details(world):
    activity = world.a.extras["activity"]
    html = signed_in(world.users[Role.SCHOOL_ADMIN]).get(f"/activities/{activity.pk}/").content.decode()
    assert "Restricted" in html
    assert activity.person.pseudonym not in html and activity.notes not in html
    officer_html = signed_in(world.users[Role.SRO]).get(f"/activities/{activity.pk}/").content.decode()
    assert activity.person.pseudonym in officer_html and activity.notes in officer_html


def test_it_gives_the_evaluator_the_measures_only(world):
    client = signed_in(world.users[Role.EVALUATOR])
    html = client.get(f"/activities/measures/{SPRING}").content.decode()
    assert world.a.school.name in html and "1 : 0 (no enforcement)" in html
    assert world.a.extras["engagement_person"].pseudonym not in html
    assert client.get(f"/activities/{world.a.extras['activity'].pk}/").status_code == 404


def test_it_gives_the_principal_a_term_summary_on_the_web_and_in_csv_and_xlsx(world):
    client = signed_in(world.users[Role.SCHOOL_ADMIN])
    school = world.a.school
    html = client.get(f"/activities/schools/{school.pk}/summary/{SPRING}").content.decode()
    assert "Mentoring session" in html and "Cyberbullying" in html
    csv_text = client.get(f"/activities/schools/{school.pk}/summary.csv{SPRING}").content.decode("utf-8-sig")
    assert "Mentoring session" in csv_text and school.name in csv_text
    assert world.a.extras["engagement_person"].pseudonym not in csv_text
    workbook = load_workbook(
        io.BytesIO(client.get(f"/activities/schools/{school.pk}/summary.xlsx{SPRING}").content)
    )
    cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert "Activities" in cells and 1 in cells
    assert AuditEvent.objects.filter(action="export", object_id=str(school.pk)).count() == 2


def test_it_refuses_the_summary_to_the_school_office_and_another_school(world):
    assert (
        signed_in(world.users[Role.SCHOOL_OFFICE])
        .get(f"/activities/schools/{world.a.school.pk}/summary/")
        .status_code
        == 403
    )
    assert (
        signed_in(world.users[Role.SCHOOL_ADMIN])
        .get(f"/activities/schools/{world.a.other_school.pk}/summary/")
        .status_code
        == 404
    )


def test_it_logs_an_activity_from_the_full_form_and_refuses_a_future_date(world):
    client = signed_in(world.users[Role.SRO])
    data = {
        "school": world.a.school.pk,
        "activity_type": "mentoring",
        "occurred_on": "2024-05-01",
        "duration_minutes": 30,
        "languages": ["en"],
        "person": world.a.extras["engagement_person"].pseudonym,
    }
    assert client.post("/activities/new/", data).status_code == 302
    assert Activity.objects.filter(occurred_on="2024-05-01", person__isnull=False).count() == 1
    response = client.post("/activities/new/", {**data, "occurred_on": "2999-01-01"})
    assert response.status_code == 200 and "after today" in response.content.decode()
    assert not Activity.objects.filter(occurred_on="2999-01-01").exists()


def test_it_moves_a_referral_from_its_page_and_shows_an_agency_its_own(world):
    referral = world.a.extras["referral"]
    client = signed_in(agency_contact(world.a))
    assert f"/activities/referrals/{referral.pk}/" in client.get("/activities/referrals/").content.decode()
    response = client.post(f"/activities/referrals/{referral.pk}/", {"status": "closed", "outcome": ""})
    assert response.status_code == 400
    response = client.post(
        f"/activities/referrals/{referral.pk}/", {"status": "closed", "outcome": "completed"}
    )
    assert response.status_code == 302
    assert Referral.objects.get(pk=referral.pk).outcome == "completed"


def test_it_makes_a_referral_from_the_school(world):
    client = signed_in(world.users[Role.SCHOOL_ADMIN])
    data = {
        "school": world.a.school.pk,
        "agency": world.a.extras["agency"].pk,
        "service_kind": "youth_program",
        "referred_on": "2024-05-02",
        "consent_given_by": "parent",
        "consent_given_on": "2024-05-01",
        "consent_scope": "Name to the program lead",
    }
    assert client.post("/activities/referrals/new/", data).status_code == 302
    bad = client.post("/activities/referrals/new/", {**data, "consent_given_on": "2024-05-03"})
    assert bad.status_code == 200 and "Consent is given before" in bad.content.decode()
    assert Referral.objects.filter(program=world.a.program).count() == 2


def test_it_shows_the_library_with_delivery_counts(world):
    version = world.a.extras["material_version"]
    for _ in range(2):
        Activity.objects.create(
            program=world.a.program,
            school=world.a.school,
            officer=world.a.officer,
            activity_type="presentation",
            occurred_on=WORLD_DAY,
            duration_minutes=60,
            material_version=version,
        )
    html = signed_in(world.users[Role.SRO]).get("/activities/library/").content.decode()
    row = html[html.index("Safe online"):]
    row = row[: row.index("</tr>")]
    assert row.rstrip().endswith("<td>2</td>")


def test_it_adds_a_presentation_and_a_version_from_the_library(world):
    client = signed_in(world.users[Role.SRO])
    data = {
        "program": world.a.program.pk,
        "title": "Vaping facts",
        "topic": world.a.extras["topic"].pk,
        "grade_from": 7,
        "grade_to": 9,
        "language": "en",
        "division": world.a.division.pk,
        "reviewed_by": "Safe schools consultant",
        "reviewed_on": "2024-05-01",
    }
    assert client.post("/activities/library/new/", {**data, "grade_to": 5}).status_code == 200
    assert not Material.objects.filter(title="Vaping facts").exists()  # grades out of order
    assert client.post("/activities/library/new/", data).status_code == 302
    material = Material.objects.get(title="Vaping facts")
    version_url = f"/activities/library/{material.pk}/versions/new/"
    assert client.post(version_url, {"label": "1", "released_on": "2024-08-15"}).status_code == 302
    duplicate = client.post(version_url, {"label": "1", "released_on": "2024-09-15"})
    assert duplicate.status_code == 200 and material.versions.count() == 1
    html = client.get("/activities/library/").content.decode()
    assert "Vaping facts" in html and "Safe schools consultant" in html
    assert AuditEvent.objects.filter(object_id=str(material.pk), action="create").exists()


def test_it_lets_readers_of_the_library_only_read_it(world):
    material = world.a.extras["material"]
    client = signed_in(world.users[Role.SCHOOL_ADMIN])
    assert "Add a presentation" not in client.get("/activities/library/").content.decode()
    assert client.get("/activities/library/new/").status_code == 403
    assert client.get(f"/activities/library/{material.pk}/versions/new/").status_code == 403
    outsider = signed_in(world.outsider)
    assert outsider.get(f"/activities/library/{material.pk}/versions/new/").status_code == 404
