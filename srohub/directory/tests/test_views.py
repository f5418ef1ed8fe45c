"""The directory's pages, by persona: in scope → 200; may read but not write → no edit controls
and POST → 403; out of scope → 404. Forms show errors and write nothing; a saved form leaves
exactly the audit event its service writes."""

import sys
import types
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from srohub.audit.models import AuditEvent
from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.directory import services
from srohub.directory.models import Assignment, Officer, Organization, School, Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(world):
    return services.agreement_create(actor=SYSTEM, program=world.a.program, title="Alpha SRO MOU",
                                     effective_from=date(2024, 9, 1),
                                     partners=[world.a.division, world.a.police])


def signed_in(client, user):
    client.force_login(user)
    return client


def record_urls(pw, agreement=None) -> list[str]:
    """Every page about one record of program world ``pw``."""
    urls = [
        reverse("directory:school-detail", args=[pw.school.pk]),
        reverse("directory:school-sro", args=[pw.school.pk]),
        reverse("directory:school-edit", args=[pw.school.pk]),
        reverse("directory:space-create", args=[pw.school.pk]),
        reverse("directory:space-edit", args=[pw.space.pk]),
        reverse("directory:space-delete", args=[pw.space.pk]),
        reverse("directory:officer-detail", args=[pw.officer.pk]),
        reverse("directory:officer-edit", args=[pw.officer.pk]),
        reverse("directory:assignment-end", args=[pw.assignment.pk]),
    ]
    if agreement is not None:
        urls.append(reverse("directory:agreement-detail", args=[agreement.pk]))
    return urls


def school_form(school: School, **changes) -> dict:
    """What the edit page posts back when only ``changes`` are typed (values as stored)."""
    school = School.objects.get(pk=school.pk)
    data = {"name": school.name, "short_name": school.short_name, "code": school.code,
            "division": school.division_id, "level": school.level, "language": school.language,
            "enrolment": school.enrolment,
            "address": "", "city": "", "postal_code": "", "office_phone": "",
            "latitude": school.latitude or "", "longitude": school.longitude or "",
            "calendar_code": "", "is_active": "on", "version": school.version}
    return {**data, **changes}


@dataclass
class AuditCount:
    """How many audit events exist now, to assert what a request wrote (or did not)."""

    start: int = field(default_factory=AuditEvent.objects.count)

    @property
    def added(self) -> int:
        return AuditEvent.objects.count() - self.start


# ---------------------------------------------------------------- scope


