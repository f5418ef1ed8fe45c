"""The drills pages by persona: lists, a drill, the sweep page (without JavaScript too), the
compliance table with its exports, and a school's compliance page."""

import pytest
from django.test import Client

from srohub.core.roles import Role
from srohub.drills.models import SweepEntry
from srohub.drills.tests.helpers import started_drill

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_drills_and_a_drill_with_its_timings(world):
    drill, _ = started_drill(world)
    client = signed_in(world.users[Role.SRO])
    assert client.get("/drills/").status_code == 200
    page = client.get(f"/drills/{drill.pk}/")
    assert page.status_code == 200 and b"time to secure" in page.content


def test_it_records_a_room_without_javascript_and_refuses_a_second_result(world):
    drill, spaces = started_drill(world)
    client = signed_in(world.users[Role.SCHOOL_OFFICE])
    prefix = f"room-{spaces[0].pk}"
    form = {
        "space": spaces[0].pk,
        f"{prefix}-space": spaces[0].pk,
        f"{prefix}-idempotency_key": "nojs-key-0001",
        f"{prefix}-result": "secure",
    }
    assert client.post(f"/drills/{drill.pk}/sweep/", form).status_code == 302
    other = {
        **form,
        f"{prefix}-idempotency_key": "nojs-key-0002",
        f"{prefix}-result": "deficient",
        f"{prefix}-deficiencies": ["noise"],
    }
    client.post(f"/drills/{drill.pk}/sweep/", other)
    assert list(SweepEntry.objects.filter(drill=drill).values_list("result", flat=True)) == ["secure"]
    assert client.get(f"/drills/{drill.pk}/sweep/").status_code == 200


def test_it_starts_and_clears_a_drill_from_its_page(world):
    drill, _ = started_drill(world)
    client = signed_in(world.users[Role.SRO])
    assert client.post(f"/drills/{drill.pk}/all-clear/", {"at": ""}).status_code == 302
    drill.refresh_from_db()
    assert drill.status == "completed"


@pytest.mark.parametrize(
    ("export", "content_type", "magic"),
    [
        ("csv", "text/csv", b"\xef\xbb\xbfSchool"),
        ("xlsx", "spreadsheetml", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_it_exports_the_compliance_table(world, export, content_type, magic):
    response = signed_in(world.users[Role.DIVISION_LEAD]).get(
        f"/drills/compliance/?school_year=2025-2026&export={export}"
    )
    assert response.status_code == 200 and content_type in response["Content-Type"]
    assert response.content.startswith(magic)


def test_it_filters_and_sorts_the_compliance_table(world):
    client = signed_in(world.users[Role.PROGRAM_ADMIN])
    page = client.get("/drills/compliance/?school_year=2025-2026&sort=-school&q=Elementary")
    assert page.status_code == 200
    assert (
        world.a.other_school.name.encode() in page.content
        and world.a.school.name.encode() not in page.content
    )
    assert client.get("/drills/compliance/?school_year=bad").status_code == 400


def test_it_shows_a_school_its_compliance_and_outsiders_nothing(world):
    url = f"/drills/compliance/schools/{world.a.school.pk}/"
    assert signed_in(world.users[Role.SCHOOL_OFFICE]).get(url).status_code == 200
    assert signed_in(world.outsider).get(url).status_code == 404
    assert (
        signed_in(world.users[Role.SCHOOL_ADMIN])
        .get(f"/drills/compliance/schools/{world.a.other_school.pk}/")
        .status_code
        == 404
    )
