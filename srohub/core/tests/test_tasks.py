"""A task started by a write is committed with it (database queue) or runs after it (immediate)."""

import pytest
from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from srohub.core.tasks import enqueue_with_write

pytestmark = pytest.mark.django_db(transaction=True)

RAN: list[int] = []


@task()
def remember(number: int) -> int:
    RAN.append(number)
    return number


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class Rollback(Exception):
    pass


def test_with_the_database_queue_the_job_commits_with_the_write(settings):
    settings.TASKS = DATABASE_QUEUE
    with transaction.atomic():
        enqueue_with_write(remember, 1)
        assert DBTaskResult.objects.count() == 1  # inside the write's own transaction
    assert DBTaskResult.objects.count() == 1


def test_with_the_database_queue_a_failed_write_leaves_no_job(settings):
    settings.TASKS = DATABASE_QUEUE
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_with_write(remember, 2)
        raise Rollback
    assert DBTaskResult.objects.count() == 0


def test_with_the_immediate_backend_the_task_runs_after_the_commit():
    RAN.clear()
    with transaction.atomic():
        enqueue_with_write(remember, 3)
        assert RAN == []
    assert RAN == [3]
    with pytest.raises(Rollback), transaction.atomic():
        enqueue_with_write(remember, 4)
        raise Rollback
    assert RAN == [3]
