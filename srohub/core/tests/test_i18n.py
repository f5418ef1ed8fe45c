"""English and French: the French catalogue covers every message of the project, and a page
asked for in French comes out in French."""

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

from srohub.core.roles import Role

MESSAGES = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES"
PO, MO = MESSAGES / "django.po", MESSAGES / "django.mo"


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as po:
        return read_po(po, locale="fr")


def _translated(message) -> bool:
    return all(message.string) if isinstance(message.string, tuple) else bool(message.string)


def test_it_translates_every_message_of_the_project(catalogue):
    untranslated = [message.id for message in catalogue if message.id and not _translated(message)]
    assert untranslated == [], "Translate these in django.po (after `manage.py makemessages -l fr`)."


def test_it_has_no_fuzzy_translation(catalogue):
    # A fuzzy entry is a guess by msgmerge: it is not compiled, so the page would show English.
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert fuzzy == []


def test_it_keeps_every_placeholder_in_the_translations(catalogue):
    problems = [(message.id, [str(error) for error in errors]) for message, errors in catalogue.check()]
    assert problems == []


def test_it_uses_french_plural_rules(catalogue):
    assert catalogue.plural_forms == "nplurals=2; plural=(n > 1);"


def test_it_compiled_the_catalogue_after_its_last_change(catalogue):
    assert MO.exists(), "The compiled catalogue is missing: run `make messages`."
    with MO.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [message.id for message in catalogue
             if message.id and isinstance(message.id, str) and not message.context
             and compiled.gettext(message.id) != message.string]
    assert stale == [], "django.mo is older than django.po: run `make messages`."


@pytest.mark.django_db
def test_it_renders_a_page_in_french_when_the_browser_asks_for_french(client, world):
    client.force_login(world.users[Role.SCHOOL_OFFICE])
    page = reverse("directory:school-sro", args=[world.a.school.pk])
    response = client.get(page, headers={"Accept-Language": "fr-CA"})
    assert '<html lang="fr">' in response.text
    assert "Qui est notre agent ressource?" in response.text
    assert "Passer au contenu principal" in response.text
    assert "Who is our SRO?" not in response.text


@pytest.mark.django_db
def test_it_switches_to_french_through_the_language_form(client, world):
    client.force_login(world.users[Role.PROGRAM_ADMIN])
    page = reverse("directory:school-list")
    response = client.post(reverse("set_language"), {"language": "fr", "next": page})
    assert response["Location"] == page
    french = client.get(page).text
    assert "Trouver des écoles" in french and "Écoles" in french
    assert 'name="language" value="en"' in french  # the way back to English
