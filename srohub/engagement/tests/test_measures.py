"""Measures per officer, school, type and topic, and the engagement-to-enforcement ratio whose
denominator is "not yet available" (never zero) only while the occurrence capability is absent."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.core.roles import Role
from srohub.engagement import rules
from srohub.engagement.measures import program_measures
from srohub.engagement.models import Activity
from srohub.engagement.summary import school_summary
from srohub.occurrences import selectors as occurrence_selectors

pytestmark = pytest.mark.django_db
SPRING_2021 = rules.term_from_key("2021-spring")


@pytest.fixture
def logged(world):
    pw = world.a
    for kind, minutes, audience in (
        ("presentation", 60, 30),
        ("presentation", 90, 25),
        ("informal_contact", 30, None),
    ):
        Activity.objects.create(
            program=pw.program,
            school=pw.school,
            officer=pw.officer,
            activity_type=kind,
            occurred_on=date(2021, 4, 1),
            duration_minutes=minutes,
            audience_count=audience,
            topic=pw.extras["topic"] if kind == "presentation" else None,
        )
    Activity.objects.create(
        program=pw.program,
        school=pw.other_school,
        officer=pw.other_officer,
        activity_type="mediation",
        occurred_on=date(2021, 5, 1),
        duration_minutes=60,
    )
    Activity.objects.create(
        program=pw.program,
        school=pw.school,
        officer=pw.officer,
        activity_type="mediation",
        occurred_on=date(2021, 9, 1),
        duration_minutes=60,
    )  # next term
    return world


def test_it_counts_hours_and_reach_by_officer_school_type_and_topic(logged):
    world = logged
    measures = program_measures(world.users[Role.SRO_SUPERVISOR], world.a.program.pk, SPRING_2021)
    assert (measures.total.activities, measures.total.minutes, measures.total.reached) == (5, 285, 55)
    assert measures.by_school[world.a.school.pk].activities == 4
    assert measures.by_officer[world.a.other_officer.pk].hours == 1.0
    assert measures.by_type["presentation"].activities == 2 and measures.by_type["presentation"].reached == 55
    assert measures.by_topic[world.a.extras["topic"].pk].activities == 3
    assert measures.total.referrals == 1 and measures.total.referrals_completed == 0


def test_it_counts_only_the_sros_schools_for_the_sro(logged):
    measures = program_measures(logged.users[Role.SRO], logged.a.program.pk, SPRING_2021)
    assert set(measures.by_school) == {logged.a.school.pk}


def test_it_asks_two_aggregate_queries_of_the_activities(logged):
    with CaptureQueriesContext(connection) as captured:
        program_measures(logged.users[Role.EVALUATOR], logged.a.program.pk, SPRING_2021)
    activity_queries = [q["sql"] for q in captured if 'FROM "engagement_activity"' in q["sql"]]
    assert len(activity_queries) == 2 and all("GROUP BY" in sql for sql in activity_queries)


def test_it_counts_a_real_zero_when_the_occurrences_recorded_no_enforcement(logged):
    # The occurrence capability exists (the world's one occurrence is two days old, not in 2021):
    # zero is a real zero, not "not yet available".
    summary = school_summary(logged.users[Role.SCHOOL_ADMIN], logged.a.school, SPRING_2021)
    assert summary.enforcement_available is True and summary.total.enforcements == 0
    assert summary.ratio.available is True and summary.ratio.value is None
    assert ("summary", "Enforcement occurrences", 0) in summary.rows()


def test_it_divides_by_the_occurrences_real_enforcement_counts(world):
    # The world's occurrence at pw.school has a subject under an extrajudicial sanction.
    occurrence = world.a.extras["occurrence"]
    day = timezone.localtime(occurrence.occurred_at).date()
    for _ in range(3):
        Activity.objects.create(
            program=world.a.program,
            school=world.a.school,
            officer=world.a.officer,
            activity_type="informal_contact",
            occurred_on=day,
            duration_minutes=20,
        )
    term = rules.term_of(day)
    summary = school_summary(world.users[Role.SCHOOL_ADMIN], world.a.school, term)
    assert (summary.total.activities, summary.total.enforcements, summary.ratio.value) == (3, 1, 3.0)
    measures = program_measures(world.users[Role.EVALUATOR], world.a.program.pk, term)
    assert measures.enforcement_available and measures.by_school[world.a.school.pk].enforcements == 1
    assert measures.total.enforcements == 1


def test_it_says_not_yet_available_without_the_occurrences_function(logged, monkeypatch):
    monkeypatch.delattr(occurrence_selectors, "enforcement_counts")
    measures = program_measures(logged.users[Role.SRO_SUPERVISOR], logged.a.program.pk, SPRING_2021)
    assert measures.enforcement_available is False and measures.total.ratio.available is False


def test_it_divides_by_enforcement_once_it_exists(logged, monkeypatch):
    school, other = logged.a.school.pk, logged.a.other_school.pk
    monkeypatch.setattr(occurrence_selectors, "enforcement_counts", lambda **kwargs: {school: 2})
    measures = program_measures(logged.users[Role.SRO_SUPERVISOR], logged.a.program.pk, SPRING_2021)
    assert measures.by_school[school].ratio.value == 2.0
    assert measures.by_school[other].enforcements == 0  # none there: a real zero, the ratio has no value
    summary = school_summary(logged.users[Role.SCHOOL_ADMIN], logged.a.school, SPRING_2021)
    assert (summary.total.activities, summary.total.enforcements, summary.ratio.value) == (4, 2, 2.0)