def test_it_answers_404_to_an_outsider_on_every_record_page(world, client, agreement):
    signed_in(client, world.outsider)
    for url in record_urls(world.a, agreement):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_it_shows_the_records_to_their_program_admin(world, client, agreement):
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    for url in record_urls(world.a, agreement):
        assert client.get(url).status_code == 200, url


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(reverse("directory:school-detail", args=[world.a.school.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("role", "landing"), [
    (Role.SRO, "directory:my-schools"),
    (Role.SRO_SUPERVISOR, "directory:unit"),
    (Role.SCHOOL_OFFICE, "directory:my-school"),
    (Role.PROGRAM_ADMIN, "directory:overview"),
    (Role.EVALUATOR, "directory:overview"),
])
def test_it_lands_each_role_on_its_page(world, client, role, landing):
    response = signed_in(client, world.users[role]).get(reverse("home"))
    assert response["Location"] == reverse(landing)


# ---------------------------------------------------------------- landing pages


def test_it_shows_an_sro_their_schools_today(world, client):
    services.school_update(actor=SYSTEM, school=world.a.school, changes={"office_phone": "204-555-0199"})
    response = signed_in(client, world.users[Role.SRO]).get(reverse("directory:my-schools"))
    assert world.a.school.name in response.text
    assert 'href="tel:204-555-0199"' in response.text
    assert world.a.other_school.name not in response.text


def test_it_shows_the_supervisor_every_officer_and_the_schools_left_without_a_primary(world, client):
    other = Assignment.objects.get(school=world.a.other_school)
    services.assignment_end(actor=SYSTEM, assignment=other, end_date=timezone.localdate() - timedelta(days=1))

    response = signed_in(client, world.users[Role.SRO_SUPERVISOR]).get(reverse("directory:unit"))

    assert world.a.officer.name in response.text and world.a.other_officer.name in response.text
    assert "1 school without a primary SRO today" in response.text
    assert world.a.other_school.name in response.text


def test_it_redirects_a_school_office_to_its_school(world, client):
    response = signed_in(client, world.users[Role.SCHOOL_OFFICE]).get(reverse("directory:my-school"))
    assert response["Location"] == reverse("directory:school-sro", args=[world.a.school.pk])


def test_it_gives_evaluators_aggregates_and_no_names(world, client):
    response = signed_in(client, world.users[Role.EVALUATOR]).get(reverse("directory:overview"))
    assert response.status_code == 200
    context = response.context
    assert context["totals"] == {"schools": 2, "enrolment": 1600, "covered": 2, "uncovered": 0}
    assert context["officers"] == {"active": 2}
    assert world.a.officer.last_name not in response.text


def test_it_counts_the_overview_in_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    for _extra in range(5):
        services.school_create(actor=SYSTEM, program=world.a.program, division=world.a.division,
                               name=f"Extra {_extra}", code=f"X{_extra}", level="elementary")
    with django_assert_max_num_queries(12):
        client.get(reverse("directory:overview"))


# ---------------------------------------------------------------- "Who is our SRO?"


def test_it_tells_the_school_office_who_their_sro_is_and_how_to_reach_them(world, client):
    response = signed_in(client, world.users[Role.SCHOOL_OFFICE]).get(
        reverse("directory:school-sro", args=[world.a.school.pk])
    )
    officer = world.a.officer
    assert officer.name in response.text
    assert f'href="tel:{officer.phone}"' in response.text
    assert "Not planned yet" in response.text
    assert f'href="tel:{world.a.program.duty_phone}"' in response.text


def test_it_explains_a_bad_date_instead_of_failing(world, client):
    response = signed_in(client, world.users[Role.SCHOOL_OFFICE]).get(
        reverse("directory:school-sro", args=[world.a.school.pk]), {"date": "2025-13-45"}
    )
    assert response.status_code == 200
    assert "is not a date" in response.text
    assert response.context["day"] == timezone.localdate()


def test_it_answers_for_another_date(world, client):
    response = signed_in(client, world.users[Role.SCHOOL_OFFICE]).get(
        reverse("directory:school-sro", args=[world.a.school.pk]), {"date": "2019-01-07"}
    )
    assert "No SRO is assigned to the school on this date." in response.text


def test_it_hides_who_is_posted_where_from_evaluators(world, client):
    response = signed_in(client, world.users[Role.EVALUATOR]).get(
        reverse("directory:school-sro", args=[world.a.school.pk])
    )
    assert response.status_code == 404


# ---------------------------------------------------------------- school list


def test_it_searches_filters_and_sorts_schools(world, client):
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    url = reverse("directory:school-list")
    School.objects.filter(pk=world.a.other_school.pk).update(enrolment=300)

    assert [s.pk for s in client.get(url, {"q": "elementary"}).context["page"]] == [world.a.other_school.pk]
    assert [s.pk for s in client.get(url, {"q": world.a.school.code}).context["page"]] == [world.a.school.pk]
    assert [s.enrolment for s in client.get(url, {"sort": "-enrolment"}).context["page"]] == [800, 300]
    assert [s.enrolment for s in client.get(url, {"sort": "enrolment"}).context["page"]] == [300, 800]
    assert client.get(url, {"sort": "password"}).context["sort"] == "name"
    assert len(client.get(url, {"level": "elementary"}).context["page"]) == 0


def test_it_filters_schools_without_a_primary_sro_today(world, client):
    other = Assignment.objects.get(school=world.a.other_school)
    services.assignment_end(actor=SYSTEM, assignment=other, end_date=timezone.localdate() - timedelta(days=1))
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).get(
        reverse("directory:school-list"), {"has_primary": "no"}
    )
    assert [s.pk for s in response.context["page"]] == [world.a.other_school.pk]


def test_it_sends_htmx_only_the_results(world, client):
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).get(
        reverse("directory:school-list"), {"q": "collegiate"},
        headers={"HX-Request": "true", "HX-Target": "school-results"},
    )
    assert response.text.lstrip().startswith('<div id="school-results"')
    assert "<html" not in response.text
    assert world.a.school.name in response.text
    assert "HX-Request" in response["Vary"]


