"""Background work started by a write."""

from django.db import transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend


def workers_run_tasks() -> bool:
    """Whether background workers run in this deployment (production's database queue), or the
    work runs in the request itself (the immediate backend of demo and tests)."""
    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def enqueue_with_write(task, *args, **kwargs) -> None:
    """Enqueue ``task`` as part of the write in progress (call it inside the write's transaction).

    With the database queue (production) the job row goes into the caller's transaction: it commits
    with the record it is about or not at all, and costs no second commit. Any other backend — the
    immediate one of demo and tests runs the task on the spot — gets it once the write has committed,
    when the record is there for every connection to read.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
