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


# ---------------------------------------------------------------- per officer


@pytest.fixture
def enforced_by_officer(world):
    """This term: four activities by the officer at the school, one by the other officer at the
    other school; enforcement: two cautions by the officer, one charge by the other officer (and
    the world's occurrence, which names no officer)."""
    from srohub.occurrences.testing import occurrence_at, subject_with_outcome

    pw = world.a
    for officer, school, outcome in (
        (pw.officer, pw.school, "caution"),
        (pw.officer, pw.school, "caution"),
        (pw.other_officer, pw.other_school, "charge"),
    ):
        extra = {"charge_method": "summons"} if outcome == "charge" else {}
        subject_with_outcome(pw, occurrence_at(pw, school=school, officer=officer), outcome=outcome, **extra)
    day = timezone.localtime(pw.extras["occurrence"].occurred_at).date()
    for officer, school, count in ((pw.officer, pw.school, 4), (pw.other_officer, pw.other_school, 1)):
        for _ in range(count):
            Activity.objects.create(
                program=pw.program,
                school=school,
                officer=officer,
                activity_type="informal_contact",
                occurred_on=day,
                duration_minutes=20,
            )
    return world, rules.term_of(day)


def test_it_divides_each_officers_engagement_by_their_enforcement(enforced_by_officer):
    world, term = enforced_by_officer
    pw = world.a
    measures = program_measures(world.users[Role.SRO_SUPERVISOR], pw.program.pk, term)
    officer, other = measures.by_officer[pw.officer.pk], measures.by_officer[pw.other_officer.pk]
    assert (officer.activities, officer.enforcements, officer.ratio.value) == (4, 2, 2.0)
    assert (other.activities, other.enforcements, other.ratio.value) == (1, 1, 1.0)


def test_it_counts_an_sros_officer_enforcement_only_at_their_schools(enforced_by_officer):
    world, term = enforced_by_officer
    measures = program_measures(world.users[Role.SRO], world.a.program.pk, term)
    assert set(measures.by_officer) == {world.a.officer.pk}
    assert measures.by_officer[world.a.officer.pk].enforcements == 2


def test_it_shows_an_officer_with_enforcement_and_no_engagement(enforced_by_officer):
    world, term = enforced_by_officer
    Activity.objects.filter(officer=world.a.other_officer).delete()
    measures = program_measures(world.users[Role.EVALUATOR], world.a.program.pk, term)
    other = measures.by_officer[world.a.other_officer.pk]
    assert (other.activities, other.enforcements, other.ratio.available, other.ratio.value) == (0, 1, True, 0.0)


def test_it_gives_an_officer_without_enforcement_a_real_zero_and_no_ratio(logged):
    measures = program_measures(logged.users[Role.SRO_SUPERVISOR], logged.a.program.pk, SPRING_2021)
    tally = measures.by_officer[logged.a.officer.pk]
    assert tally.enforcements == 0 and tally.ratio.available and tally.ratio.value is None


def test_it_says_not_yet_available_per_officer_without_the_occurrences_function(logged, monkeypatch):
    monkeypatch.delattr(occurrence_selectors, "enforcement_counts_by_officer")
    measures = program_measures(logged.users[Role.SRO_SUPERVISOR], logged.a.program.pk, SPRING_2021)
    tally = measures.by_officer[logged.a.officer.pk]
    assert tally.enforcements is None and not tally.ratio.available and tally.ratio.value is None


def test_it_asks_one_aggregate_query_for_the_enforcement_of_every_officer(enforced_by_officer):
    world, term = enforced_by_officer
    with CaptureQueriesContext(connection) as captured:
        program_measures(world.users[Role.EVALUATOR], world.a.program.pk, term)
    grouped_by_officer = [
        q["sql"] for q in captured if 'FROM "occurrences_occurrence"' in q["sql"] and '"officer_id"' in q["sql"]
    ]
    assert len(grouped_by_officer) == 1 and "GROUP BY" in grouped_by_officer[0]


def test_it_shows_the_ratio_per_officer_on_the_page_in_the_api_and_in_csv(enforced_by_officer):
    from django.test import Client

    world, term = enforced_by_officer
    user = world.users[Role.SRO_SUPERVISOR]
    client = Client()
    client.force_login(user)
    html = client.get(f"/activities/measures/?term={term.key}").content.decode()
    by_officer = html.split("By officer")[1].split("By school")[0]
    assert world.a.officer.name in by_officer and "2.0 : 1" in by_officer
    api = world.client(user).get(f"/api/v1/engagement/measures/?term={term.key}").data
    row = next(r for r in api["by_officer"] if r["key"] == str(world.a.officer.pk))
    assert (row["enforcements"], row["engagement_per_enforcement"]) == (2, 2.0)
    csv_text = client.get(f"/activities/measures.csv?term={term.key}").content.decode("utf-8-sig")
    line = next(line for line in csv_text.splitlines() if "By officer" in line and world.a.officer.name in line)
    assert line.endswith(",2,2.0")
    assert "Total" in csv_text


def test_it_writes_not_yet_available_in_the_csv_without_enforcement_data(logged, monkeypatch):
    from django.test import Client

    from srohub.audit.models import AuditEvent

    monkeypatch.delattr(occurrence_selectors, "enforcement_counts")
    client = Client()
    client.force_login(logged.users[Role.EVALUATOR])
    csv_text = client.get("/activities/measures.csv?term=2021-spring").content.decode("utf-8-sig")
    officer_line = next(line for line in csv_text.splitlines() if logged.a.officer.name in line)
    assert "not yet available" in officer_line
    assert AuditEvent.objects.filter(action="export", object_id=str(logged.a.program.pk)).exists()
