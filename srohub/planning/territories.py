"""From the database to the territory designer's dataclasses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from srohub.directory.models import Assignment, AssignmentRole, Officer, OfficerStatus, Program, School
from srohub.planning import rules
from srohub.planning.planner.territory import TerritoryInstance, TerritoryOfficer, TerritorySchool
from srohub.planning.services import settings_for


def territory_instance(program: Program) -> TerritoryInstance:
    """Schools weighted by need (half-days a week, doubled to an integer), officers based at the
    centre of their current schools (or of all schools when they have none yet)."""
    today = timezone.localdate()
    config = settings_for(program)
    weights = rules.NeedWeights.of(config)
    current = dict(
        Assignment.objects.active_on(today)
        .filter(program=program, role=AssignmentRole.PRIMARY)
        .values_list("school_id", "officer_id")
    )
    schools = list(School.objects.filter(program=program, is_active=True).order_by("pk"))
    points = {s.pk: (float(s.latitude or 0), float(s.longitude or 0)) for s in schools}
    mine = defaultdict(list)
    for school_id, officer_id in current.items():
        if school_id in points:
            mine[officer_id].append(points[school_id])
    everywhere = list(points.values()) or [(0.0, 0.0)]
    officers = tuple(
        TerritoryOfficer(o.pk, o.name, *_centre(mine[o.pk] or everywhere), speaks_french=o.speaks_french)
        for o in Officer.objects.filter(program=program, status=OfficerStatus.ACTIVE).order_by("pk")
    )
    active_ids = {o.id for o in officers}
    return TerritoryInstance(
        schools=tuple(
            TerritorySchool(
                s.pk,
                s.name,
                *points[s.pk],
                need=max(1, int(rules.need_per_week(s.level, s.enrolment, 0, weights) * 2)),
                french=s.language == "fr",
                current_officer_id=current.get(s.pk) if current.get(s.pk) in active_ids else None,
            )
            for s in schools
        ),
        officers=officers,
    )


def _centre(points) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


@dataclass(frozen=True)
class ReviewRow:
    school_id: int
    school: str
    french: bool
    need: float  # half-days a week
    current: str
    proposed: str
    current_id: int | None
    proposed_id: int | None

    @property
    def changed(self) -> bool:
        return self.current_id != self.proposed_id


@dataclass(frozen=True)
class OfficerLoad:
    name: str
    speaks_french: bool
    schools_now: int
    need_now: float
    schools_proposed: int
    need_proposed: float


def territory_review(proposal) -> tuple[list[ReviewRow], list[OfficerLoad]]:
    """A proposal beside today's assignments: one row per school (current and proposed officer), and
    each officer's workload now and in the proposal (need in half-days a week)."""
    instance = territory_instance(proposal.program)
    names = {o.pk: o.name for o in Officer.objects.filter(program=proposal.program)}
    rows = []
    for school in instance.schools:
        proposed = proposal.assignment.get(str(school.id))
        rows.append(
            ReviewRow(
                school.id,
                school.name,
                school.french,
                school.need / 2,
                names.get(school.current_officer_id, "–"),
                names.get(proposed, "–"),
                school.current_officer_id,
                proposed,
            )
        )
    return rows, _loads(instance, rows)


def _loads(instance: TerritoryInstance, rows: list[ReviewRow]) -> list[OfficerLoad]:
    need = {s.id: s.need / 2 for s in instance.schools}
    loads = []
    for officer in instance.officers:
        now = [s.id for s in instance.schools if s.current_officer_id == officer.id]
        proposed = [r.school_id for r in rows if r.proposed_id == officer.id]
        loads.append(
            OfficerLoad(
                officer.name,
                officer.speaks_french,
                len(now),
                sum(need[i] for i in now),
                len(proposed),
                sum(need[i] for i in proposed),
            )
        )
    return loads
