"""A queryset compiled once answers exactly as the ORM does, whatever the arguments."""

from datetime import date, timedelta

import pytest

from srohub.core.compiled import CompiledQuery
from srohub.directory.models import Assignment, School

pytestmark = pytest.mark.django_db


def _assignments(school_id: int, on: date):
    return Assignment.objects.active_on(on).filter(school_id=school_id).order_by("pk").values_list("pk", "role")


ASSIGNMENTS = CompiledQuery(_assignments, school_id=int, on=date)


def test_it_answers_as_the_orm_for_every_argument(world):
    Assignment.objects.filter(pk=world.a.assignment.pk).update(end_date=date(2030, 6, 30))
    schools = [world.a.school.pk, world.a.other_school.pk, world.b.school.pk, 0]
    days = [date(2019, 1, 1), date(2026, 11, 23), date(2030, 6, 30), date(2030, 7, 1)]
    for school_id in schools:
        for day in days:
            assert ASSIGNMENTS.rows(school_id=school_id, on=day) == list(_assignments(school_id, day))
    assert ASSIGNMENTS.rows(school_id=world.a.school.pk, on=date(2030, 6, 30))  # not vacuous
    assert not ASSIGNMENTS.rows(school_id=world.a.school.pk, on=date(2030, 6, 30) + timedelta(days=1))


def test_it_counts_as_one_query(world, django_assert_num_queries):
    ASSIGNMENTS.rows(school_id=world.a.school.pk, on=date(2026, 11, 23))
    with django_assert_num_queries(1):
        ASSIGNMENTS.rows(school_id=world.a.school.pk, on=date(2026, 11, 24))


def test_it_refuses_wrong_arguments(world):
    with pytest.raises(TypeError):
        ASSIGNMENTS.rows(school_id=1)
    with pytest.raises(TypeError):
        CompiledQuery(_assignments, school_id=str, on=date)


def test_it_refuses_an_argument_that_does_not_reach_the_sql(world):
    ignores_program = CompiledQuery(lambda program_id: School.objects.values_list("pk"), program_id=int)
    with pytest.raises(ValueError, match="program_id"):
        ignores_program.rows(program_id=world.a.program.pk)
