"""YCJA s.110 and s.111: every output meant for an audience outside police — the counts page, its
CSV and PDF, the counts API, the e-mails sent — is rendered from seeded data and searched for
every seeded young person's name, date of birth and pseudonym; then every page, export and API
read of the whole site, for every role outside police."""

import contextlib
import io
import random
import re
import zipfile
import zlib

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.testing import record_of_program
from srohub.occurrences import services
from srohub.occurrences.seed import seed_occurrences
from srohub.people.models import Guardian, Person

OUTSIDE_POLICE = [Role.SCHOOL_ADMIN, Role.DIVISION_LEAD, Role.EVALUATOR, Role.PROGRAM_ADMIN]
OUTPUTS = [
    "/occurrences/counts/",
    "/occurrences/counts.csv",
    "/occurrences/counts.pdf",
    "/api/v1/occurrence-counts/",
]
PERIOD = "?start=2000-01-01&end=2100-01-01"


@pytest.fixture
def seeded(world, django_capture_on_commit_callbacks):
    for user in world.users.values():
        user.email = f"{user.username}@example.org"
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        counts = seed_occurrences(
            program=world.a.program, rng=random.Random(5), scale="small", today=timezone.localdate()
        )
        services.notices_escalate()
        services.disclosures_remind()
    assert counts["occurrences"] == 12 and counts["non_disclosable"] >= 1 and counts["disclosures"] == 1
    return world


def identifiers(program) -> list[str]:
    """What identifies each young person of the program, their parents' names and phones included."""
    found = []
    for person in Person.objects.filter(program=program):
        found += [f"{person.given_name} {person.family_name}", person.pseudonym]
        if any(ch.isdigit() for ch in person.family_name):  # the seed's unique family names ("Chen3")
            found.append(person.family_name)
        if person.date_of_birth:
            found += [person.date_of_birth.isoformat(), person.date_of_birth.strftime("%b. %d, %Y")]
    for guardian in Guardian.objects.filter(program=program):  # a parent's name or phone points to the child
        found += [guardian.name, *([guardian.phone] if guardian.phone else [])]
    return found


@pytest.mark.parametrize("role", OUTSIDE_POLICE)
def test_it_publishes_no_young_persons_identity_in_any_output(seeded, role):
    client = Client()
    client.force_login(seeded.users[role])
    secrets = identifiers(seeded.a.program)
    assert len(secrets) > 30
    for url in OUTPUTS:
        response = client.get(url + PERIOD)
        assert response.status_code == 200, url
        text = response.content.decode("latin-1")
        assert "Collegiate" in text or "alpha" in text, f"{url} shows no school: the search proves nothing"
        leaked = [secret for secret in secrets if secret in text]
        assert not leaked, f"{url} for {role} shows {leaked}"


def test_it_sends_no_identity_by_email(seeded):
    assert mail.outbox, "the seed should have escalated notices and reminded the school"
    secrets = identifiers(seeded.a.program)
    for message in mail.outbox:
        assert not [s for s in secrets if s in message.subject + message.body]


def test_it_refuses_counts_to_roles_that_do_not_read_them(world):
    client = Client()
    for role in (Role.SCHOOL_OFFICE, Role.RECORDS_CUSTODIAN, Role.TIP_PARTNER):
        client.force_login(world.users[role])
        assert client.get("/occurrences/counts/").status_code == 403
        assert client.get("/api/v1/occurrence-counts/").status_code == 403


# ---------------------------------------------------------------- every page, export and API reading


def readable(response) -> str:
    """What a response says, as text: PDF streams inflated, XLSX/ZIP members read, the rest decoded."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    parts = [body]
    if "pdf" in kind:
        for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
            with contextlib.suppress(zlib.error):
                parts.append(zlib.decompress(stream))
    if body[:2] == b"PK":
        with contextlib.suppress(zipfile.BadZipFile), zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    return "\n".join(part.decode("utf-8", "replace") for part in parts)


def readable_routes():
    """Every route a signed-in user can GET: pages, exports and API reads, with or without a record id."""
    from srohub.core.routes import iter_routes  # noqa: PLC0415 - walked once, at collection

    for route in iter_routes():
        if route.is_public or route.has_positional_args:
            continue
        if route.is_api and "get" not in route.api_methods:
            continue
        yield route


def url_for(route, program) -> str | None:
    values = {}
    for name in route.kwarg_names:
        if name == "format":
            values[name] = "json"
            continue
        model = route.scoped_model
        record = record_of_program(model, program) if model is not None else None
        if record is None:
            return None
        values[name] = str(record.pk) if name in {"pk", "id"} or name.endswith("_pk") else str(
            getattr(record, name, record.pk)
        )
    try:
        return route.url(**values)
    except ValueError:
        return None


OUTSIDE_POLICE_EVERYWHERE = [*OUTSIDE_POLICE, Role.SCHOOL_OFFICE, Role.TIP_PARTNER]


@pytest.mark.parametrize("role", OUTSIDE_POLICE_EVERYWHERE)
def test_it_shows_no_young_persons_identity_on_any_page_export_or_api_read(seeded, role):
    """s.110/s.111 across the whole site: every GET route (lists, reports, exports, API, and the
    record pages of the test world) rendered for a role outside police, searched for every young
    person's name, pseudonym and date of birth."""
    client = Client(raise_request_exception=False)
    client.force_login(seeded.users[role])
    secrets = identifiers(seeded.a.program)
    read, leaks = 0, []
    for route in readable_routes():
        url = url_for(route, seeded.a.program)
        if url is None:
            continue
        response = client.get(url + PERIOD, HTTP_ACCEPT="*/*")
        if response.status_code != 200:
            continue
        read += 1
        text = readable(response)
        leaks += [(url, secret) for secret in secrets if secret in text]
    assert read >= 10, f"only {read} routes answered {role}: the crawl proves nothing"
    assert not leaks, f"{role} is shown {leaks[:10]}"
