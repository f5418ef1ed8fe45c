"""De-identified occurrence counts for audiences outside police (boards, councils, evaluators,
school admins): YCJA s.110 and s.111 forbid publishing anything that identifies a young person —
subject, victim or witness — so these counts carry no name, date of birth, pseudonym or narrative,
and small cells are suppressed (DOMAIN.md s.4: default fewer than 10)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.directory.models import School
from srohub.occurrences.models import SubjectOutcome, UcrAggregate
from srohub.occurrences.selectors import ENFORCEMENT_OUTCOMES, enforcement_window, settings_for

# Roles that may read counts (school admins of their school, evaluators "counts only").
COUNT_READERS = frozenset(
    {Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN, Role.DIVISION_LEAD, Role.EVALUATOR}
)
COLUMNS = [(a.value, a.label) for a in UcrAggregate] + [
    ("non_criminal", _("Non-criminal category")),
    ("enforcement", _("Caution, sanction or charge")),
    ("total", _("Total")),
]


@dataclass
class CountsRow:
    school: str
    cells: list[int | None]  # None: suppressed


@dataclass
class CountsTable:
    start: date
    end: date
    threshold: int
    rows: list[CountsRow] = field(default_factory=list)
    totals: list[int | None] = field(default_factory=list)
    columns: list = field(default_factory=lambda: COLUMNS)


def suppress(values: list[int], threshold: int) -> list[int | None]:
    """Cells from 1 to ``threshold - 1`` become None; when exactly one is, the last value (the
    total) goes too, so it cannot be worked out by subtraction."""
    cells = [None if 0 < v < threshold else v for v in values]
    if sum(c is None for c in cells[:-1]) == 1:
        cells[-1] = None
    return cells


def schools_counted_for(user):
    """The schools whose counts ``user`` may read: their scope, for roles that read counts."""
    condition = None
    for grant in grants_for(user):
        if grant.role in COUNT_READERS:
            grant_q = Q(program_id=grant.program_id)
            if grant.school_ids is not None:
                grant_q &= Q(pk__in=sorted(grant.school_ids))
            condition = grant_q if condition is None else condition | grant_q
    return School.objects.none() if condition is None else School.objects.filter(condition)


def counts_table(user, *, start: date, end: date) -> CountsTable:
    """One row per school the user may count, occurrences by aggregate, enforcement and total."""
    schools = list(schools_counted_for(user).order_by("name"))
    threshold = max([settings_for(pid).min_cell_count for pid in {s.program_id for s in schools}] or [10])
    table = CountsTable(start=start, end=end, threshold=threshold)
    raw_rows = [(school, _school_counts(school, start, end)) for school in schools]
    for school, values in raw_rows:
        table.rows.append(CountsRow(school.name, suppress(values, threshold)))
    column_totals = [sum(values[i] for _s, values in raw_rows) for i in range(len(COLUMNS))]
    table.totals = [
        None if 0 < v < threshold or _one_suppressed(table.rows, i) else v
        for i, v in enumerate(column_totals)
    ]
    return table


def _one_suppressed(rows: list[CountsRow], index: int) -> bool:
    return sum(row.cells[index] is None for row in rows) == 1


def _school_counts(school: School, start: date, end: date) -> list[int]:
    occurrences = enforcement_window(school.program_id, start, end).filter(school=school)
    enforced = SubjectOutcome.objects.filter(
        involvement__occurrence=OuterRef("pk"), outcome__in=sorted(ENFORCEMENT_OUTCOMES)
    )
    aggregates = {
        a.value: Count("pk", filter=Q(categories__aggregate=a.value), distinct=True) for a in UcrAggregate
    }
    counts = occurrences.aggregate(
        **aggregates,
        non_criminal=Count("pk", filter=Q(categories__aggregate=""), distinct=True),
        total=Count("pk", distinct=True),
    )
    counts["enforcement"] = occurrences.filter(Exists(enforced)).count()
    return [counts[key] for key, _label in COLUMNS]
