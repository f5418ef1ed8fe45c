"""The compliance table takes a constant number of queries, whatever the number of schools."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from srohub.audit.services import SYSTEM
from srohub.core.testing import OrganizationFactory, SchoolFactory
from srohub.directory.models import School
from srohub.drills import rule_services
from srohub.drills.models import Drill, DrillStatus
from srohub.drills.selectors import compliance_for_schools

pytestmark = pytest.mark.django_db


def add_schools(world, count, division):
    for _ in range(count):
        school = SchoolFactory(program=world.a.program, division=division)
        when = datetime(2025, 10, 1, 15, tzinfo=UTC)
        Drill.objects.create(
            program=world.a.program,
            school=school,
            drill_type="lockdown",
            scheduled_for=when,
            started_at=when,
            all_clear_at=when,
            status=DrillStatus.COMPLETED,
        )


def with_rules(division):
    rule_services.requirement_set_create(
        actor=SYSTEM, division=division, school_year="2025-2026", preset="ontario"
    )


def queries_for_table(program):
    with CaptureQueriesContext(connection) as captured:
        rows = compliance_for_schools(School.objects.filter(program=program), "2025-2026", date(2026, 1, 10))
        assert all(row.types for row in rows)
    return len(captured), len(rows)


def test_it_takes_the_same_queries_for_few_and_many_schools(world):
    add_schools(world, 2, world.a.division)
    with_rules(world.a.division)
    few, few_rows = queries_for_table(world.a.program)
    for _ in range(3):  # more divisions with their own rules, more schools
        division = OrganizationFactory(program=world.a.program)
        with_rules(division)
        add_schools(world, 8, division)
    add_schools(world, 1, world.a.division)
    many, many_rows = queries_for_table(world.a.program)
    assert many_rows == few_rows + 25
    assert few == many <= 7