def test_it_shows_the_last_page_for_a_page_number_past_the_end(world, client):
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    response = client.get(reverse("directory:school-list"), {"page": 99})
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_it_never_lists_another_programs_schools(world, client):
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).get(reverse("directory:school-list"))
    assert world.b.school.name not in response.text


# ---------------------------------------------------------------- read-only users


def test_it_shows_read_only_users_no_edit_controls(world, client):
    for role in (Role.SCHOOL_OFFICE, Role.EVALUATOR, Role.SRO):
        signed_in(client, world.users[role])
        response = client.get(reverse("directory:school-detail", args=[world.a.school.pk]))
        assert response.status_code == 200
        assert reverse("directory:school-edit", args=[world.a.school.pk]) not in response.text
        assert reverse("directory:space-create", args=[world.a.school.pk]) not in response.text


def test_it_refuses_read_only_users_with_403_and_writes_nothing(world, client):
    audit = AuditCount()
    school, space, officer = world.a.school, world.a.space, world.a.officer
    attempts = {
        Role.SCHOOL_OFFICE: [reverse("directory:school-edit", args=[school.pk]),
                             reverse("directory:space-create", args=[school.pk]),
                             reverse("directory:space-delete", args=[space.pk])],
        Role.SRO: [reverse("directory:officer-edit", args=[officer.pk]),
                   reverse("directory:assignment-end", args=[world.a.assignment.pk]),
                   reverse("directory:assignment-create"), reverse("directory:school-create")],
        Role.SCHOOL_ADMIN: [reverse("directory:school-edit", args=[school.pk])],
    }
    for role, urls in attempts.items():
        signed_in(client, world.users[role])
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url, school_form(school, name="Renamed")).status_code == 403, (role, url)
    assert audit.added == 0
    assert Space.objects.filter(pk=space.pk).exists()
    assert School.objects.get(pk=school.pk).name == school.name


# ---------------------------------------------------------------- school forms


def test_it_saves_a_school_edit_through_the_service_with_its_audit_event(world, client):
    audit = AuditCount()
    school = world.a.school
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).post(
        reverse("directory:school-edit", args=[school.pk]),
        school_form(school, name="Alpha Collegiate Institute"),
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.name == "Alpha Collegiate Institute" and school.version == 2
    event = AuditEvent.objects.latest("id")
    assert audit.added == 1
    assert (event.action, event.object_type, event.after) == ("update", "directory.school",
                                                              {"name": "Alpha Collegiate Institute"})


def test_it_shows_field_errors_and_writes_nothing(world, client):
    audit = AuditCount()
    school = world.a.school
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).post(
        reverse("directory:school-edit", args=[school.pk]), school_form(school, name="", enrolment=20000)
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "enrolment"}
    assert 'aria-invalid="true"' in response.text
    assert audit.added == 0
    assert School.objects.get(pk=school.pk).enrolment == 800


def test_it_refuses_an_edit_made_on_a_stale_version(world, client):
    school = world.a.school
    services.school_update(actor=SYSTEM, school=school, changes={"name": "Changed meanwhile"})
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).post(
        reverse("directory:school-edit", args=[school.pk]), school_form(school, name="My edit", version=1)
    )
    assert response.status_code == 200
    assert "changed by someone else" in response.text
    assert School.objects.get(pk=school.pk).name == "Changed meanwhile"


