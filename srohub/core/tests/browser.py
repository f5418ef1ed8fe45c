"""What the browser tests share: Debian's chromium driven by Playwright, the phone and desktop
sizes, signing in. A pytest plugin (the root conftest loads it): the ``browser`` fixture is there
for every test module, which imports the rest from here."""

import os

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django refuses database access
# from such a thread unless told this is a test and not async code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright import sync_api  # noqa: E402 - after the setting above
from playwright.sync_api import expect  # noqa: E402, F401 - for the test modules

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (scripts/ensure-browser.sh).")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, viewport, locale: str = "en-CA"):
    context = browser.new_context(viewport=viewport, locale=locale, device_scale_factor=1)
    return context.new_page()


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    # Wait for the landing page to load completely: keys pressed earlier would go to the old page.
    page.wait_for_url(lambda url: "/login/" not in url, wait_until="load")


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")
