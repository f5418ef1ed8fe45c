"""A tip partner submits tips through the API: stored once, routed at once, read back in the
partner's shape only."""

import base64
import io

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.tips import intake
from srohub.tips.models import EscalationStep, Tip, TipAttachment
from srohub.tips.sms import LocmemSmsBackend
from srohub.tips.tests.helpers import make_partner, tip_payload

pytestmark = pytest.mark.django_db


def test_it_routes_a_tip_about_a_school_to_its_sro_at_once(world, django_capture_on_commit_callbacks):
    world.a.officer.email = "sro@example.org"
    world.a.officer.save()
    partner = make_partner(world.a)
    with django_capture_on_commit_callbacks(execute=True):
        response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
    assert response.status_code == 201, response.content
    tip = Tip.objects.get(number=response.data["tip_number"])
    assert (tip.school, tip.routed_kind, tip.routed_officer) == (world.a.school, "officer", world.a.officer)
    assert tip.partner == partner.organization
    [step] = EscalationStep.objects.filter(tip=tip)
    assert step.state == "sent" and step.recipients == 2  # email and text message to the officer
    assert [m.to for m in mail.outbox] == [["sro@example.org"]]


def test_it_shows_the_partner_status_and_disposition_never_the_officer_or_the_content(world):
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
    assert set(response.data) == {
        "id",
        "tip_number",
        "reference",
        "school",
        "category",
        "life_safety",
        "received_at",
        "status",
        "acknowledged_at",
        "disposition",
    }
    listed = partner.client.get("/api/v1/tips/").data["results"]
    assert [row["tip_number"] for row in listed] == [response.data["tip_number"]]  # not the world's tip
    detail = partner.client.get(f"/api/v1/tips/{response.data['id']}/").data
    assert "routed_to" not in detail and "narrative" not in detail and "notes" not in detail


def test_it_returns_the_first_tip_when_a_reference_is_retried(world):
    partner = make_partner(world.a)
    first = partner.client.post("/api/v1/tips/", tip_payload(), format="json")
    retry = partner.client.post("/api/v1/tips/", tip_payload(narrative="changed on retry"), format="json")
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.data["tip_number"] == first.data["tip_number"]
    assert Tip.objects.filter(partner=partner.organization).count() == 1


def test_a_retry_leaves_no_trace_of_its_refused_insert(world):
    # The reference is not looked up before the insert: the unique constraint refuses a retry's
    # insert (also one racing the first request), and its transaction takes its audit event along.
    partner = make_partner(world.a)
    first = partner.client.post("/api/v1/tips/", tip_payload(), format="json")
    events = AuditEvent.objects.filter(object_type="tips.tip").count()
    retry = partner.client.post("/api/v1/tips/", tip_payload(), format="json")
    assert retry.status_code == 200 and retry.data["tip_number"] == first.data["tip_number"]
    assert Tip.objects.filter(partner=partner.organization).count() == 1
    assert AuditEvent.objects.filter(object_type="tips.tip").count() == events
    assert EscalationStep.objects.filter(tip__partner=partner.organization).count() == 1


def test_it_sends_tips_with_an_unmatched_school_to_triage_with_the_candidates(world):
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(school_text="alpha"), format="json")
    tip = Tip.objects.get(pk=response.data["id"])
    assert (tip.school, tip.routed_kind, tip.routed_queue) == (None, "queue", "triage")
    assert {c["school_id"] for c in tip.school_candidates} >= {world.a.school.pk, world.a.other_school.pk}


def test_it_resolves_a_clear_school_name(world):
    partner = make_partner(world.a)
    response = partner.client.post(
        "/api/v1/tips/", tip_payload(school_text="alpha collegiate"), format="json"
    )
    assert response.data["school"] == world.a.school.pk


def test_it_routes_to_the_backup_when_the_primary_is_on_leave(world):
    from srohub.core.testing import AssignmentFactory

    AssignmentFactory(
        officer=world.a.other_officer, school=world.a.school, program=world.a.program, role="backup"
    )
    world.a.officer.status = "on_leave"
    world.a.officer.save()
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
    tip = Tip.objects.get(pk=response.data["id"])
    assert tip.routed_to == {"kind": "officer", "id": world.a.other_officer.pk}


def test_it_sends_a_tip_about_a_school_without_an_officer_in_force_to_the_supervisors(world):
    """The school is the program's (so no 400), but its only assignment ended yesterday."""
    from datetime import timedelta

    from srohub.directory.models import Assignment

    Assignment.objects.filter(school=world.a.school).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
    assert response.status_code == 201, response.data
    tip = Tip.objects.get(pk=response.data["id"])
    assert tip.school == world.a.school
    assert tip.routed_to == {"kind": "queue", "name": "supervisor"}


