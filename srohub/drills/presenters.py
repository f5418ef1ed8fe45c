"""What the pages, the API and the exports show about drills, computed once for all three."""

from datetime import date

from django.utils.translation import gettext as _

from srohub.directory.models import Space
from srohub.drills import rules
from srohub.drills.models import DrillType
from srohub.drills.selectors import SchoolCompliance


def drill_timing(drill) -> rules.SweepTiming:
    """The drill's sweep timings over the school's spaces in use (two queries)."""
    space_ids = Space.objects.filter(school_id=drill.school_id, is_active=True).values_list("pk", flat=True)
    results = [
        rules.RoomResult(space_id, checked_at, result == "secure")
        for space_id, checked_at, result in drill.sweep_entries.values_list(
            "space_id", "checked_at", "result"
        )
    ]
    return rules.sweep_timing(drill.started_at, drill.all_clear_at, space_ids, results)


def timing_payload(timing: rules.SweepTiming) -> dict:
    def seconds(duration):
        return None if duration is None else int(duration.total_seconds())

    return {
        "rooms": timing.rooms,
        "checked": timing.checked,
        "secure": timing.secure,
        "time_to_sweep_seconds": seconds(timing.time_to_sweep),
        "time_to_secure_seconds": seconds(timing.time_to_secure),
        "time_to_all_clear_seconds": seconds(timing.time_to_all_clear),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _check_payload(check: rules.Check, labels: dict[str, str]) -> dict:
    return {
        "key": check.key,
        "label": labels.get(check.key, check.key),
        "required": check.required,
        "completed": check.completed,
        "due": _iso(check.deadline),
        "status": check.status,
        "reason": check.reason,
    }


def compliance_payload(row: SchoolCompliance, school_year: str) -> dict:
    """The API's answer for one school: per drill type, required and completed per term, how many
    were unannounced, and the status with its reason."""
    labels = {window.key: window.label for window in row.rulebook.terms} if row.rulebook else {}
    return {
        "school": {"id": row.school.pk, "name": row.school.name},
        "school_year": school_year,
        "requirements": row.rulebook.label if row.rulebook else None,
        "status": row.status,
        "next_due": _iso(row.next_due),
        "open_corrective_actions": row.open_actions,
        "drill_types": [
            {
                "drill_type": c.drill_type,
                "label": str(DrillType(c.drill_type).label),
                "required": c.required,
                "completed": c.completed,
                "unannounced": c.unannounced,
                "unannounced_required": c.unannounced_required,
                "status": c.status,
                "reason": c.reason,
                "next_due": _iso(c.next_due),
                "terms": [_check_payload(t, labels) for t in c.terms],
            }
            for c in row.types
        ],
    }


def status_label(status: str | None) -> str:
    return str(rules.Status(status).label) if status else _("No requirement")
