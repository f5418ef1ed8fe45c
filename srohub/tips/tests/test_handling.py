"""The officer handles a tip: acknowledges, asks, notes, closes with a disposition and its link —
through the API and the web pages, each write audited."""

import pytest
from django.test import Client

from srohub.audit.models import AuditEvent
from srohub.core.roles import Role
from srohub.tips.models import Tip, TipMessage, TipNote
from srohub.tips.tests.helpers import make_partner, tip_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def tip(world):
    partner = make_partner(world.a)
    response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
    return Tip.objects.get(pk=response.data["id"])


def api(world, role=Role.SRO):
    return world.client(world.users[role])


def test_it_acknowledges_once_and_keeps_the_first_time(world, tip):
    first = api(world).post(f"/api/v1/tips/{tip.pk}/acknowledge/").data
    again = api(world, Role.SRO_SUPERVISOR).post(f"/api/v1/tips/{tip.pk}/acknowledge/").data
    assert first["status"] == "acknowledged" and again["acknowledged_at"] == first["acknowledged_at"]
    assert Tip.objects.get(pk=tip.pk).acknowledged_by == world.users[Role.SRO]


def test_it_records_questions_and_notes_apart(world, tip):
    api(world).post(f"/api/v1/tips/{tip.pk}/questions/", {"question": "Which stairwell?"}, format="json")
    detail = (
        api(world)
        .post(f"/api/v1/tips/{tip.pk}/notes/", {"body": "Checked cameras", "kind": "action"}, format="json")
        .data
    )
    assert [m["body"] for m in detail["messages"]] == ["Which stairwell?"]
    assert [(n["author"], n["body"]) for n in detail["notes"]] == [("action", "Checked cameras")]
    assert detail["status"] == "acknowledged"  # asking means someone is on it
    audited = AuditEvent.objects.filter(object_type__in=["tips.tipmessage", "tips.tipnote"])
    assert audited.count() == 2 and "Checked cameras" not in str(
        list(audited.values_list("after", flat=True))
    )


def test_it_closes_a_tip_as_occurrence_opened_with_its_link(world, tip):
    occurrence = world.a.extras["occurrence"]
    response = api(world).post(
        f"/api/v1/tips/{tip.pk}/disposition/",
        {"disposition": "occurrence_opened", "occurrence": occurrence.pk},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert (response.data["status"], response.data["occurrence"]) == ("closed", occurrence.pk)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"disposition": "occurrence_opened"}, "occurrence"),
        ({"disposition": "referred"}, "referred_to"),
        ({"disposition": "duplicate"}, "duplicate_of"),
        ({"disposition": "unfounded", "referred_to": "RCMP"}, "referred_to"),
        ({"disposition": "made_up"}, "disposition"),
        ({"disposition": "occurrence_opened", "occurrence": "999999"}, "occurrence"),
    ],
)
def test_it_refuses_an_inconsistent_disposition(world, tip, payload, field):
    response = api(world).post(f"/api/v1/tips/{tip.pk}/disposition/", payload, format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert Tip.objects.get(pk=tip.pk).disposition == ""


def test_it_refuses_another_programs_occurrence_or_tip_as_a_link(world, tip):
    other = world.b.extras
    for payload in (
        {"disposition": "occurrence_opened", "occurrence": other["occurrence"].pk},
        {"disposition": "duplicate", "duplicate_of": other["tip"].pk},
    ):
        response = api(world).post(f"/api/v1/tips/{tip.pk}/disposition/", payload, format="json")
        assert response.status_code == 400, response.data
    assert Tip.objects.get(pk=tip.pk).status == "new"


def test_it_lets_a_school_admin_neither_see_nor_touch_tips(world, tip):
    client = api(world, Role.SCHOOL_ADMIN)
    assert client.get("/api/v1/tips/").data["results"] == []
    assert client.post(f"/api/v1/tips/{tip.pk}/acknowledge/").status_code == 404


def test_it_hides_tips_from_the_outsider(world, tip):
    client = world.client(world.outsider)
    assert tip.number not in str(client.get("/api/v1/tips/").data)
    assert client.get(f"/api/v1/tips/{tip.pk}/").status_code == 404


def test_it_shows_the_supervisor_the_triage_queue_and_not_the_sro(world):
    partner = make_partner(world.a)
    triage = partner.client.post(
        "/api/v1/tips/", tip_payload(reference="T1", school_text="??"), format="json"
    ).data
    sro_rows = api(world).get("/api/v1/tips/").data["results"]
    supervisor_rows = api(world, Role.SRO_SUPERVISOR).get("/api/v1/tips/?routed_queue=triage").data["results"]
    assert triage["id"] not in [r["id"] for r in sro_rows]
    assert [r["id"] for r in supervisor_rows] == [triage["id"]]


# ---------------------------------------------------------------- the web pages


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_handles_a_tip_from_the_web_page(world, tip):
    client = signed_in(world.users[Role.SRO])
    assert tip.number in client.get("/tips/").text
    page = client.get(f"/tips/{tip.pk}/").text
    assert "A student showed a knife" in page and "Acknowledge" in page
    assert client.post(f"/tips/{tip.pk}/acknowledge/").status_code == 302
    assert client.post(f"/tips/{tip.pk}/note/", {"kind": "note", "body": "Met the VP"}).status_code == 302
    response = client.post(
        f"/tips/{tip.pk}/dispose/",
        {"disposition": "referred", "referred_to": "CFS", "version": Tip.objects.get(pk=tip.pk).version},
    )
    assert response.status_code == 302
    tip.refresh_from_db()
    assert (tip.status, tip.disposition, tip.referred_to) == ("closed", "referred", "CFS")
    assert TipNote.objects.filter(tip=tip).count() == 1


def test_it_shows_form_errors_on_the_page(world, tip):
    client = signed_in(world.users[Role.SRO])
    response = client.post(
        f"/tips/{tip.pk}/dispose/", {"disposition": "duplicate", "duplicate_of": "T-NONE-XXXX"}
    )
    assert response.status_code == 400 and "No such record." in response.text
    assert client.post(f"/tips/{tip.pk}/ask/", {"question": ""}).status_code == 400
    assert not TipMessage.objects.filter(tip=tip).exists()


def test_it_refuses_a_stale_disposition(world, tip):
    client = signed_in(world.users[Role.SRO])
    client.post(f"/tips/{tip.pk}/acknowledge/")
    response = client.post(f"/tips/{tip.pk}/dispose/", {"disposition": "unfounded", "version": 1})
    assert response.status_code == 400 and Tip.objects.get(pk=tip.pk).status == "acknowledged"


def test_it_refuses_the_tip_pages_to_roles_that_do_not_work_tips(world):
    assert signed_in(world.users[Role.SCHOOL_ADMIN]).get("/tips/").status_code == 403
    assert signed_in(world.users[Role.SCHOOL_OFFICE]).get("/tips/measures/").status_code == 403


def test_it_shows_the_supervisor_the_candidate_schools_of_a_triaged_tip(world):
    partner = make_partner(world.a)
    triaged = partner.client.post(
        "/api/v1/tips/", tip_payload(reference="T2", school_text="alpha"), format="json"
    )
    page = signed_in(world.users[Role.SRO_SUPERVISOR]).get(f"/tips/{triaged.data['id']}/").text
    assert "Triage queue" in page and world.a.school.name in page and world.a.other_school.name in page
