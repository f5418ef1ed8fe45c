"""Background work of the tips app; the same work is the command `srohub tips escalate`."""

from django_tasks import task

from srohub.tips.escalation import escalations_process


@task()
def send_tip_notifications(tip_id: int | None = None) -> int:
    """Send the due notification steps (of one tip, or of all tips)."""
    return escalations_process(tip_id=tip_id)
