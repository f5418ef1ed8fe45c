"""Reads of the drills app: compliance of many schools at once, in a fixed number of queries.

Callers pass schools already fetched through the choke point (``School.objects.visible_to``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Min, Prefetch, Q
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.directory.models import Organization, OrganizationKind, Program
from srohub.drills import rules
from srohub.drills.models import (
    RULE_EDITORS,
    ActionStatus,
    CorrectiveAction,
    Drill,
    DrillStatus,
    Requirement,
    RequirementSet,
)
from srohub.drills.presets import PRESETS, preset_for_province


@dataclass(frozen=True)
class Rulebook:
    """The requirements a school is held to in a year: its division's set, or its province's preset."""

    label: str
    terms: list[rules.TermWindow]
    specs: list[rules.RequirementSpec]
    requirement_set: RequirementSet | None = None
    lead_days: int = rules.DUE_SOON_DAYS
    interval_days: int = 14


@dataclass
class SchoolCompliance:
    school: object
    rulebook: Rulebook | None
    types: list[rules.Compliance] = field(default_factory=list)
    open_actions: int = 0
    next_scheduled: datetime | None = None

    @property
    def status(self) -> str | None:
        if not self.types:
            return None
        return max((c.status for c in self.types), key=rules.SEVERITY.__getitem__)

    @property
    def next_due(self) -> date | None:
        return min((c.next_due for c in self.types if c.next_due), default=None)

    def by_type(self) -> dict[str, rules.Compliance]:
        return {c.drill_type: c for c in self.types}


def rulebooks_for(schools, school_year: str) -> dict[int, Rulebook | None]:
    """Each school's rulebook for the year (three queries, whatever the number of schools)."""
    division_ids = {school.division_id for school in schools}
    sets = (
        RequirementSet.objects.filter(division_id__in=division_ids, school_year=school_year)
        .select_related("division")
        .prefetch_related(Prefetch("requirements", queryset=Requirement.objects.order_by("drill_type")))
    )
    books = {s.division_id: _rulebook_of_set(s) for s in sets}
    provinces = dict(
        Program.objects.filter(pk__in={s.program_id for s in schools}).values_list("pk", "province")
    )
    fallbacks = {province: _fallback(province, school_year) for province in set(provinces.values())}
    return {
        school.pk: books.get(school.division_id) or fallbacks[provinces[school.program_id]]
        for school in schools
    }


def _rulebook_of_set(requirement_set: RequirementSet) -> Rulebook:
    return Rulebook(
        label=str(requirement_set),
        terms=requirement_set.windows(),
        specs=[r.spec() for r in requirement_set.requirements.all()],
        requirement_set=requirement_set,
        lead_days=requirement_set.reminder_lead_days,
        interval_days=requirement_set.overdue_interval_days,
    )


def _fallback(province: str, school_year: str) -> Rulebook | None:
    """Before a division picks its rules, its program's province preset applies (PRODUCT.md: a
    sensible default); a province without a preset has no requirement to check."""
    preset = preset_for_province(province)
    if preset is None:
        return None
    specs = [
        rules.RequirementSpec(r.drill_type, r.per_year, r.per_term, r.unannounced, r.varied_times)
        for r in preset.requirements
    ]
    return Rulebook(
        label=str(preset.label), terms=rules.term_windows(school_year, list(preset.terms)), specs=specs
    )


def held_drills(school_ids, school_year: str) -> dict[int, dict[str, list[rules.HeldDrill]]]:
    """Completed practice drills of the year by school and type (one query). Real events are not
    practice: they do not count towards a requirement."""
    start, end = rules.school_year_bounds(school_year)
    rows = Drill.objects.filter(
        school_id__in=school_ids,
        status=DrillStatus.COMPLETED,
        is_real=False,
        started_at__date__gte=start,
        started_at__date__lte=end,
    ).values_list("school_id", "drill_type", "started_at", "announced")
    found: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for school_id, drill_type, started_at, announced in rows:
        local = timezone.localtime(started_at)
        found[school_id][drill_type].append(rules.HeldDrill(local.date(), local.time(), announced))
    return found


def compliance_for_schools(schools, school_year: str, today: date) -> list[SchoolCompliance]:
    """Compliance of every school in ``schools`` (a list, already scoped), in a constant number of
    queries: rulebooks (3), held drills (1), open corrective actions (1), next scheduled drill (1)."""
    schools = list(schools)
    ids = [school.pk for school in schools]
    books = rulebooks_for(schools, school_year)
    held = held_drills(ids, school_year)
    open_actions = dict(
        CorrectiveAction.objects.filter(school_id__in=ids, status=ActionStatus.OPEN)
        .order_by()
        .values_list("school_id")
        .annotate(n=Count("pk"))
    )
    # Only announced drills: the next unannounced one must not show on a page the school office reads.
    upcoming = dict(
        Drill.objects.filter(
            school_id__in=ids, status=DrillStatus.SCHEDULED, announced=True, scheduled_for__date__gte=today
        )
        .order_by()
        .values_list("school_id")
        .annotate(first=Min("scheduled_for"))
    )
    return [
        SchoolCompliance(
            school=school,
            rulebook=books[school.pk],
            types=_types(books[school.pk], held.get(school.pk, {}), today),
            open_actions=open_actions.get(school.pk, 0),
            next_scheduled=upcoming.get(school.pk),
        )
        for school in schools
    ]


def _types(book: Rulebook | None, held: dict[str, list], today: date) -> list[rules.Compliance]:
    if book is None:
        return []
    return [
        rules.decide_compliance(
            spec, book.terms, held.get(spec.drill_type, ()), today, due_soon_days=book.lead_days
        )
        for spec in book.specs
    ]


def preset_choices() -> list[tuple[str, str]]:
    return [(key, str(preset.label)) for key, preset in PRESETS.items()]


def linked_occurrence_id(drill: Drill, user) -> int | None:
    """The occurrence a real event is linked to, for ``user``: only when they may see that
    occurrence (police of the school, or the records custodian past its period). Anyone else sees
    no link, so a drill record never reveals that an occurrence exists."""
    if drill.occurrence_id is None:
        return None
    from srohub.occurrences.models import Occurrence  # noqa: PLC0415 - the other context, at its edge

    return drill.occurrence_id if Occurrence.objects.visible_to(user).filter(pk=drill.occurrence_id).exists() else None


def divisions_for_rules(user):
    """The divisions whose drill rules ``user`` may set: a division safety lead's own division,
    every division of the program for its admins (the same reach ``rule_services`` enforces)."""
    reach = Q(pk__in=[])
    for grant in grants_for(user):
        if grant.role == Role.DIVISION_LEAD:
            reach |= Q(program_id=grant.program_id, pk=grant.organization_id)
        elif grant.role in RULE_EDITORS:
            reach |= Q(program_id=grant.program_id)
    return Organization.objects.visible_to(user).filter(reach, kind=OrganizationKind.SCHOOL_DIVISION)
