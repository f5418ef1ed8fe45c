"""Background work started by a write."""

from django.db import transaction
from django_tasks_db import DatabaseBackend


def queued_for_workers(task) -> bool:
    """Whether ``task`` goes to the database queue that workers take jobs from (production), rather
    than running in the request itself (the immediate backend of demo and tests)."""
    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue_with_write(task, *args, **kwargs) -> None:
    """Enqueue ``task`` as part of the write in progress (call it inside the write's transaction).

    With the database queue (production) the job row goes into the caller's transaction: it commits
    with the record it is about or not at all, and costs no second commit. Any other backend — the
    immediate one of demo and tests runs the task on the spot — gets it once the write has committed,
    when the record is there for every connection to read.
    """
    if queued_for_workers(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
