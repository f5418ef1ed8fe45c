"""Real races, on PostgreSQL: concurrent retries of one reference store one tip, and concurrent
escalation workers send each step once. SQLite takes its write lock at BEGIN (IMMEDIATE), so
these races cannot happen there; the deterministic race test in test_partner_intake covers the
code path on both databases."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from srohub.core.roles import Role
from srohub.tips import escalation, intake
from srohub.tips.models import EscalationStep, Tip
from srohub.tips.sms import LocmemSmsBackend
from srohub.tips.tests.helpers import make_partner

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serializes writers: no race to test"
    ),
]
THREADS = 8


def in_threads(work) -> list:
    barrier, results = threading.Barrier(THREADS), []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # reported through the results
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_it_stores_one_tip_for_concurrent_retries_of_a_reference(world):
    partner = make_partner(world.a)
    content = intake.TipContent(category="weapon", life_safety=True, narrative="Knife", school_id=world.a.school.pk)

    def submit():
        return intake.tip_submit_by_partner(
            actor=partner.user,
            program_id=world.a.program.pk,
            content=content,
            received_at=timezone.now(),
            reference="RACE-1",
        )

    results = in_threads(submit)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({tip.pk for tip, _created in results}) == 1
    assert sum(created for _tip, created in results) == 1
    assert Tip.objects.filter(partner=partner.organization).count() == 1


def test_it_sends_each_step_once_with_concurrent_workers(world):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    supervisor.phone = "204-555-0150"
    supervisor.save()
    partner = make_partner(world.a)
    for n in range(5):  # each tip's first step is sent as it is stored (tasks run at once in tests)
        content = intake.TipContent(category="weapon", life_safety=True, narrative="x", school_id=world.a.school.pk)
        intake.tip_submit_by_partner(
            actor=partner.user,
            program_id=world.a.program.pk,
            content=content,
            received_at=timezone.now(),
            reference=f"W{n}",
        )
    later = timezone.now() + timedelta(minutes=6)  # every tip's escalation to the supervisors is due
    results = in_threads(lambda: escalation.escalations_process(now=later))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(results) == 5
    assert EscalationStep.objects.filter(step=1, state="sent", tip__partner=partner.organization).count() == 5
    assert len([m for m in LocmemSmsBackend.outbox if m["to"] == "204-555-0150"]) == 5