def test_it_keeps_the_tip_content_out_of_every_message_and_the_audit_trail(
    world, django_capture_on_commit_callbacks
):
    world.a.officer.email = "sro@example.org"
    world.a.officer.save()
    supervisor = world.users[Role.SRO_SUPERVISOR]
    supervisor.email, supervisor.phone = "sgt@example.org", "204-555-0150"
    supervisor.save()
    partner = make_partner(world.a)
    narrative = "Jordan in grade 11 has a gun in locker 214"
    with django_capture_on_commit_callbacks(execute=True):
        partner.client.post(
            "/api/v1/tips/",
            tip_payload(school=world.a.school.pk, narrative=narrative, reference="A"),
            format="json",
        )
        partner.client.post(
            "/api/v1/tips/",
            tip_payload(
                school_text="somewhere near the river, locker 214", narrative=narrative, reference="B"
            ),
            format="json",
        )
    outbound = [m.subject + m.body for m in mail.outbox] + [m["body"] for m in LocmemSmsBackend.outbox]
    assert len(outbound) >= 4
    assert all(
        "locker" not in text and "Jordan" not in text and "Collegiate" not in text for text in outbound
    )
    assert all("/tips/" in text and "T-" in text for text in outbound)
    audited = " ".join(str(e.after) for e in AuditEvent.objects.filter(object_type="tips.tip"))
    assert "locker" not in audited and "Jordan" not in audited


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"narrative": ""}, "narrative"),
        ({"narrative": "x" * 10_001}, "narrative"),
        ({"category": "gossip"}, "category"),
        ({"received_at": "yesterday at noon"}, "received_at"),
        ({"received_at": "2999-01-01T00:00:00Z"}, "received_at"),
        ({"life_safety": "maybe"}, "life_safety"),
        ({"reference": ""}, "reference"),
    ],
)
def test_it_refuses_bad_input_with_field_messages_and_stores_nothing(world, change, field):
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(**change), format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert not Tip.objects.filter(partner=partner.organization).exists()


@pytest.mark.parametrize(
    "school",
    ["other program", 0, -3, 2**63, 10**30, True, 1.5, "12a", [1], {"id": 1}],
)
def test_it_refuses_a_school_of_another_program_or_not_an_id(world, school):
    partner = make_partner(world.a)
    given = world.b.school.pk if school == "other program" else school
    response = partner.client.post("/api/v1/tips/", tip_payload(school=given), format="json")
    assert response.status_code == 400 and "school" in response.data, response.data
    assert not Tip.objects.filter(partner=partner.organization).exists()


def test_it_takes_a_school_id_as_a_number_or_as_digits(world):
    partner = make_partner(world.a)
    for reference, school in (("as-number", world.a.school.pk), ("as-text", str(world.a.school.pk))):
        response = partner.client.post(
            "/api/v1/tips/", tip_payload(school=school, reference=reference), format="json"
        )
        assert response.status_code == 201 and response.data["school"] == world.a.school.pk


@pytest.mark.parametrize("role", [Role.SRO, Role.SCHOOL_ADMIN, Role.TIP_PARTNER])
def test_it_lets_only_a_tip_line_partner_submit(world, role):
    # The world's tip partner names no tip line organization: it may not submit either.
    response = world.client(world.users[role]).post("/api/v1/tips/", tip_payload(), format="json")
    assert response.status_code == 403
    assert not Tip.objects.filter(partner__isnull=False).exists()


def test_it_never_lets_a_partner_change_a_tip(world):
    partner = make_partner(world.a)
    created = partner.client.post("/api/v1/tips/", tip_payload(), format="json").data
    for action in ("acknowledge", "questions", "notes", "disposition"):
        response = partner.client.post(f"/api/v1/tips/{created['id']}/{action}/", {}, format="json")
        assert response.status_code in (400, 403), (action, response.status_code)
    assert Tip.objects.get(pk=created["id"]).acknowledged_at is None


def test_it_stores_a_tip_whatever_it_contains(world):
    partner = make_partner(world.a)
    odd = "\x00" * 0 + "🙂 <script>alert(1)</script> ' OR 1=1 -- " + "é" * 500
    response = partner.client.post(
        "/api/v1/tips/", tip_payload(narrative=odd, school_text=odd[:300]), format="json"
    )
    assert response.status_code == 201
    assert Tip.objects.get(pk=response.data["id"]).routed_kind in ("officer", "queue")


def test_it_routes_through_the_service_for_other_callers(world):
    partner = make_partner(world.a)
    content = intake.TipContent(
        category="drugs", life_safety=False, narrative="Vaping in washrooms", school_id=world.a.other_school.pk
    )
    from django.utils import timezone

    tip, created = intake.tip_submit_by_partner(
        actor=partner.user,
        program_id=world.a.program.pk,
        content=content,
        received_at=timezone.now(),
        reference="svc-1",
    )
    assert created and tip.routed_to == {"kind": "officer", "id": world.a.other_officer.pk}


