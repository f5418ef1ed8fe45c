"""Live progress of a planner run: short writes on the Plan row while the solver works, so the plan
page and the API can show how far it is (share of the time limit, best score and gap so far)."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from srohub.planning.models import Plan, PlanStatus
from srohub.planning.planner.progress import ProgressHandler, SolveProgress

logger = logging.getLogger(__name__)

# How long a progress write waits for SQLite's database-wide write lock before it is skipped.
SQLITE_LOCK_WAIT_MS = 200


def progress_recorder(plan: Plan) -> ProgressHandler | None:
    """A handler that writes the solver's reports on ``plan``; None when the run sits inside a
    transaction (an immediate task run from a test or a request): its writes would stay invisible to
    everyone else until the solve ends, and on SQLite would hold the write lock the whole time."""
    if transaction.get_connection().in_atomic_block:
        return None
    owner_thread = threading.get_ident()

    def record(progress: SolveProgress) -> None:
        record_progress(
            plan_id=plan.pk,
            fraction=progress.fraction_of(plan.seconds_allowed),
            objective=progress.objective,
            gap=progress.gap,
        )
        if threading.get_ident() != owner_thread:
            # CP-SAT with several workers reports from its own thread, where Django opened a
            # connection of its own for this write: nothing else would ever close it.
            connection.close()

    return record


def record_progress(*, plan_id: int, fraction: float, objective: float | None, gap: float | None) -> bool:
    """Store a running plan's progress in one autocommitted UPDATE, visible to other connections at
    once. No audit event: these are passing figures, the run's outcome is audited when it is stored.
    A busy database skips the write (the next report comes a second later); a plan that has finished
    meanwhile is left alone. Returns whether the row was written."""
    try:
        with _short_sqlite_lock_wait():
            written = Plan.objects.filter(pk=plan_id, status=PlanStatus.RUNNING).update(
                progress_fraction=fraction, progress_objective=objective, progress_gap=gap
            )
    except DatabaseError:
        logger.warning("Progress of plan %s not recorded: the database is busy.", plan_id, exc_info=True)
        return False
    return written == 1


@contextmanager
def _short_sqlite_lock_wait():
    """SQLite makes a writer wait for the write lock up to busy_timeout (20 s in settings), and the
    solver waits in its callback meanwhile: a progress write gives up after a fraction of a second.
    (On PostgreSQL the UPDATE locks only this plan's row, which nothing else writes while it runs.)"""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_LOCK_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {previous}")
