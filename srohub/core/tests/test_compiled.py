"""A queryset compiled once answers exactly as the ORM does, whatever the arguments."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import AUDIT_EVENT_INSERT, SYSTEM, new_audit_event, snapshot
from srohub.core.compiled import RESERVED_IDS, CompiledInsert, CompiledQuery, IdReservations, insert_linked
from srohub.directory.models import Assignment, School
from srohub.tips.models import EscalationStep, Tip

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


# ---------------------------------------------------------------- records inserted together


TIP_INSERT, STEP_INSERT = CompiledInsert(Tip), CompiledInsert(EscalationStep)


def _steps(*numbers):
    """The linked records: a first notification step per number (the tip's audit event first)."""

    def linked(tip):
        event = new_audit_event(actor=SYSTEM, action=AuditAction.CREATE, instance=tip, after=snapshot(tip))
        steps = [
            EscalationStep(program_id=tip.program_id, tip=tip, step=n, target_kind="queue", target_queue="triage",
                           due_at=timezone.now())
            for n in numbers
        ]
        return [(AUDIT_EVENT_INSERT, event), *((STEP_INSERT, step) for step in steps)]

    return linked


def test_linked_records_are_stored_with_the_new_id(world):
    tip = insert_linked(TIP_INSERT, _tip(world, number="T-L1", received_at=timezone.now()), _steps(0, 1))
    assert tip.pk and not tip._state.adding
    assert Tip.objects.filter(pk=tip.pk, number="T-L1").exists()
    assert list(EscalationStep.objects.filter(tip=tip).values_list("step", flat=True)) == [0, 1]
    event = AuditEvent.objects.get(object_type="tips.tip", object_id=str(tip.pk))
    assert event.after["id"] == tip.pk and event.after["number"] == "T-L1"


def test_linked_records_are_all_stored_or_none(world):
    with pytest.raises(IntegrityError):  # two steps 0 for one tip: the unique (tip, step) refuses the second
        insert_linked(TIP_INSERT, _tip(world, number="T-L2", received_at=timezone.now()), _steps(0, 0))
    assert not Tip.objects.filter(number="T-L2").exists()
    assert not AuditEvent.objects.filter(object_type="tips.tip", object_repr__contains="T-L2").exists()
    insert_linked(TIP_INSERT, _tip(world, number="T-L3", received_at=timezone.now()), _steps(0))  # still usable
    assert Tip.objects.filter(number="T-L3").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement where the database has WITH inserts")
def test_on_postgresql_they_are_one_statement_in_autocommit(world):
    RESERVED_IDS.next_id(Tip)  # the block of ids is reserved beforehand, once per 32 tips
    with CaptureQueriesContext(connection) as queries:
        insert_linked(TIP_INSERT, _tip(world, number="T-L4", received_at=timezone.now()), _steps(0))
    assert len(queries) == 1 and queries[0]["sql"].startswith("WITH ")
    assert EscalationStep.objects.filter(tip__number="T-L4").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ids come from a PostgreSQL sequence")
def test_reserved_ids_are_each_used_once_and_reserved_a_block_at_a_time(world, django_assert_num_queries):
    reservations = IdReservations(block=4)
    with django_assert_num_queries(2):
        ids = [reservations.next_id(Tip) for _ in range(8)]
    assert ids == sorted(set(ids)) and len(ids) == 8
    assert Tip.objects.create(**_tip_fields(world, "T-L5")).pk > ids[-1]  # the sequence moved past them


def _tip_fields(world, number):
    tip = _tip(world, number=number, received_at=timezone.now())
    return {f.name: getattr(tip, f.name) for f in Tip._meta.concrete_fields if f.name != "id"}
