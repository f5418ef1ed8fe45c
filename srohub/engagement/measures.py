"""Measures of engagement (issue 4 "Measures"): hours and counts by officer, school, type and
topic, students reached, referrals made and completed, and the engagement-to-enforcement ratio.

The activities are counted by two aggregate queries (``values`` + ``annotate``) whose groups are
small, rolled up in Python, so a page asks the same number of queries, and gets about as many rows
back, whether the program logged a hundred activities or a million. Enforcement is two more
aggregate queries of the occurrences app: per school and per officer (``Occurrence.officer``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from srohub.core.scoping import grants_for
from srohub.directory.models import Officer, School
from srohub.engagement import rules
from srohub.engagement.models import AGGREGATE, Activity, Referral, Topic
from srohub.engagement.rules import ActivityType, ReferralOutcome, ReferralStatus
from srohub.engagement.selectors import enforcement_by_officer, enforcement_by_school

TYPE_LABELS = dict(ActivityType.choices)


@dataclass
class Tally:
    """Counts of one row of a measures table."""

    key: object = None
    label: str = ""
    activities: int = 0
    minutes: int = 0
    reached: int = 0
    referrals: int = 0
    referrals_completed: int = 0
    enforcements: int | None = None

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def ratio(self) -> rules.Ratio:
        return rules.engagement_ratio(self.activities, self.enforcements)

    def add(self, row: dict) -> None:
        self.activities += row["activities"]
        self.minutes += row["minutes"] or 0
        self.reached += row["reached"] or 0


@dataclass
class Measures:
    """A term's measures, by officer, school, type and topic, with the program's total."""

    term: rules.Term
    total: Tally = field(default_factory=Tally)
    by_officer: dict = field(default_factory=dict)
    by_school: dict = field(default_factory=dict)
    by_type: dict = field(default_factory=dict)
    by_topic: dict = field(default_factory=dict)
    enforcement_available: bool = False

    def tables(self):
        return [
            (name, sorted(rows.values(), key=lambda t: str(t.label)))
            for name, rows in (
                ("officer", self.by_officer),
                ("school", self.by_school),
                ("type", self.by_type),
                ("topic", self.by_topic),
            )
        ]


def _activity_rows(activities, term: rules.Term, by: tuple[str, ...]):
    """The ONE aggregate query of activities in ``term`` grouped by ``by``."""
    return (
        activities.filter(occurred_on__gte=term.start, occurred_on__lte=term.end)
        .values(*by)
        .annotate(activities=Count("pk"), minutes=Sum("duration_minutes"), reached=Sum("audience_count"))
        .order_by()
    )


def _referral_rows(referrals, term: rules.Term, by: tuple[str, ...]):
    """The ONE aggregate query of referrals made in ``term`` grouped by ``by``."""
    completed = Q(status=ReferralStatus.CLOSED, outcome=ReferralOutcome.COMPLETED)
    return (
        referrals.filter(referred_on__gte=term.start, referred_on__lte=term.end)
        .values(*by)
        .annotate(made=Count("pk"), completed=Count("pk", filter=completed))
        .order_by()
    )


def _tally(table: dict, key, label) -> Tally:
    if key not in table:
        table[key] = Tally(key=key, label=label)
    return table[key]


def program_measures(user, program_id: int, term: rules.Term) -> Measures:
    """What ``user`` may count of a program's engagement in ``term`` (aggregates only).

    Two aggregate queries of the activities, each grouped so it returns few rows: by (officer,
    school) — about one row per school — and by (type, topic); one of the referrals; enforcement
    per school and per officer (one aggregate query each), whatever the number of rows.
    """
    activities = Activity.objects.visible_to(user, AGGREGATE).filter(program_id=program_id)
    referrals = Referral.objects.visible_to(user, AGGREGATE).filter(program_id=program_id)
    by_place = list(_activity_rows(activities, term, ("officer_id", "school_id")))
    by_kind = list(_activity_rows(activities, term, ("activity_type", "topic_id")))
    referral_rows = list(_referral_rows(referrals, term, ("officer_id", "school_id")))
    enforcement = _visible_enforcement(user, program_id, term)
    names = _names(
        [r["officer_id"] for r in by_place + referral_rows] + list(enforcement.by_officer or ()),
        [r["school_id"] for r in by_place + referral_rows] + list(enforcement.by_school or ()),
        [r["topic_id"] for r in by_kind],
    )
    measures = Measures(term=term, enforcement_available=enforcement.by_school is not None)
    for row in by_place:
        measures.total.add(row)
        _tally(measures.by_officer, row["officer_id"], names["officer"].get(row["officer_id"], "")).add(row)
        _tally(measures.by_school, row["school_id"], names["school"].get(row["school_id"], "")).add(row)
    for row in by_kind:
        _tally(measures.by_type, row["activity_type"], TYPE_LABELS.get(row["activity_type"], "")).add(row)
        _tally(measures.by_topic, row["topic_id"], names["topic"].get(row["topic_id"], "—")).add(row)
    for row in referral_rows:
        for table, key, kind in (
            (measures.by_officer, row["officer_id"], "officer"),
            (measures.by_school, row["school_id"], "school"),
        ):
            tally = _tally(table, key, names[kind].get(key, "—"))
            tally.referrals += row["made"]
            tally.referrals_completed += row["completed"]
        measures.total.referrals += row["made"]
        measures.total.referrals_completed += row["completed"]
    if enforcement.by_school is not None:
        _attach_enforcement(measures.by_school, enforcement.by_school, names["school"])
        measures.total.enforcements = sum(enforcement.by_school.values())
    if enforcement.by_officer is not None:
        _attach_enforcement(measures.by_officer, enforcement.by_officer, names["officer"])
    return measures


@dataclass(frozen=True)
class Enforcement:
    """Enforcement counts per school and per officer; None: not yet available (never zero)."""

    by_school: dict[int, int] | None = None
    by_officer: dict[int, int] | None = None


def _visible_enforcement(user, program_id: int, term: rules.Term) -> Enforcement:
    """Enforcement per school and per officer, counting only the schools ``user`` counts
    activities at (an SRO's officer table counts enforcement at their schools, as its activities)."""
    by_school = enforcement_by_school(program_id=program_id, start=term.start, end=term.end)
    if by_school is None:
        return Enforcement()
    visible = set(School.objects.visible_to(user).filter(program_id=program_id).values_list("pk", flat=True))
    by_officer = enforcement_by_officer(
        program_id=program_id,
        start=term.start,
        end=term.end,
        school_ids=None if _counts_everywhere(user, program_id) else sorted(visible),
    )
    return Enforcement(
        by_school={school_id: n for school_id, n in by_school.items() if school_id in visible},
        by_officer=by_officer,
    )


def _counts_everywhere(user, program_id: int) -> bool:
    """Whether one of ``user``'s grants counts activities at every school of the program (then the
    occurrences need no list of schools)."""
    return any(
        grant.program_id == program_id
        and grant.school_ids is None
        and grant.role in Activity.aggregate_access.view
        for grant in grants_for(user)
    )


def _names(officer_ids, school_ids, topic_ids) -> dict[str, dict]:
    """Labels for the keys of the rolled-up tables (three small queries, whatever the rows)."""
    return {
        "officer": {o.pk: o.name for o in Officer.objects.filter(pk__in=set(officer_ids))},
        "school": dict(School.objects.filter(pk__in=set(school_ids)).values_list("pk", "name")),
        "topic": dict(Topic.objects.filter(pk__in={t for t in topic_ids if t}).values_list("pk", "name")),
    }


def _attach_enforcement(table: dict, counts: dict[int, int], labels: dict) -> None:
    """Every row's enforcement count (0 where none), and the rows (schools, officers) with
    enforcement but no engagement logged: the ratio must show them too."""
    for key in counts:
        _tally(table, key, labels.get(key, ""))
    for key, tally in table.items():
        tally.enforcements = counts.get(key, 0)
