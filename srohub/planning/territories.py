"""From the database to the territory designer's dataclasses."""

from __future__ import annotations

from collections import defaultdict

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
    weights = rules.NeedWeights(
        config.elementary_per_week,
        config.junior_high_per_week,
        config.senior_high_per_week,
        config.per_500_students,
        config.per_enforcement,
    )
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
