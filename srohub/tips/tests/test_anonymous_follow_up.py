"""The tipster comes back with tip number and passcode: reads the officer's questions and the
status, answers — never the notes; a wrong passcode looks exactly like an unknown number."""

import pytest
from django.test import Client

from srohub.core.roles import Role
from srohub.tips import intake, services
from srohub.tips.models import Tip, TipMessage
from srohub.tips.tests.helpers_public import number_and_passcode, submit

pytestmark = pytest.mark.django_db
URL = "/tips/follow-up/"


@pytest.fixture
def web_tip(world):
    number, passcode = number_and_passcode(submit(Client(), world.a.program, school=world.a.school.pk))
    tip = Tip.objects.get(number=number)
    sro = world.users[Role.SRO]
    services.tip_ask(actor=sro, tip=tip, question="Which washroom, and at what time?")
    services.tip_note_add(actor=sro, tip=tip, body="Suspect is probably the grade 12 in room 214")
    return tip, number, passcode


def test_it_shows_the_questions_and_status_never_the_notes(web_tip):
    tip, number, passcode = web_tip
    page = Client().post(URL, {"tip_number": number.lower().replace("-", " "), "passcode": passcode}).text
    assert "Which washroom, and at what time?" in page and "Acknowledged" in page
    assert "room 214" not in page and "Suspect" not in page


def test_it_takes_the_tipsters_answer(web_tip):
    tip, number, passcode = web_tip
    response = Client().post(URL, {"tip_number": number, "passcode": passcode, "answer": "North, at 12:15"})
    assert "Your answer was sent." in response.text and "North, at 12:15" in response.text
    answer = TipMessage.objects.get(tip=tip, author="tipster")
    assert answer.author_user is None and answer.body == "North, at 12:15"


def test_it_answers_a_wrong_passcode_like_an_unknown_number(web_tip, world):
    tip, number, passcode = web_tip
    wrong = Client().post(URL, {"tip_number": number, "passcode": "AAAAA-AAAAA"})
    unknown = Client().post(URL, {"tip_number": "T-ZZZZ-ZZZZ", "passcode": passcode})
    partner_tip = Client().post(URL, {"tip_number": world.a.extras["tip"].number, "passcode": ""})
    assert wrong.status_code == unknown.status_code == 200
    strip = lambda text: text.replace("csrfmiddlewaretoken", "")  # noqa: E731
    assert "We found no tip with this number and passcode." in wrong.text
    assert strip(wrong.text).count("We found no tip") == strip(unknown.text).count("We found no tip") == 1
    assert "Which washroom" not in wrong.text + unknown.text + partner_tip.text


def test_it_waits_the_configured_delay_on_a_refusal(web_tip, settings, monkeypatch):
    settings.SROHUB_TIPS_PASSCODE_DELAY_SECONDS = 1.5
    slept = []
    monkeypatch.setattr(intake.time, "sleep", slept.append)
    tip, number, passcode = web_tip
    assert intake.tipster_access(number=number, passcode="wrong") is None
    assert intake.tipster_access(number=number, passcode=passcode) == tip
    assert slept == [1.5]


def test_it_locks_a_tip_number_after_repeated_failures(web_tip, settings):
    settings.SROHUB_TIPS_PASSCODE_MAX_FAILURES = 3
    tip, number, passcode = web_tip
    for _attempt in range(3):
        assert intake.tipster_access(number=number, passcode="wrong") is None
    assert intake.tipster_access(number=number, passcode=passcode) is None  # locked, even the right one
    Tip.objects.filter(pk=tip.pk).update(passcode_locked_until=None)
    assert intake.tipster_access(number=number, passcode=passcode) == tip


def test_it_refuses_answers_on_a_closed_tip(web_tip, world):
    tip, number, passcode = web_tip
    services.tip_dispose(actor=world.users[Role.SRO], tip=tip, disposition="unfounded")
    page = Client().post(URL, {"tip_number": number, "passcode": passcode, "answer": "more"}).text
    assert "This tip is closed." in page
    assert not TipMessage.objects.filter(tip=tip, author="tipster").exists()
