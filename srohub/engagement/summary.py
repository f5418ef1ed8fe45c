"""The one-page term summary of a school, for its principal (issue 4): what the SRO did there in a
term, by type and topic, the students reached, the referrals and the engagement-to-enforcement
ratio. Counts only: no person, no note. One aggregate query for the activities, one for the
referrals, one for enforcement, whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from srohub.engagement import rules
from srohub.engagement.measures import TYPE_LABELS, Tally
from srohub.engagement.models import AGGREGATE, Activity, Referral
from srohub.engagement.rules import ReferralOutcome, ReferralStatus
from srohub.engagement.selectors import enforcement_by_school


@dataclass
class SchoolSummary:
    school: object
    term: rules.Term
    total: Tally
    by_type: list[Tally] = field(default_factory=list)
    by_topic: list[Tally] = field(default_factory=list)
    referrals_open: int = 0
    enforcement_available: bool = False

    @property
    def ratio(self) -> rules.Ratio:
        return self.total.ratio

    def rows(self) -> list[tuple[str, str, object]]:
        """The summary as (section, label, value) rows: what the CSV and XLSX exports write."""
        total = self.total
        enforcement = total.enforcements if self.enforcement_available else str(NOT_AVAILABLE)
        lines = [
            ("summary", str(LABELS["activities"]), total.activities),
            ("summary", str(LABELS["hours"]), total.hours),
            ("summary", str(LABELS["reached"]), total.reached),
            ("summary", str(LABELS["referrals"]), total.referrals),
            ("summary", str(LABELS["completed"]), total.referrals_completed),
            ("summary", str(LABELS["open"]), self.referrals_open),
            ("summary", str(LABELS["enforcement"]), enforcement),
        ]
        lines += [("type", t.label, t.activities) for t in self.by_type]
        lines += [("type_hours", t.label, t.hours) for t in self.by_type]
        lines += [("topic", t.label, t.activities) for t in self.by_topic]
        return lines


LABELS = {
    "activities": _("Activities"),
    "hours": _("Hours"),
    "reached": _("Students reached"),
    "referrals": _("Referrals made"),
    "completed": _("Referrals completed"),
    "open": _("Referrals still open"),
    "enforcement": _("Enforcement occurrences"),
}
NOT_AVAILABLE = _("not yet available")


def school_summary(user, school, term: rules.Term) -> SchoolSummary:
    """``school``'s term summary as ``user`` may count it (the school was fetched through the
    choke point by the caller)."""
    activities = Activity.objects.visible_to(user, AGGREGATE).filter(
        school=school, occurred_on__gte=term.start, occurred_on__lte=term.end
    )
    rows = (
        activities.values("activity_type", "topic__name")
        .annotate(activities=Count("pk"), minutes=Sum("duration_minutes"), reached=Sum("audience_count"))
        .order_by()
    )
    total, by_type, by_topic = Tally(), {}, {}
    for row in rows:
        total.add(row)
        kind = row["activity_type"]
        by_type.setdefault(kind, Tally(key=kind, label=str(TYPE_LABELS.get(kind, kind)))).add(row)
        topic = row["topic__name"]
        if topic:
            by_topic.setdefault(topic, Tally(key=topic, label=topic)).add(row)
    summary = SchoolSummary(
        school=school,
        term=term,
        total=total,
        by_type=sorted(by_type.values(), key=lambda t: -t.activities),
        by_topic=sorted(by_topic.values(), key=lambda t: -t.activities),
    )
    _add_referrals(summary, user)
    counts = enforcement_by_school(
        program_id=school.program_id, start=term.start, end=term.end, school_ids=[school.pk]
    )
    summary.enforcement_available = counts is not None
    total.enforcements = None if counts is None else counts.get(school.pk, 0)
    return summary


def _add_referrals(summary: SchoolSummary, user) -> None:
    term = summary.term
    counts = (
        Referral.objects.visible_to(user, AGGREGATE)
        .filter(school=summary.school, referred_on__gte=term.start, referred_on__lte=term.end)
        .aggregate(
            made=Count("pk"),
            completed=Count("pk", filter=Q(status=ReferralStatus.CLOSED, outcome=ReferralOutcome.COMPLETED)),
            still_open=Count("pk", filter=~Q(status=ReferralStatus.CLOSED)),
        )
    )
    summary.total.referrals = counts["made"]
    summary.total.referrals_completed = counts["completed"]
    summary.referrals_open = counts["still_open"]
