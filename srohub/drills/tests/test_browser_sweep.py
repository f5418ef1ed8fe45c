"""The sweep on a phone survives a dropped connection: rooms recorded offline are queued on the
device and sent when it is back online, each room exactly once on the server."""

from collections import Counter

import pytest

from srohub.core.roles import Role
from srohub.core.tests.browser import PHONE, expect, new_page
from srohub.drills.models import SweepEntry
from srohub.drills.tests.helpers import started_drill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    page = new_page(browser, PHONE)
    yield page
    page.context.close()


def record(page, space, result="Secure"):
    room = page.locator(f"#space-{space.pk}")
    room.get_by_label(result, exact=True).check()
    room.get_by_role("button", name=f"Save {space.name}").click()


def test_it_keeps_rooms_recorded_offline_and_sends_each_once(page, live_server, world):
    drill, spaces = started_drill(world, rooms=4)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(world.users[Role.SRO].username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/drills/{drill.pk}/sweep/")

    record(page, spaces[0])
    record(page, spaces[1])
    expect(page.locator(f"#status-{spaces[1].pk}")).to_have_text("Saved")

    page.context.set_offline(True)
    record(page, spaces[2])
    record(page, spaces[3])
    expect(page.locator(f"#status-{spaces[3].pk}")).to_have_text("Saved on this phone, waiting to send")
    assert SweepEntry.objects.filter(drill=drill).count() == 2

    page.context.set_offline(False)
    expect(page.locator(f"#status-{spaces[2].pk}")).to_have_text("Saved")
    expect(page.locator(f"#status-{spaces[3].pk}")).to_have_text("Saved")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    counts = Counter(SweepEntry.objects.filter(drill=drill).values_list("space_id", flat=True))
    assert counts == {space.pk: 1 for space in spaces}
