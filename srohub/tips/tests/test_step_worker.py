"""In a deployment (database task queue) a new tip's first step row is the job: no task row is
written with the tip, and the step worker (`srohub tips escalate --watch`) sends it within its
interval, then stops cleanly when told to."""

import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from srohub.tips import escalation, notifications
from srohub.tips.models import EscalationStep
from srohub.tips.tests.helpers import make_partner, tip_payload

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_the_watching_worker_sends_a_new_tips_first_step_within_its_interval(world, settings):
    settings.TASKS = DATABASE_QUEUE
    world.a.officer.email = "sro@example.org"
    world.a.officer.save()
    partner = make_partner(world.a)
    stop = threading.Event()
    handled = []
    worker = threading.Thread(target=lambda: handled.append(escalation.escalations_watch(interval=0.1, stop=stop)))
    worker.start()
    try:
        response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
        assert response.status_code == 201
        deadline = time.monotonic() + 10
        while not mail.outbox and time.monotonic() < deadline:  # watched in memory, not by reading the table
            time.sleep(0.05)
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive() and handled == [1]
    # Read once the worker has stopped: the tests' in-memory SQLite refuses a read of a table another
    # connection is writing at once ("database table is locked") instead of waiting for it.
    assert EscalationStep.objects.get(tip_id=response.data["id"], step=0).state == "sent"
    assert [message.to for message in mail.outbox] == [["sro@example.org"]]
    assert not DBTaskResult.objects.exists()  # the step row is the job


@pytest.mark.django_db
def test_without_workers_the_request_sends_the_first_step_after_commit(world, django_capture_on_commit_callbacks):
    partner = make_partner(world.a)
    with django_capture_on_commit_callbacks(execute=True):
        response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
    assert EscalationStep.objects.get(tip_id=response.data["id"], step=0).state == "sent"
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize("interval", ["0", "61", "-1"])
def test_it_refuses_an_interval_out_of_range(interval):
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError, match="between 0.05 and 60"):
        call_command("tips", "escalate", "--watch", "--interval", interval)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ends the worker's PostgreSQL session")
def test_the_watching_worker_outlives_a_database_outage_and_then_sends_what_fell_due(world, settings, caplog):
    """The worker's connection is ended and new connections are refused for a while, as in a database
    restart: the worker logs the failed passes, keeps trying, and once connections are accepted again
    sends the step that fell due meanwhile."""
    settings.TASKS = DATABASE_QUEUE
    world.a.officer.email = "sro@example.org"
    world.a.officer.save()
    partner = make_partner(world.a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        database = cursor.fetchone()[0]
    stop = threading.Event()
    handled = []
    worker = threading.Thread(target=lambda: handled.append(escalation.escalations_watch(interval=0.05, stop=stop)))
    worker.start()
    try:
        _wait_for(lambda: _other_sessions(database), "the worker to connect")
        _as_administrator(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false')
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) pid", [_other_sessions(database)])
        # The tip is stored through the test's own connection while the worker cannot connect.
        response = partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk), format="json")
        assert response.status_code == 201
        _wait_for(lambda: "Sending tip notification steps failed" in caplog.text, "a failed pass to be logged")
        assert worker.is_alive() and not mail.outbox
        _as_administrator(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true')
        _wait_for(lambda: mail.outbox, "the step to be sent", seconds=15)
    finally:
        _as_administrator(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true')
        stop.set()
        worker.join(timeout=40)
    assert not worker.is_alive() and handled == [1]
    assert EscalationStep.objects.get(tip_id=response.data["id"], step=0).state == "sent"
    assert [message.to for message in mail.outbox] == [["sro@example.org"]]


def _as_administrator(statement: str) -> None:
    """Run ``statement`` from the server's maintenance database: PostgreSQL refuses to close the
    database a session is connected to."""
    import psycopg  # noqa: PLC0415 - PostgreSQL only

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as administrator:
        administrator.execute(statement)


def _other_sessions(database: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])
        return [pid for (pid,) in cursor.fetchall()]


def _wait_for(condition, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.django_db
def test_a_step_that_cannot_be_sent_is_set_aside_and_the_steps_after_it_go_out(world, monkeypatch, caplog):
    """The worker takes the oldest due step first: one that fails every time must not hold back the
    life-safety escalations of every other tip. It stays pending, logged, and is tried again later."""
    world.a.officer.email = "sro@example.org"
    world.a.officer.save()
    partner = make_partner(world.a)
    first, second = (
        partner.client.post("/api/v1/tips/", tip_payload(school=world.a.school.pk, reference=r), format="json").data
        for r in ("P-1", "P-2")
    )  # the tests' immediate backend would send each after the commit: this test has none, both stay due
    message_for = notifications.message_for

    def failing_for_the_first(tip, step):
        if tip.pk == first["id"]:
            raise ValueError("a tip this code cannot describe")
        return message_for(tip, step)

    monkeypatch.setattr(notifications, "message_for", failing_for_the_first)
    set_aside = escalation.SetAside(seconds=60)
    assert escalation.escalations_process(set_aside=set_aside) == 1
    assert EscalationStep.objects.get(tip_id=second["id"], step=0).state == "sent"
    stuck = EscalationStep.objects.get(tip_id=first["id"], step=0)
    assert stuck.state == "pending" and set_aside.ids() == [stuck.pk]
    assert f"Tip notification step {stuck.pk} failed" in caplog.text
    assert escalation.escalations_process(set_aside=set_aside) == 0  # set aside: not retried at once

    monkeypatch.setattr(notifications, "message_for", message_for)  # mended
    assert escalation.escalations_process() == 1  # a new pass (or the pause over) sends it
    assert EscalationStep.objects.get(pk=stuck.pk).state == "sent"
    assert [message.to for message in mail.outbox] == [["sro@example.org"], ["sro@example.org"]]

