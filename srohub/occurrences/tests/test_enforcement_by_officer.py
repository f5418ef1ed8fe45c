"""Enforcement counted per officer (``Occurrence.officer``) with the same definition as per school:
cautions, extrajudicial sanctions and charges, no drafts, in the window, one aggregate query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.occurrences.selectors import enforcement_counts, enforcement_counts_by_officer
from srohub.occurrences.testing import occurrence_at, subject_with_outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforced(world):
    """The world's occurrence (no officer, an extrajudicial sanction) plus, two days ago: two
    cautions for the officer at the school, a charge for the other officer at the other school, and
    a warning (not enforcement) for the officer."""
    pw = world.a
    for officer, school, outcome in (
        (pw.officer, pw.school, "caution"),
        (pw.officer, pw.school, "caution"),
        (pw.other_officer, pw.other_school, "charge"),
        (pw.officer, pw.school, "warning"),
    ):
        extra = {"charge_method": "summons"} if outcome == "charge" else {}
        subject_with_outcome(pw, occurrence_at(pw, school=school, officer=officer), outcome=outcome, **extra)
    return world


def window():
    today = timezone.localdate()
    return {"start": today - timedelta(days=7), "end": today}


def test_it_counts_enforcement_per_officer(enforced):
    pw = enforced.a
    counts = enforcement_counts_by_officer(program_id=pw.program.pk, **window())
    assert counts == {pw.officer.pk: 2, pw.other_officer.pk: 1}


def test_it_agrees_with_the_count_per_school_except_for_occurrences_without_an_officer(enforced):
    pw = enforced.a
    by_school = enforcement_counts(program_id=pw.program.pk, **window())
    by_officer = enforcement_counts_by_officer(program_id=pw.program.pk, **window())
    assert sum(by_school.values()) == sum(by_officer.values()) + 1  # the world's occurrence has none


def test_it_limits_the_count_to_schools_and_officers(enforced):
    pw = enforced.a
    program = pw.program.pk
    assert enforcement_counts_by_officer(program_id=program, school_ids=[pw.school.pk], **window()) == {
        pw.officer.pk: 2
    }
    assert enforcement_counts_by_officer(
        program_id=program, officer_ids=[pw.other_officer.pk], **window()
    ) == {pw.other_officer.pk: 1}
    assert enforcement_counts_by_officer(program_id=program, school_ids=[], **window()) == {}


def test_it_leaves_out_other_periods_and_programs(enforced):
    pw = enforced.a
    today = timezone.localdate()
    long_ago = {"start": today - timedelta(days=400), "end": today - timedelta(days=300)}
    assert enforcement_counts_by_officer(program_id=pw.program.pk, **long_ago) == {}
    assert enforcement_counts_by_officer(program_id=enforced.b.program.pk, **window()) == {}


def test_it_asks_one_aggregate_query(enforced):
    with CaptureQueriesContext(connection) as captured:
        enforcement_counts_by_officer(program_id=enforced.a.program.pk, **window())
    assert len(captured) == 1 and "GROUP BY" in captured[0]["sql"]
