"""The tip pages in a real browser (Debian's chromium through Playwright): a student sends a tip
from a phone in French — the page's proof of work runs in the browser — reads the tip number and
passcode, and comes back with them; the officers' tip pages fit a phone and the measures plot."""

import pytest
from django.utils import timezone, translation

from srohub.core.roles import Role
from srohub.core.tests.browser import PHONE, new_page, page_width, sign_in
from srohub.tips.models import Tip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_student_sends_a_tip_from_a_phone_in_french_and_follows_it_up(browser, live_server, world):
    page = new_page(browser, PHONE, locale="fr-CA")
    page.goto(f"{live_server.url}/tips/report/{world.a.program.slug}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page_width(page) <= PHONE["width"]
    page.get_by_label("Que s'est-il passé?").fill("Quelqu’un vend du vapotage près du casier 12.")
    page.get_by_label("Quelle école?").select_option(label=world.a.school.name)
    page.get_by_label("Non").check()
    page.get_by_role("button", name="Envoyer le signalement").click()  # sends once the proof of work is found
    page.wait_for_selector("strong.code", timeout=30_000)
    number, passcode = page.locator("strong.code").all_inner_texts()
    tip = Tip.objects.get(number=number)
    assert tip.school_id == world.a.school.pk and tip.routed_officer_id == world.a.officer.pk
    assert not tip.life_safety

    page.goto(f"{live_server.url}/tips/follow-up/")
    page.get_by_label("Numéro de signalement").fill(number)
    page.get_by_label("Code d'accès").fill(passcode)
    page.get_by_label("Code d'accès").press("Enter")
    page.wait_for_load_state("load")
    with translation.override("fr"):
        status = str(tip.get_status_display())
    assert f"Statut : {status}" in page.locator("main").inner_text().replace("\xa0", " ")
    page.context.close()


def test_the_officers_tip_pages_fit_a_phone_and_the_measures_plot(browser, live_server, world):
    tip = Tip.objects.create(
        program=world.a.program, number="T-BR1", source="web", school=world.a.school, category="drugs",
        narrative="Quelqu’un vend du vapotage " * 40, routed_kind="officer", routed_officer=world.a.officer,
        received_at=timezone.now(),
    )
    page = new_page(browser, PHONE)
    sign_in(page, live_server, world.users[Role.SRO_SUPERVISOR])
    too_wide = {}
    for path in ["/tips/", f"/tips/{tip.pk}/", "/tips/measures/"]:
        page.goto(live_server.url + path)
        if page_width(page) > PHONE["width"]:
            too_wide[path] = page_width(page)
    assert too_wide == {}, "wide tables must scroll inside their own box, not the page"
    assert page.get_by_role("img", name="Tips received per month").is_visible()
    page.context.close()
