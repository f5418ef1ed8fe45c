"""Background work of the drills app; each task is also a command (`srohub drills remind|purge`)."""

from datetime import date

from django.utils import timezone
from django_tasks import task

from srohub.drills import maintenance


@task()
def send_drill_notices(today: str | None = None, program_id: int | None = None) -> int:
    """Reminders 30 days (division-set) before a requirement falls due, then overdue notices."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return maintenance.notices_send(today=day, program_id=program_id)


@task()
def purge_expired_drills(today: str | None = None) -> int:
    """Delete drill records past their retention period (their audit events stay)."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return maintenance.drills_purge(today=day)
