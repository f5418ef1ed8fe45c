"""`srohub worker`: the background worker for Django's tasks API (database-backed queue).

It is django_tasks_db's ``db_worker`` under the project's name, with every option passed through
(``--queue-name``, ``--batch``, ``--max-tasks``, ``--interval``, …): subclassing keeps its parser, so
``srohub worker --help`` documents exactly what the worker accepts.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run the background worker: it takes queued tasks (notifications, reports, sweeps) and runs them."
