"""A student reports anonymously on the web: no login, nothing that traces them, flood-resistant,
in English and French, and it always lands somewhere."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from srohub.audit.models import AuditEvent
from srohub.tips.models import Tip, TipAttachment
from srohub.tips.tests.helpers_public import number_and_passcode, report_url, solved_form, submit

pytestmark = pytest.mark.django_db


def test_it_takes_a_tip_without_login_and_shows_number_and_passcode_once(world):
    response = submit(Client(), world.a.program, school=world.a.school.pk)
    assert response.status_code == 200
    number, passcode = number_and_passcode(response)
    tip = Tip.objects.get(number=number)
    assert (tip.source, tip.school, tip.routed_officer) == ("web", world.a.school, world.a.officer)
    assert passcode not in tip.passcode_hash and tip.passcode_hash.startswith("md5$")  # hashed (test hasher)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_it_stores_no_address_or_request_id_of_the_tipster(world):
    Client(REMOTE_ADDR="203.0.113.77").get(report_url(world.a.program))
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_X_REQUEST_ID="trace-me-123")
    submit(client, world.a.program)
    events = AuditEvent.objects.filter(object_type="tips.tip")
    assert events.count() == 1
    event = events.get()
    assert event.ip is None and event.request_id == "" and event.actor_id is None
    assert event.actor_label == "anonymous tipster"


def test_it_sends_an_unknown_school_to_triage_never_dropping_it(world):
    response = submit(Client(), world.a.program, school_text="the one near the arena")
    tip = Tip.objects.get(number=number_and_passcode(response)[0])
    assert tip.routed_to == {"kind": "queue", "name": "triage"}


def test_it_marks_someone_in_danger_as_life_safety_and_shows_911(world):
    form_page = Client().get(report_url(world.a.program)).text
    assert 'href="tel:911"' in form_page
    response = submit(Client(), world.a.program, in_danger="yes", category="weapon")
    assert Tip.objects.get(number=number_and_passcode(response)[0]).life_safety


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"narrative": ""}, "narrative"),
        ({"narrative": "x" * 10_001}, "narrative"),
        ({"category": "gossip"}, "category"),
        ({"in_danger": ""}, "in_danger"),
    ],
)
def test_it_refuses_bad_input_and_stores_nothing(world, change, error):
    response = submit(Client(), world.a.program, **change)
    assert response.status_code == 200 and error in response.context["form"].errors
    assert not Tip.objects.filter(source="web").exists()


def test_it_refuses_a_filled_honeypot(world):
    response = submit(Client(), world.a.program, website="http://spam.example")
    assert response.status_code == 400 and not Tip.objects.filter(source="web").exists()


def test_it_refuses_a_missing_wrong_or_reused_proof_of_work(world):
    client = Client()
    assert (
        client.post(report_url(world.a.program), solved_form(client, world.a.program, nonce="")).status_code
        == 400
    )
    forged = solved_form(client, world.a.program, challenge="forged:challenge")
    assert client.post(report_url(world.a.program), forged).status_code == 400
    good = solved_form(client, world.a.program)
    assert client.post(report_url(world.a.program), good).status_code == 200
    assert client.post(report_url(world.a.program), good).status_code == 400  # replayed
    assert Tip.objects.filter(source="web").count() == 1


def test_it_limits_the_rate_per_address_in_memory(world, settings):
    settings.SROHUB_TIPS_RATE_BURST = 2
    flooder, other = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    statuses = [submit(flooder, world.a.program).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert submit(other, world.a.program).status_code == 200
    assert Tip.objects.filter(source="web").count() == 3


def test_it_strips_picture_metadata(world):
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x0110] = "Pixel 9 of Jordan"  # camera model
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("IMG_jordan.jpg", raw.getvalue(), content_type="image/jpeg")
    response = submit(Client(), world.a.program, attachment=upload)
    tip = Tip.objects.get(number=number_and_passcode(response)[0])
    [attachment] = TipAttachment.objects.filter(tip=tip)
    stored = attachment.file.read()
    assert b"Jordan" not in stored and "jordan" not in attachment.file.name.lower()
    assert Image.open(io.BytesIO(stored)).getexif().get(0x0110) is None


def test_it_refuses_a_file_that_is_not_a_picture(world):
    upload = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    response = submit(Client(), world.a.program, attachment=upload)
    assert "attachment" in response.context["form"].errors and not Tip.objects.filter(source="web").exists()


def test_it_speaks_french(world):
    page = Client().get(report_url(world.a.program), headers={"Accept-Language": "fr-CA"}).text
    assert '<html lang="fr">' in page


def test_it_labels_every_input_for_screen_readers(world):
    page = Client().get(report_url(world.a.program)).text
    import re

    ids = re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', page)
    visible = [i for i in ids if i not in ("id_challenge", "id_nonce")]
    assert visible and all(f'for="{i}"' in page for i in visible)
    assert 'name="viewport"' in page


def test_it_offers_the_only_program_straight_away_or_a_choice(world):
    response = Client().get("/tips/report/")
    assert response.status_code == 200  # two programs in the world: a choice
    assert report_url(world.a.program) in response.text and report_url(world.b.program) in response.text
    assert Client().get("/tips/report/no-such-program/").status_code == 404
