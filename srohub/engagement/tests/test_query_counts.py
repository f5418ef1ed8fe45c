"""The list and summary pages ask the same number of queries for 5 rows as for 60 (no loop of
queries per row): the measures are one aggregate query each, enforcement per school and per
officer included (the rows grow with activities and enforcement occurrences of both officers)."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.core.roles import Role
from srohub.engagement.models import Activity, Material, MaterialVersion, Referral
from srohub.engagement.rules import ActivityType
from srohub.occurrences.testing import occurrence_at, subject_with_outcome, young_person

pytestmark = pytest.mark.django_db
TERM_DAY = date(2021, 3, 1)
PAGES = [
    (Role.SRO, "/activities/?term=2021-spring"),
    (Role.SRO_SUPERVISOR, "/activities/measures/?term=2021-spring"),
    (Role.SRO, "/activities/measures/?term=2021-spring"),
    (Role.EVALUATOR, "/activities/measures.csv?term=2021-spring"),
    (Role.SRO_SUPERVISOR, "/api/v1/engagement/measures/?term=2021-spring"),
    (Role.SCHOOL_ADMIN, "/activities/schools/{school}/summary/?term=2021-spring"),
    (Role.SCHOOL_ADMIN, "/activities/schools/{school}/summary.csv?term=2021-spring"),
    (Role.SRO, "/activities/referrals/"),
    (Role.SRO, "/api/v1/activities/"),
    (Role.SRO, "/activities/library/"),
]


def add_rows(world, count: int, rng: random.Random) -> None:
    pw, topic = world.a, world.a.extras["topic"]
    # A new presentation each time too: the library's rows grow with the activities.
    material = Material.objects.create(program=pw.program, title=f"Talk {count}", topic=topic)
    MaterialVersion.objects.create(program=pw.program, material=material, label="1", released_on=TERM_DAY)
    Activity.objects.bulk_create(
        Activity(
            program=pw.program,
            # Every fourth by the other officer at the other school: two rows in the officer table.
            school=pw.other_school if i % 4 == 3 else pw.school,
            officer=pw.other_officer if i % 4 == 3 else pw.officer,
            occurred_on=TERM_DAY + timedelta(days=i % 60),
            activity_type=rng.choice(ActivityType.values),
            duration_minutes=rng.randint(10, 120),
            topic=topic if i % 2 else None,
            audience_count=rng.randint(0, 30),
            person=pw.extras["engagement_person"] if i % 5 == 0 else None,
            material_version=pw.extras["material_version"] if i % 3 == 0 else None,
        )
        for i in range(count)
    )
    referral = pw.extras["referral"]
    Referral.objects.bulk_create(
        Referral(
            program=pw.program,
            school=pw.school,
            agency=referral.agency,
            service_kind="family",
            referred_by=referral.referred_by,
            referred_on=TERM_DAY,
            consent_given_by="parent",
            consent_given_on=TERM_DAY,
            consent_scope="x",
            last_update_on=TERM_DAY,
        )
        for _ in range(count // 3)
    )
    add_enforcement(pw, count // 10 + 1)


def add_enforcement(pw, count: int) -> None:
    """``count`` cautions in the term, by both officers at their schools."""
    days_ago = (timezone.localdate() - TERM_DAY).days
    person = young_person(pw, age=15 + days_ago // 365)  # about 15 on TERM_DAY
    for i in range(count):
        officer, school = (pw.officer, pw.school) if i % 2 else (pw.other_officer, pw.other_school)
        occurrence = occurrence_at(pw, days_ago=days_ago - i, school=school, officer=officer)
        subject_with_outcome(pw, occurrence, outcome="caution", person=person)


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.mark.parametrize(("role", "url"), PAGES)
def test_it_asks_as_many_queries_for_many_rows_as_for_few(world, role, url):
    url = url.format(school=world.a.school.pk)
    client = Client()
    client.force_login(world.users[role])
    rng = random.Random(4)
    add_rows(world, 5, rng)
    queries_of(client, url)  # warm the session and per-process caches
    few = queries_of(client, url)
    add_rows(world, 60, rng)
    assert queries_of(client, url) == few


def test_it_fills_the_officer_table_the_constant_count_is_about(world):
    from srohub.engagement import rules
    from srohub.engagement.measures import program_measures

    add_rows(world, 60, random.Random(4))
    measures = program_measures(world.users[Role.SRO_SUPERVISOR], world.a.program.pk, rules.term_of(TERM_DAY))
    officers = measures.by_officer
    assert {world.a.officer.pk, world.a.other_officer.pk} <= set(officers)
    assert all(officers[o.pk].enforcements > 0 for o in (world.a.officer, world.a.other_officer))
