"""Why a plan cannot be made, in terms a supervisor can act on.

First direct checks (a pin on a closed day, a school whose minimum exceeds its open slots, an
officer whose sole-covered schools need more half-days than they work); then, when the model is
still infeasible, constraint groups are relaxed one at a time to find which one is in the way.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from srohub.planning.planner.instance import Finding, VisitInstance
from srohub.planning.planner.linear import solve_cpsat
from srohub.planning.planner.visits import build_visit_model, candidate_visits

# The specific groups first: dropping the minimums always "works", so it is named only as the last resort.
RELAXATION_ORDER = ("pins", "travel", "calendar", "minimums")


def direct_findings(instance: VisitInstance) -> list[Finding]:
    """Problems visible without solving: conflicting or impossible pins, too few open slots."""
    return [
        *_pin_findings(instance),
        *_school_capacity_findings(instance),
        *_officer_capacity_findings(instance),
    ]


def _pin_findings(instance: VisitInstance) -> list[Finding]:
    found = []
    officers = {o.id: o for o in instance.officers}
    for pin in instance.pins:
        school = instance.school(pin.school_id)
        params = {
            "school": school.name,
            "day": pin.slot.day,
            "half": pin.slot.half,
            "officer": getattr(officers.get(pin.officer_id), "name", str(pin.officer_id)),
        }
        if pin.slot.day in school.closed_days:
            found.append(Finding("pin_on_closed_day", params))
        if pin.officer_id in officers and pin.slot.day in officers[pin.officer_id].unavailable_days:
            found.append(Finding("pin_on_leave", params))
    for (officer_id, slot), count in Counter((p.officer_id, p.slot) for p in instance.pins).items():
        if count > 1:
            name = getattr(officers.get(officer_id), "name", str(officer_id))
            found.append(Finding("pins_clash_officer", {"officer": name, "day": slot.day, "half": slot.half}))
    for (school_id, slot), count in Counter((p.school_id, p.slot) for p in instance.pins).items():
        if count > 1:
            found.append(
                Finding(
                    "pins_clash_school",
                    {"school": instance.school(school_id).name, "day": slot.day, "half": slot.half},
                )
            )
    return found


def _school_capacity_findings(instance: VisitInstance) -> list[Finding]:
    open_slots = defaultdict(set)
    for visit in candidate_visits(instance):
        open_slots[visit.school_id].add(visit.slot)
    found = []
    for school in instance.schools:
        available = len(open_slots[school.id])
        if school.minimum > available:
            found.append(
                Finding(
                    "school_minimum_exceeds_open_slots",
                    {"school": school.name, "needed": school.minimum, "open": available},
                )
            )
    return found


def _officer_capacity_findings(instance: VisitInstance) -> list[Finding]:
    """An officer who alone covers some schools cannot give them more half-days than they work."""
    coverers = defaultdict(set)
    for visit in candidate_visits(instance):
        coverers[visit.school_id].add(visit.officer_id)
    found = []
    for officer in instance.officers:
        sole = [s for s in instance.schools if coverers[s.id] == {officer.id}]
        needed = sum(s.minimum for s in sole)
        working = 2 * sum(1 for d in instance.days if d not in officer.unavailable_days)
        if needed > working:
            found.append(
                Finding(
                    "officer_overcommitted",
                    {"officer": officer.name, "needed": needed, "open": working, "schools": len(sole)},
                )
            )
    return found


def relaxation_findings(instance: VisitInstance, *, seconds: float = 5.0) -> list[Finding]:
    """Relax one constraint group at a time; the first whose removal makes a plan possible is named."""
    for group in RELAXATION_ORDER:
        built = build_visit_model(instance, relax=frozenset({group}))
        result = solve_cpsat(built.model, seconds=seconds)
        if result.has_solution:
            return [Finding(f"blocked_by_{group}", _short_schools(instance, built, result.values))]
    return [Finding("blocked_by_combination", {})]


def _short_schools(instance: VisitInstance, built, values) -> dict:
    counts = Counter(v.school_id for v in built.visits(values))
    short = [s.name for s in instance.schools if counts[s.id] < s.minimum]
    return {"schools": ", ".join(short[:5]), "count": len(short)}
