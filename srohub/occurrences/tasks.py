"""Daily youth-records work (also ``srohub ycja sweep|escalate-notices|remind-disclosures`` for cron)."""

from django.utils import timezone
from django_tasks import task

from srohub.occurrences import services


@task()
def youth_records_daily() -> dict:
    """Apply the non-disclosure sweep, escalate overdue notices and remind schools, once a day."""
    return {
        "non_disclosable": services.ycja_sweep(as_of=timezone.localdate()),
        "escalated": services.notices_escalate(),
        "reminded": services.disclosures_remind(),
    }


@task()
def escalate_overdue_notices() -> int:
    """Escalate overdue parental notices (can run every few minutes: it escalates each once)."""
    return services.notices_escalate()
