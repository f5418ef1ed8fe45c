"""A queryset compiled once answers exactly as the ORM does, whatever the arguments."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone

from srohub.core.compiled import CompiledInsert, CompiledQuery
from srohub.directory.models import Assignment, School
from srohub.tips.models import Tip

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


# ---------------------------------------------------------------- a compiled INSERT


def _tip(world, **fields):

    values = {
        "program": world.a.program,
        "school": world.a.school,
        "number": "T-1",
        "source": "partner",
        "category": "weapon",
        "received_at": timezone.now(),
        "narrative": "Ünïcode narrative, 'quoted' and %s kept as text",
        "school_candidates": [{"school_id": world.a.school.pk, "score": 91.5}],
        "routed_kind": "officer",
        "routed_officer": world.a.officer,
        "life_safety": True,
    }
    values.update(fields)
    return Tip(**values)


def test_a_compiled_insert_stores_the_same_row_as_save(world):


    now = timezone.now()
    by_orm = _tip(world, number="T-ORM", received_at=now)
    by_orm.save(force_insert=True)
    compiled = _tip(world, number="T-CMP", received_at=now)
    assert CompiledInsert(Tip).insert(compiled) is compiled
    assert compiled.pk and compiled.pk != by_orm.pk and not compiled._state.adding
    assert compiled.created_at is not None and compiled.updated_at is not None  # pre_save ran
    stored, expected = (Tip.objects.filter(pk=t.pk).values().get() for t in (compiled, by_orm))
    for row in (stored, expected):
        for own in ("id", "number", "created_at", "updated_at"):  # its own id, number and clock
            row.pop(own)
    assert stored == expected and stored["school_candidates"] == [{"school_id": world.a.school.pk, "score": 91.5}]
    assert Tip.objects.get(pk=compiled.pk).narrative.endswith("%s kept as text")


def test_a_compiled_insert_saves_through_django_when_the_model_has_signal_receivers(world):


    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.number, created))

    post_save.connect(receiver, sender=Tip)
    try:
        CompiledInsert(Tip).insert(_tip(world, number="T-SIG", received_at=timezone.now()))
    finally:
        post_save.disconnect(receiver, sender=Tip)
    assert heard == [("T-SIG", True)]


def test_a_compiled_insert_is_one_statement_and_refuses_what_save_refuses(world, django_assert_num_queries):


    insert = CompiledInsert(Tip)
    insert.insert(_tip(world, number="T-A", received_at=timezone.now()))
    with django_assert_num_queries(1):
        insert.insert(_tip(world, number="T-B", received_at=timezone.now()))
    with pytest.raises(IntegrityError), transaction.atomic():
        insert.insert(_tip(world, number="T-A", received_at=timezone.now()))  # the number is unique