def test_it_draws_a_new_tip_number_when_the_first_one_is_taken(world, monkeypatch):
    partner = make_partner(world.a)
    first = partner.client.post("/api/v1/tips/", tip_payload(reference="R-1"), format="json")
    numbers = iter([first.data["tip_number"], "T-2345-6789"])
    monkeypatch.setattr("srohub.tips.codes.new_tip_number", lambda: next(numbers))
    second = partner.client.post("/api/v1/tips/", tip_payload(reference="R-2"), format="json")
    assert (second.status_code, second.data["tip_number"]) == (201, "T-2345-6789")
    assert Tip.objects.filter(partner=partner.organization).count() == 2


def picture(fmt: str = "JPEG", camera: str = "Pixel 9 of Jordan") -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x0110] = camera
    raw = io.BytesIO()
    image.save(raw, format=fmt, exif=exif)
    return raw.getvalue()


def encoded(data: bytes) -> dict:
    return {"content": base64.b64encode(data).decode()}


def test_it_stores_a_partners_pictures_without_their_metadata(world):
    partner = make_partner(world.a)
    payload = tip_payload(attachments=[encoded(picture()), encoded(picture("PNG"))])
    response = partner.client.post("/api/v1/tips/", payload, format="json")
    assert response.status_code == 201, response.content
    tip = Tip.objects.get(number=response.data["tip_number"])
    stored = list(tip.attachments.order_by("pk"))
    assert [a.content_type for a in stored] == ["image/jpeg", "image/png"]
    with stored[0].file.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).getexif().get(0x0110) is None
    staff = world.users[Role.SRO_SUPERVISOR]
    client = APIClient()
    client.force_authenticate(staff)
    detail = client.get(f"/api/v1/tips/{tip.pk}/").data
    assert [a["content_type"] for a in detail["attachments"]] == ["image/jpeg", "image/png"]


@pytest.mark.parametrize(
    "attachments, message",
    [
        ([{"content": "not base64!"}], "base64"),
        ([encoded(b"")], "blank"),
        ([encoded(b"%PDF-1.4 not a picture")], "picture"),
        ([encoded(picture("GIF"))], "JPEG or PNG"),
        ([encoded(picture())] * 4, "at most 3"),
    ],
)
def test_it_refuses_bad_pictures_with_a_field_message_and_stores_nothing(world, attachments, message):
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(attachments=attachments), format="json")
    assert response.status_code == 400, response.content
    assert message in str(response.data["attachments"])
    assert not Tip.objects.filter(partner=partner.organization).exists()
    assert not TipAttachment.objects.exists()


def test_it_refuses_an_oversized_picture(world, settings):
    settings.SROHUB_TIPS_ATTACHMENT_MAX_BYTES = 100
    partner = make_partner(world.a)
    response = partner.client.post(
        "/api/v1/tips/", tip_payload(attachments=[encoded(picture() + b"x" * 200)]), format="json"
    )
    assert response.status_code == 400 and "too large" in str(response.data["attachments"])
    assert not Tip.objects.filter(partner=partner.organization).exists()


def test_a_body_over_the_size_limit_gets_a_json_answer_and_stores_nothing(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    partner = make_partner(world.a)
    blob = base64.b64encode(picture() + b"x" * (1024 * 1024)).decode()
    response = partner.client.post("/api/v1/tips/", tip_payload(attachments=[{"content": blob}]), format="json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request is too large (1 MB at most).", "code": "too_large"}
    assert not Tip.objects.filter(partner=partner.organization).exists()


def test_three_pictures_of_the_largest_size_fit_in_one_request(world, settings):
    settings.SROHUB_TIPS_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
    largest = base64.b64encode(b"x" * settings.SROHUB_TIPS_ATTACHMENT_MAX_BYTES).decode()
    body_bytes = len(largest) * 3 + 200_000  # three pictures and the longest narrative, with room
    assert body_bytes < settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_a_refused_tip_leaves_no_picture_on_disk(world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path)
    partner = make_partner(world.a)
    real_store = intake.attachment_store
    calls = []

    def second_one_fails(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_store(**kwargs)

    monkeypatch.setattr(intake, "attachment_store", second_one_fails)
    payload = tip_payload(attachments=[encoded(picture()), encoded(picture("PNG"))])
    with pytest.raises(RuntimeError):
        intake.tip_submit_by_partner(
            actor=partner.user,
            program_id=world.a.program.pk,
            content=intake.TipContent(category="weapon", life_safety=False, narrative="x"),
            received_at=timezone.now(),
            reference="disk-1",
            pictures=[base64.b64decode(a["content"]) for a in payload["attachments"]],
        )
    assert calls == [1, 1]
    assert not Tip.objects.filter(partner=partner.organization).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
