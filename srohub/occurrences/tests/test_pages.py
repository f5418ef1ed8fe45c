import pytest
from django.test import Client
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.occurrences.models import Occurrence


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_takes_a_report_from_school_staff_as_a_draft_for_the_sro(world):
    staff = signed_in(world.users[Role.SCHOOL_OFFICE])
    assert staff.get("/occurrences/report/").status_code == 200
    response = staff.post(
        "/occurrences/report/",
        {
            "school": world.a.school.pk,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "categories": ["theft"],
            "what_happened": "A phone was taken.",
            "reporter_name": "Student R.",
            "reporter_contact": "homeroom 204",
        },
    )
    assert response.status_code == 302
    draft = Occurrence.objects.get(status="draft")
    assert (draft.officer, draft.reporter_name) == (world.a.officer, "Student R.")
    assert not Occurrence.objects.visible_to(world.users[Role.SCHOOL_OFFICE]).exists()
    assert signed_in(world.users[Role.SRO]).get(f"/occurrences/{draft.pk}/").status_code == 200
    created = AuditEvent.objects.get(
        object_type="occurrences.occurrence", object_id=str(draft.pk), action="create"
    )
    assert "Student R." not in str(created.after) and "homeroom" not in str(created.after)


def test_it_refuses_an_empty_report_and_saves_nothing(world):
    response = signed_in(world.users[Role.SCHOOL_ADMIN]).post(
        "/occurrences/report/", {"school": world.a.school.pk}
    )
    assert response.status_code == 200 and not Occurrence.objects.filter(status="draft").exists()


@pytest.mark.parametrize("role", [Role.SRO, Role.EVALUATOR, Role.TIP_PARTNER])
def test_it_keeps_the_intake_form_for_school_staff(world, role):
    assert signed_in(world.users[role]).get("/occurrences/report/").status_code == 403


def test_it_audits_the_people_shown_on_an_occurrence(world):
    occurrence = world.a.extras["occurrence"]
    page = signed_in(world.users[Role.SRO]).get(f"/occurrences/{occurrence.pk}/")
    assert page.status_code == 200 and world.a.extras["person"].pseudonym in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="people.person").exists()
    assert signed_in(world.users[Role.SCHOOL_ADMIN]).get(f"/occurrences/{occurrence.pk}/").status_code == 404
