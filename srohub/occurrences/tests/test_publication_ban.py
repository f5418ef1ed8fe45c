"""YCJA s.110 and s.111: every output meant for an audience outside police — the counts page, its
CSV and PDF, the counts API, the e-mails sent — is rendered from seeded data and searched for
every seeded young person's name, date of birth and pseudonym."""

import random

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.occurrences import services
from srohub.occurrences.seed import seed_occurrences
from srohub.people.models import Person

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
    """What identifies each young person of the program."""
    found = []
    for person in Person.objects.filter(program=program):
        found += [f"{person.given_name} {person.family_name}", person.family_name, person.pseudonym]
        if person.date_of_birth:
            found += [person.date_of_birth.isoformat(), person.date_of_birth.strftime("%b. %d, %Y")]
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
