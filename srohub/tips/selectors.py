"""Reads of tips beyond a ``visible_to`` filter: measures, queues, and what a tipster may read."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.scoping import grants_for, program_ids_of
from srohub.tips import rules
from srohub.tips.models import MEASURE_READERS, TIP_STAFF, StepState, Tip, TipMessage


def is_tip_staff(user, program_id: int) -> bool:
    """Whether ``user`` works tips in ``program_id`` (an officer or supervisor there), as opposed
    to reading them as the partner that submitted them."""
    return any(g.role in TIP_STAFF and g.program_id == program_id for g in grants_for(user))


def supervises(user, program_id: int) -> bool:
    return any(g.role == Role.SRO_SUPERVISOR and g.program_id == program_id for g in grants_for(user))


@dataclass
class MeasureRow:
    """Tips of one school, category and month: counts, time to acknowledge, escalations, outcomes."""

    school_id: int | None
    school_name: str
    category: str
    month: str  # YYYY-MM, in the program's local time
    received: int = 0
    life_safety: int = 0
    escalations: int = 0
    minutes_to_acknowledge: list[float] = field(default_factory=list)
    dispositions: Counter = field(default_factory=Counter)

    def as_json(self) -> dict:
        waits = self.minutes_to_acknowledge
        median, p90 = rules.percentile(waits, 0.5), rules.percentile(waits, 0.9)
        return {
            "school": self.school_id,
            "school_name": self.school_name,
            "category": self.category,
            "month": self.month,
            "received": self.received,
            "life_safety": self.life_safety,
            "acknowledged": len(waits),
            "acknowledge_minutes_median": None if median is None else round(median, 1),
            "acknowledge_minutes_p90": None if p90 is None else round(p90, 1),
            "escalations": self.escalations,
            "dispositions": dict(sorted(self.dispositions.items())),
        }


def measured_tips(user) -> QuerySet:
    """The tips ``user``'s measures count: program-wide for supervisors, program admins and
    evaluators (aggregates only), else the tips they can see."""
    programs = program_ids_of(user, MEASURE_READERS)
    return Tip.objects.filter(
        Q(program_id__in=sorted(programs)) | Q(pk__in=Tip.objects.visible_to(user).values("pk"))
    )


def tip_measures(*, user, start: date, end: date) -> list[dict]:
    """Measures per school, category and month for tips received from ``start`` to ``end``
    (inclusive): one query, grouped and summarised here (median and 90th percentile of the minutes
    to acknowledge, by :func:`rules.percentile`)."""
    return _summarised(_measured_rows(user, start, end), _per_school_category_month)


def tip_measures_with_months(*, user, start: date, end: date) -> tuple[list[dict], list[dict]]:
    """:func:`tip_measures` and the same measures per month over all those tips (the page's plots),
    from the one query: each month's medians are of its tips, not of the per-school medians."""
    rows = _measured_rows(user, start, end)
    return _summarised(rows, _per_school_category_month), _summarised(rows, _per_month)


def _per_school_category_month(school_id, name: str, category: str, month: str) -> tuple:
    return (school_id, name, category, month)


def _per_month(school_id, name: str, category: str, month: str) -> tuple:
    return (None, "", "", month)


def _measured_rows(user, start: date, end: date) -> list[tuple]:
    """One row per measured tip received from ``start`` to ``end``: its school, category, times,
    disposition, life safety and escalations sent."""
    return list(
        measured_tips(user)
        .filter(received_at__date__gte=start, received_at__date__lte=end)
        .annotate(escalation_count=Count("steps", filter=Q(steps__step__gte=1, steps__state=StepState.SENT)))
        .values_list(
            "school_id",
            "school__name",
            "category",
            "received_at",
            "acknowledged_at",
            "disposition",
            "life_safety",
            "escalation_count",
        )
    )


def _summarised(rows: list[tuple], group_of) -> list[dict]:
    """``rows`` (:func:`_measured_rows`) summarised per ``group_of(school_id, school name, category,
    month)``: a MeasureRow's (school_id, school_name, category, month)."""
    groups: dict[tuple, MeasureRow] = {}
    for school_id, name, category, received, acknowledged, disposition, life_safety, escalations in rows:
        key = group_of(school_id, name or "", category, timezone.localtime(received).strftime("%Y-%m"))
        row = groups.setdefault(key, MeasureRow(*key))
        _add(row, received, acknowledged, disposition, life_safety, escalations)
    ordered = sorted(groups.values(), key=lambda r: (r.month, r.school_name, r.category))
    return [row.as_json() for row in ordered]


def _add(
    row: MeasureRow, received, acknowledged, disposition: str, life_safety: bool, escalations: int
) -> None:
    row.received += 1
    row.life_safety += int(life_safety)
    row.escalations += escalations
    if acknowledged is not None:
        row.minutes_to_acknowledge.append(max(0.0, (acknowledged - received).total_seconds() / 60))
    if disposition:
        row.dispositions[disposition] += 1


def tipster_thread(tip: Tip) -> list[TipMessage]:
    """The questions and answers a tipster reads: the dialogue only, never the officer's notes."""
    return list(TipMessage.objects.filter(tip=tip).order_by("created_at", "id"))


def queue_counts(user) -> dict:
    """Open tips per queue the user works, for the list page's summary."""
    visible = Tip.objects.visible_to(user).exclude(status="closed")
    return defaultdict(
        int,
        {
            row["routed_queue"] or "officer": row["n"]
            for row in visible.values("routed_queue").annotate(n=Count("pk"))
        },
    )
