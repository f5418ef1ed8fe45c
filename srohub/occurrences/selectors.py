"""Reads of the occurrences app that are more than a ``visible_to`` filter."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from srohub.occurrences.models import Occurrence, SubjectOutcome, YouthRecordsSettings
from srohub.occurrences.models.scope import disclosable
from srohub.occurrences.rules.access_periods import COURT_RESULTS, Outcome

# A caution, an extrajudicial sanction or a charge — and every court result, which follows a charge.
ENFORCEMENT_OUTCOMES = frozenset(
    {Outcome.CAUTION, Outcome.EXTRAJUDICIAL_SANCTION, Outcome.CHARGE} | COURT_RESULTS
)


def settings_for(program_id: int) -> YouthRecordsSettings:
    """The program's youth-records settings, or the defaults when it has none saved."""
    return YouthRecordsSettings.objects.filter(program_id=program_id).first() or YouthRecordsSettings(
        program_id=program_id
    )


def enforcement_counts(*, program_id: int, school_ids=None, start: date, end: date) -> dict[int, int]:
    """For each school, how many occurrences on days ``start``–``end`` (inclusive) have a subject
    whose outcome is a caution, an extrajudicial sanction or a charge (or a court result after one).

    For the evaluation's ratios (engagement before enforcement). Counts only, no person; records
    past their access period are left out like everywhere else (YCJA s.128(1)); drafts are not yet
    occurrences. Schools with none are absent.
    """
    occurrences = enforcement_occurrences(program_id, start, end, school_ids=school_ids)
    return _counts_by(occurrences, "school_id")


def enforcement_counts_by_officer(
    *, program_id: int, school_ids=None, officer_ids=None, start: date, end: date
) -> dict[int, int]:
    """For each officer (``Occurrence.officer``, the officer responsible for the occurrence), how
    many enforcement occurrences (as :func:`enforcement_counts` defines them) there were on days
    ``start``–``end``, at ``school_ids`` (None: every school of the program).

    For the per-officer engagement-to-enforcement ratio; occurrences without an officer are left
    out, and officers with none are absent. One aggregate query.
    """
    occurrences = enforcement_occurrences(program_id, start, end, school_ids=school_ids).filter(
        officer_id__isnull=False
    )
    if officer_ids is not None:
        occurrences = occurrences.filter(officer_id__in=list(officer_ids))
    return _counts_by(occurrences, "officer_id")


def enforcement_occurrences(program_id: int, start: date, end: date, *, school_ids=None):
    """The occurrences of :func:`enforcement_window` with at least one subject whose outcome is
    enforcement (``ENFORCEMENT_OUTCOMES``): the one definition both counts share."""
    enforced = SubjectOutcome.objects.filter(
        involvement__occurrence=OuterRef("pk"), outcome__in=sorted(ENFORCEMENT_OUTCOMES)
    )
    occurrences = enforcement_window(program_id, start, end).filter(Exists(enforced))
    if school_ids is not None:
        occurrences = occurrences.filter(school_id__in=list(school_ids))
    return occurrences


def _counts_by(occurrences, key: str) -> dict[int, int]:
    rows = occurrences.values(key).annotate(n=Count("pk")).order_by()
    return {row[key]: row["n"] for row in rows}


def enforcement_window(program_id: int, start: date, end: date):
    """The program's disclosable, non-draft occurrences that happened on days ``start``–``end``."""
    return (
        Occurrence.objects.filter(
            program_id=program_id, occurred_at__date__gte=start, occurred_at__date__lte=end
        )
        .filter(disclosable())
        .exclude(status="draft")
    )


def overdue_notices_q(now) -> Q:
    return Q(is_duty=True, given_at__isnull=True, due_at__lte=now)


def period_explanation(occurrence: Occurrence) -> dict:
    """The record's access period for people reading it: the last day it may be disclosed, or why
    there is none (yet) — YCJA s.119(2), s.119(4), s.119(9)."""
    from srohub.occurrences.rules.access_periods import PeriodStatus, restricted_access_reason

    if occurrence.access_period_ends_on:
        return {"ends_on": occurrence.access_period_ends_on, "reason": ""}
    statuses = set(
        SubjectOutcome.objects.filter(involvement__occurrence=occurrence).values_list(
            "period_status", flat=True
        )
    )
    if PeriodStatus.PENDING in statuses:
        reason = _("Pending: a charge awaits the court's decision (s.119(2)).")
    elif PeriodStatus.ADULT_RECORD in statuses:
        reason = _("An adult record: the youth access periods do not apply (s.119(9)).")
    elif PeriodStatus.RESTRICTED in statuses:
        reason = restricted_access_reason()
    else:
        reason = _("No outcome with an access period has been recorded.")
    return {"ends_on": None, "reason": str(reason)}
