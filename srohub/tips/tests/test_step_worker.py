"""In a deployment (database task queue) a new tip's first step row is the job: no task row is
written with the tip, and the step worker (`srohub tips escalate --watch`) sends it within its
interval, then stops cleanly when told to."""

import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from srohub.tips import escalation
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