def test_it_creates_a_school_and_shows_the_services_uniqueness_error(world, client):
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    url = reverse("directory:school-create")
    new = school_form(world.a.school, name="Alpha Middle", code="NEW1", version="")

    assert client.post(url, new).status_code == 302
    created = School.objects.get(code="NEW1")
    assert created.program == world.a.program
    assert AuditEvent.objects.filter(object_type="directory.school", object_id=str(created.pk),
                                     action="create").exists()

    audit = AuditCount()
    response = client.post(url, {**new, "name": "Copy"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert audit.added == 0


def test_it_offers_only_divisions_of_the_users_programs(world, client):
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).get(reverse("directory:school-create"))
    divisions = set(response.context["form"].fields["division"].queryset)
    assert divisions == {world.a.division}


# ---------------------------------------------------------------- spaces


def test_it_lets_the_school_admin_add_edit_and_delete_a_space(world, client):
    audit = AuditCount()
    school = world.a.school
    signed_in(client, world.users[Role.SCHOOL_ADMIN])

    response = client.post(reverse("directory:space-create", args=[school.pk]),
                           {"name": "Gym", "kind": "gym", "floor": "1", "sweep_order": 5, "is_active": "on"})
    assert response["Location"] == reverse("directory:school-detail", args=[school.pk])
    gym = Space.objects.get(school=school, name="Gym")

    client.post(reverse("directory:space-edit", args=[gym.pk]),
                {"name": "Main gym", "kind": "gym", "floor": "1", "sweep_order": 5, "version": gym.version})
    gym.refresh_from_db()
    assert gym.name == "Main gym" and gym.is_active is False

    client.post(reverse("directory:space-delete", args=[gym.pk]))
    assert not Space.objects.filter(pk=gym.pk).exists()
    assert audit.added == 3


def test_it_refuses_a_second_space_of_the_same_name_with_a_message(world, client):
    audit = AuditCount()
    response = signed_in(client, world.users[Role.SCHOOL_ADMIN]).post(
        reverse("directory:space-create", args=[world.a.school.pk]),
        {"name": world.a.space.name, "kind": "classroom", "sweep_order": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert audit.added == 0


# ---------------------------------------------------------------- officers and assignments


def test_it_lets_the_supervisor_add_an_officer(world, client):
    response = signed_in(client, world.users[Role.SRO_SUPERVISOR]).post(reverse("directory:officer-create"), {
        "rank": "Constable", "first_name": "Sam", "last_name": "Tremblay", "badge_number": "B77777",
        "police_service": world.a.police.pk, "service_start_date": "2015-06-01", "phone": "204-555-0177",
        "email": "", "speaks_french": "on", "status": "active",
    })
    officer = Officer.objects.get(badge_number="B77777")
    assert response["Location"] == reverse("directory:officer-detail", args=[officer.pk])
    assert officer.program == world.a.program and officer.speaks_french
    assert AuditEvent.objects.filter(object_type="directory.officer", object_id=str(officer.pk)).count() == 1


def test_it_shows_the_services_refusal_of_a_second_primary_sro(world, client):
    audit = AuditCount()
    today = timezone.localdate()
    signed_in(client, world.users[Role.SRO_SUPERVISOR])
    response = client.post(reverse("directory:assignment-create"), {
        "officer": world.a.other_officer.pk, "school": world.a.school.pk, "role": "primary",
        "start_date": today.isoformat(), "end_date": (today + timedelta(days=30)).isoformat(),
    })
    assert response.status_code == 200
    assert "already has a primary SRO" in response.text
    assert audit.added == 0


def test_it_assigns_a_backup_and_ends_an_assignment(world, client):
    signed_in(client, world.users[Role.SRO_SUPERVISOR])
    today = timezone.localdate()
    response = client.post(reverse("directory:assignment-create"), {
        "officer": world.a.other_officer.pk, "school": world.a.school.pk, "role": "backup",
        "start_date": today.isoformat(),
    })
    assert response.status_code == 302
    backup = Assignment.objects.get(officer=world.a.other_officer, school=world.a.school)

    response = client.post(reverse("directory:assignment-end", args=[backup.pk]),
                           {"end_date": (today - timedelta(days=3)).isoformat(), "version": backup.version})
    assert response.status_code == 200  # before its start: the service says so on the form
    assert "cannot be before the start date" in response.text

    client.post(reverse("directory:assignment-end", args=[backup.pk]),
                {"end_date": today.isoformat(), "version": backup.version})
    backup.refresh_from_db()
    assert backup.end_date == today


def test_it_preselects_the_officer_to_assign(world, client):
    response = signed_in(client, world.users[Role.SRO_SUPERVISOR]).get(
        reverse("directory:assignment-create"), {"officer": world.a.other_officer.pk}
    )
    assert f'<option value="{world.a.other_officer.pk}" selected>' in response.text


# ---------------------------------------------------------------- partners, agreements, people


def test_it_lists_partners_and_agreements_and_records_new_ones(world, client, agreement):
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    response = client.get(reverse("directory:organization-list"))
    assert world.a.division.name in response.text and agreement.title in response.text

    client.post(reverse("directory:organization-create"), {
        "program": world.a.program.pk, "kind": "community_agency", "name": "Youth Counselling Centre",
        "language": "en", "website": "ycc.example.org",
    })
    agency = Organization.objects.get(name="Youth Counselling Centre")
    assert agency.website == "https://ycc.example.org"

    response = client.post(reverse("directory:agreement-create"), {
        "program": world.a.program.pk, "title": "Counselling referrals",
        "partners": [agency.pk, world.a.police.pk],
        "effective_from": "2025-01-01",
    })
    created = world.a.program.agreement_set.get(title="Counselling referrals")
    assert response["Location"] == reverse("directory:agreement-detail", args=[created.pk])
    assert set(created.partners.all()) == {agency, world.a.police}


def test_it_hides_agreements_from_the_school_office(world, client, agreement):
    signed_in(client, world.users[Role.SCHOOL_OFFICE])
    assert client.get(reverse("directory:agreement-detail", args=[agreement.pk])).status_code == 404


def test_it_gives_a_user_a_role(world, client):
    from srohub.core.testing import UserFactory

    newcomer = UserFactory(username="newcomer")
    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    url = reverse("directory:membership-create")

    response = client.post(url, {"program": world.a.program.pk, "user": "nobody", "role": "evaluator"})
    assert "No active user has this username." in response.text

    response = client.post(url, {"program": world.a.program.pk, "user": "newcomer", "role": "school_office"})
    assert "names its school" in response.text  # the service's rule, shown on the form

    client.post(url, {"program": world.a.program.pk, "user": "newcomer", "role": "school_office",
                      "school": world.a.school.pk})
    assert newcomer.memberships.get().school == world.a.school
    assert "newcomer" in client.get(reverse("directory:membership-list")).text


def test_it_keeps_people_and_roles_to_program_admins(world, client):
    signed_in(client, world.users[Role.SRO_SUPERVISOR])
    assert client.get(reverse("directory:membership-list")).status_code == 403
    assert client.get(reverse("directory:import")).status_code == 403


# ---------------------------------------------------------------- import


@pytest.fixture
def fake_import(monkeypatch):
    """Stands in for ``srohub.directory.imports`` (its own piece of work) with its contract."""
    calls = []
    module = types.ModuleType("srohub.directory.imports")

    def run_import(*, actor, program, kind, file):
        calls.append({"actor": actor, "program": program, "kind": kind, "content": file.read()})
        if kind == "spaces":
            error = types.SimpleNamespace(row=3, field="sweep_order", message="Enter a whole number.")
            return types.SimpleNamespace(ok=False, created=0, errors=[error])
        return types.SimpleNamespace(ok=True, created=2, errors=[])

    module.run_import = run_import
    monkeypatch.setitem(sys.modules, "srohub.directory.imports", module)
    return calls


def test_it_imports_a_csv_and_reports_what_it_created(world, client, fake_import):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    csv = SimpleUploadedFile("schools.csv", b"division,name\n", content_type="text/csv")
    response = client.post(reverse("directory:import"),
                           {"program": world.a.program.pk, "kind": "schools", "file": csv})

    assert "2 records created." in response.text
    assert fake_import[0]["program"] == world.a.program and fake_import[0]["content"] == b"division,name\n"


def test_it_shows_the_import_errors_row_by_row(world, client, fake_import):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed_in(client, world.users[Role.PROGRAM_ADMIN])
    csv = SimpleUploadedFile("spaces.csv", b"school_code,name\n", content_type="text/csv")
    response = client.post(reverse("directory:import"),
                           {"program": world.a.program.pk, "kind": "spaces", "file": csv})

    assert "Nothing was saved: 1 problem to fix" in response.text
    assert "<td>sweep_order</td><td>Enter a whole number.</td>" in response.text


def test_it_offers_an_empty_csv_with_the_header_of_each_kind(world, client):
    response = signed_in(client, world.users[Role.PROGRAM_ADMIN]).get(
        reverse("directory:import-template", args=["spaces"])
    )
    assert response.content == b"school_code,name,kind,floor,sweep_order\r\n"
    assert response["Content-Type"].startswith("text/csv")


def test_it_keeps_the_date_fields_iso_for_the_browser_date_picker(world, client):
    response = signed_in(client, world.users[Role.SRO_SUPERVISOR]).get(
        reverse("directory:assignment-end", args=[world.a.assignment.pk])
    )
    assert f'value="{timezone.localdate().isoformat()}"' in response.text
    assert date.fromisoformat(response.context["form"].initial["end_date"].isoformat())
