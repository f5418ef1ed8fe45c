"""Scheduled work of the drills app: reminders and overdue notices, and the retention purge.

Both run as the system actor from a task or from ``srohub drills remind`` / ``srohub drills purge``.
"""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Max

from srohub.audit.services import SYSTEM
from srohub.core.services import create_record, delete_record
from srohub.directory.models import School
from srohub.drills import rules
from srohub.drills.models import Drill, Notice, RequirementSet
from srohub.drills.notifications import send_notice_email
from srohub.drills.presets import DEFAULT_RETENTION_YEARS
from srohub.drills.selectors import compliance_for_schools


def notices_send(*, today: date, program_id: int | None = None) -> int:
    """Send today's reminders (before a requirement falls due) and overdue notices (every division-set
    interval after) for every active school; returns how many notices were recorded."""
    schools = School.objects.filter(is_active=True).select_related("division").order_by("pk")
    if program_id is not None:
        schools = schools.filter(program_id=program_id)
    school_year = rules.school_year_of(today)
    rows = compliance_for_schools(schools, school_year, today)
    last_sent = _last_sent([row.school.pk for row in rows], school_year)
    sent = 0
    for row in rows:
        sent += _notify_school(row, school_year, today, last_sent.get(row.school.pk, {}))
    return sent


def _last_sent(school_ids: list[int], school_year: str) -> dict[int, dict]:
    found: dict[int, dict] = defaultdict(dict)
    rows = (
        Notice.objects.filter(school_id__in=school_ids, school_year=school_year)
        .order_by()
        .values("school_id", "drill_type", "check_key", "kind", "deadline")
        .annotate(last=Max("sent_on"))
    )
    for row in rows:
        found[row["school_id"]][(row["drill_type"], row["check_key"], row["kind"], row["deadline"])] = row[
            "last"
        ]
    return found


@transaction.atomic
def _notify_school(row, school_year: str, today: date, last_sent: dict) -> int:
    book = row.rulebook
    due = []
    for compliance in row.types:
        mine = {
            (key, kind, deadline): last
            for (drill_type, key, kind, deadline), last in last_sent.items()
            if drill_type == compliance.drill_type
        }
        due += rules.notices_due(
            compliance, today, lead_days=book.lead_days, interval_days=book.interval_days, last_sent=mine
        )
    for notice in due:
        create_record(
            actor=SYSTEM,
            instance=Notice(
                program_id=row.school.program_id,
                school=row.school,
                school_year=school_year,
                drill_type=notice.drill_type,
                check_key=notice.check_key,
                kind=notice.kind,
                deadline=notice.deadline,
                sent_on=today,
                message=notice.reason[:500],
            ),
        )
    if due:
        messages = [n.reason for n in due]
        transaction.on_commit(lambda: send_notice_email(row.school, messages))
    return len(due)


def drills_purge(*, today: date) -> int:
    """Delete practice drills held before their division's retention period (default 3 years,
    Edmonton Public), with their sweep and corrective actions; each deletion keeps its audit event.
    Real events are kept: their retention follows the occurrence records they belong to."""
    retention = {
        (s["division_id"], s["school_year"]): s["retention_years"]
        for s in RequirementSet.objects.values("division_id", "school_year", "retention_years")
    }
    oldest_possible = rules.retention_cutoff(today, 1)
    candidates = (
        Drill.objects.filter(is_real=False, scheduled_for__date__lt=oldest_possible)
        .select_related("school")
        .order_by("pk")
    )
    purged = 0
    for drill in candidates.iterator():
        held_on = drill.scheduled_for.date()
        years = retention.get(
            (drill.school.division_id, rules.school_year_of(held_on)), DEFAULT_RETENTION_YEARS
        )
        if held_on < rules.retention_cutoff(today, years):
            delete_record(actor=SYSTEM, instance=drill)
            purged += 1
    _purge_old_notices(today)
    return purged


def _purge_old_notices(today: date) -> None:
    # Notices are a log of what was sent, not evidence: they go after the default retention period.
    for notice in Notice.objects.filter(sent_on__lt=rules.retention_cutoff(today, DEFAULT_RETENTION_YEARS)):
        delete_record(actor=SYSTEM, instance=notice)
