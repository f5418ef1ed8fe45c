"""Attachments: size and type checked by content, stored under a random name, downloaded only
through the choke point, so a record past its access period takes its files with it and
destroying it deletes them (YCJA s.128(1), s.128(7))."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.occurrences import services
from srohub.occurrences.models import Attachment, Occurrence
from srohub.occurrences.testing import WORLD_FILE, pdf_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def api_upload(world, role, occurrence, upload):
    return world.client(world.users[role]).post(
        "/api/v1/occurrence-attachments/",
        {"occurrence": occurrence.pk, "file": upload, "description": "Damage to locker"},
        format="multipart",
    )


def test_it_attaches_a_file_under_a_random_name_and_serves_it_to_police(world):
    occurrence = world.a.extras["occurrence"]
    upload = SimpleUploadedFile("jordan_sample_photo.png", PNG, content_type="image/png")
    created = api_upload(world, Role.SRO, occurrence, upload)
    assert created.status_code == 201, created.data
    attachment = Attachment.objects.get(pk=created.data["id"])
    assert "jordan" not in attachment.file.name and attachment.file.name.endswith(".png")
    download = world.client(world.users[Role.SRO]).get(created.data["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png"
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="occurrences.attachment", object_id=str(attachment.pk)
    ).exists()
    for role in (Role.SCHOOL_ADMIN, Role.EVALUATOR, Role.RECORDS_CUSTODIAN):
        assert world.client(world.users[role]).get(created.data["download"]).status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.txt", b"plain words", content_type="text/plain"), "JPEG"),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"), "JPEG"),
        (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2048, content_type="application/pdf"), "larger"),
    ],
)
def test_it_refuses_a_file_of_the_wrong_kind_or_size_and_keeps_nothing(world, settings, media, upload, message):
    settings.SROHUB_OCCURRENCE_ATTACHMENT_MAX_BYTES = 1024
    before = Attachment.objects.count()
    response = api_upload(world, Role.SRO, world.a.extras["occurrence"], upload)
    assert response.status_code == 400 and message in str(response.data["file"])
    assert Attachment.objects.count() == before
    stored = [p for p in media.rglob("*.*") if not str(p).endswith(WORLD_FILE)]
    assert not stored, "a refused file must not stay on disk"


def test_it_refuses_an_attachment_to_someone_without_the_occurrence(world):
    occurrence = world.a.extras["occurrence"]
    for user in (world.users[Role.SCHOOL_ADMIN], world.outsider):
        response = world.client(user).post(
            "/api/v1/occurrence-attachments/", {"occurrence": occurrence.pk, "file": pdf_upload()}, format="multipart"
        )
        assert response.status_code == 400 and "occurrence" in response.data


def test_it_uploads_from_the_page_and_refuses_a_bad_file_there(world):
    occurrence = world.a.extras["occurrence"]
    client = Client()
    client.force_login(world.users[Role.SRO])
    url = f"/occurrences/{occurrence.pk}/attachments/add/"
    page = client.get(url)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    refused = client.post(url, {"file": SimpleUploadedFile("a.txt", b"hello"), "description": "x"})
    assert refused.status_code == 200 and "file" in refused.context["form"].errors
    assert client.post(url, {"file": pdf_upload(), "description": "Statement"}).status_code == 302
    attachment = Attachment.objects.get(occurrence=occurrence, description="Statement")
    detail = client.get(f"/occurrences/{occurrence.pk}/").content.decode()
    assert f"/occurrences/attachments/{attachment.pk}/" in detail
    assert client.get(f"/occurrences/attachments/{attachment.pk}/").status_code == 200


def test_it_hides_the_files_past_the_period_and_deletes_them_on_destruction(
    world, media, django_capture_on_commit_callbacks
):
    occurrence = world.a.extras["occurrence"]
    attachment = services.attachment_add(
        actor=world.users[Role.SRO], occurrence=occurrence, upload=pdf_upload(), description=""
    )
    name = attachment.file.name
    assert default_storage.exists(name)
    Occurrence.objects.filter(pk=occurrence.pk).update(access_period_ends_on=timezone.localdate() - timedelta(days=1))
    url = f"/api/v1/occurrence-attachments/{attachment.pk}/download/"
    assert world.client(world.users[Role.SRO]).get(url).status_code == 404
    custodian = world.client(world.users[Role.RECORDS_CUSTODIAN])
    assert custodian.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert custodian.delete(f"/api/v1/occurrences/{occurrence.pk}/").status_code == 204
    assert not default_storage.exists(name)
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
