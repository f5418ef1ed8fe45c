"""The web UI in a real browser: a school office on a phone, in both languages, by keyboard only,
and a program admin filtering schools on a desktop (HTMX)."""

import os
import re
from pathlib import Path

import pytest

from srohub.core.roles import Role
from srohub.core.tests.browser import DESKTOP, PHONE, expect, new_page, sign_in

SCREENSHOTS = Path(os.environ.get("SROHUB_SCREENSHOTS", "/tmp"))

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_a_school_office_on_a_phone_who_their_sro_is(browser, live_server, world):
    page = new_page(browser, PHONE)
    sign_in(page, live_server, world.users[Role.SCHOOL_OFFICE])

    expect(page).to_have_url(re.compile(rf"/schools/{world.a.school.pk}/sro/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is our SRO?")
    officer = world.a.officer
    expect(page.locator(".person").first).to_have_text(officer.name)
    phone_link = page.get_by_role("link", name=officer.phone).first
    expect(phone_link).to_have_attribute("href", f"tel:{officer.phone}")
    # Nothing wider than the phone: no sideways scrolling in a hallway.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SCREENSHOTS / "srohub-phone-who-is-our-sro.png"), full_page=True)
    page.context.close()


def test_it_switches_to_french_and_stays_on_the_page(browser, live_server, world):
    page = new_page(browser, PHONE)
    sign_in(page, live_server, world.users[Role.SCHOOL_OFFICE])
    sro_url = page.url

    page.get_by_role("button", name="Français").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui est notre agent ressource?")
    expect(page.get_by_role("link", name="Passer au contenu principal")).to_have_count(1)
    assert page.url == sro_url
    page.screenshot(path=str(SCREENSHOTS / "srohub-phone-french.png"), full_page=True)
    page.context.close()


def test_it_makes_the_skip_link_the_first_tab_stop(browser, live_server, world):
    page = new_page(browser, PHONE)
    sign_in(page, live_server, world.users[Role.SCHOOL_OFFICE])

    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.hash]")
    assert focused == ["Skip to main content", "#main"]
    expect(page.get_by_role("link", name="Skip to main content")).to_be_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.context.close()


def test_it_fits_every_page_on_a_phone(browser, live_server, world):
    page = new_page(browser, PHONE)
    sign_in(page, live_server, world.users[Role.PROGRAM_ADMIN])
    paths = ["/overview/", "/unit/", "/schools/", f"/schools/{world.a.school.pk}/", "/officers/",
             f"/officers/{world.a.officer.pk}/", "/partners/", "/import/", "/people/", "/audit/",
             f"/schools/{world.a.school.pk}/edit/"]
    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}, "wide tables must scroll inside their own box, not the page"
    page.context.close()


def test_it_filters_the_school_list_without_reloading_the_page(browser, live_server, world):
    page = new_page(browser, DESKTOP)
    sign_in(page, live_server, world.users[Role.PROGRAM_ADMIN])
    page.goto(f"{live_server.url}/schools/")
    expect(page.locator("#school-results tbody tr")).to_have_count(2)
    page.evaluate("window.notReloaded = true")  # lost if the browser loads a new page

    page.get_by_label("Name or code").fill("Elementary")

    expect(page.locator("#school-results tbody tr")).to_have_count(1)
    expect(page.locator("#school-results")).to_contain_text(world.a.other_school.name)
    expect(page).to_have_url(re.compile(r"[?&]q=Elementary"))
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=str(SCREENSHOTS / "srohub-desktop-schools.png"), full_page=True)
    page.context.close()
