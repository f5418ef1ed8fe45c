"""Demo data: a school year of drills across a program, some schools behind, deficiencies and open
corrective actions (owned by each school's admin, a fictional principal where there is none), and one
real lockdown linked to its occurrence. Deterministic given ``rng``; bulk inserts for volume (SEEDERS
contract)."""

import random
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.utils import timezone

from srohub.audit.services import SYSTEM
from srohub.demo.principals import ensure_school_admins
from srohub.directory.models import Organization, OrganizationKind, School, Space
from srohub.drills import rule_services, rules, services
from srohub.drills.models import CorrectiveAction, Deficiency, Drill, DrillStatus, RequirementSet, SweepEntry
from srohub.drills.presets import preset_for_province

BEHIND_SHARE = 0.15  # schools that fall behind on their drills
DEFICIENT_SHARE = 0.08  # rooms found not secure
TIMES = (time(9, 15), time(11, 40), time(14, 10))
REAL_LOCKDOWN_MINUTES = (35, 70)  # from the lockdown call to the all-clear


def seed_drills(*, program, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    """Rules for every division, then each school's drills of the current school year so far."""
    school_year = rules.school_year_of(today)
    preset = preset_for_province(program.province) or preset_for_province("MB")
    counts = {"drill_requirement_sets": 0, "drills": 0, "sweep_entries": 0, "corrective_actions": 0}
    for division in Organization.objects.filter(program=program, kind=OrganizationKind.SCHOOL_DIVISION):
        if not RequirementSet.objects.filter(division=division, school_year=school_year).exists():
            rule_services.requirement_set_create(
                actor=SYSTEM, division=division, school_year=school_year, preset=preset.key
            )
            counts["drill_requirement_sets"] += 1
    schools = list(School.objects.filter(program=program, is_active=True).order_by("pk"))
    owners = corrective_action_owners(program, [school.pk for school in schools])
    for school in schools:
        made = _seed_school(school, rng, school_year, today, owners.get(school.pk))
        for key, value in made.items():
            counts[key] += value
    counts["real_lockdowns"] = _seed_real_lockdown(program, schools, rng, today) if schools else 0
    return counts


def corrective_action_owners(program, school_ids: list[int]) -> dict[int, int]:
    """{school id: user id} of who owns each school's corrective actions: its school admin, a
    fictional principal where the school has none (a calgary-scale seed has no logins at all)."""
    return ensure_school_admins(program, school_ids)


def _seed_school(school, rng, school_year, today, owner_id) -> dict[str, int]:
    start, _end = rules.school_year_bounds(school_year)
    behind = rng.random() < BEHIND_SHARE
    drills = [_drill(school, kind, day, rng) for kind, day in _plan(rng, start, today, behind)]
    drills += [_upcoming(school, today, rng)]
    Drill.objects.bulk_create(drills)
    entries, actions = _sweeps(
        school, [d for d in drills if d.drill_type == "lockdown" and d.started_at], rng, owner_id
    )
    return {"drills": len(drills), "sweep_entries": entries, "corrective_actions": actions}


def _plan(rng, start: date, today: date, behind: bool):
    """Lockdowns about every four months, fire drills about monthly; a school behind does half."""
    days = (today - start).days
    for kind, every in (("lockdown", 120), ("evacuation", 32)):
        for offset in range(60 + rng.randrange(20), days, every):
            if not behind or rng.random() < 0.5:
                day = start + timedelta(days=offset)
                yield kind, day - timedelta(days=day.weekday() // 5 * 2)  # off weekends


def _drill(school, kind, day, rng) -> Drill:
    at = timezone.make_aware(datetime.combine(day, rng.choice(TIMES)))
    return Drill(
        program_id=school.program_id,
        school=school,
        drill_type=kind,
        scheduled_for=at,
        started_at=at,
        all_clear_at=at + timedelta(minutes=rng.randint(8, 25)),
        status=DrillStatus.COMPLETED,
        announced=rng.random() < 0.7,
        debrief="Debrief held with staff.",
    )


def _upcoming(school, today, rng) -> Drill:
    day = today + timedelta(days=rng.randint(3, 40))
    at = timezone.make_aware(datetime.combine(day, rng.choice(TIMES)))
    return Drill(program_id=school.program_id, school=school, drill_type="lockdown", scheduled_for=at)


def _sweeps(school, drills, rng, owner_id) -> tuple[int, int]:
    spaces = list(Space.objects.filter(school=school, is_active=True).order_by("sweep_order")[:30])
    entries = []
    for drill in drills:
        for index, space in enumerate(spaces):
            deficient = rng.random() < DEFICIENT_SHARE
            entries.append(
                SweepEntry(
                    program_id=school.program_id,
                    drill=drill,
                    space=space,
                    result="deficient" if deficient else "secure",
                    deficiencies=[rng.choice(Deficiency.values[:-1])] if deficient else [],
                    checked_at=drill.started_at + timedelta(seconds=40 * (index + 1)),
                    idempotency_key=f"seed-{drill.pk}-{space.pk}",
                )
            )
    SweepEntry.objects.bulk_create(entries)
    if owner_id is None:
        return len(entries), 0
    actions = [
        CorrectiveAction(
            program_id=school.program_id,
            drill=e.drill,
            school=school,
            sweep_entry=e,
            owner_id=owner_id,
            description=f"{e.space.name}: {', '.join(e.deficiency_labels())}",
            due_on=e.drill.started_at.date() + timedelta(14),
            status="closed" if rng.random() < 0.6 else "open",
        )
        for e in entries
        if e.result == "deficient"
    ]
    for action in actions:
        action.closed_on = action.due_on if action.status == "closed" else None
    CorrectiveAction.objects.bulk_create(actions)
    return len(entries), len(actions)


def _seed_real_lockdown(program, schools, rng, today: date) -> int:
    """One real lockdown in the last two months of the school year so far, at a school drawn from
    ``rng``: recorded, all-clear, debriefed and linked to the occurrence recorded for it, through the
    services as an SRO would. Needs the occurrences app (the link)."""
    if not apps.is_installed("srohub.occurrences"):
        return 0
    from srohub.occurrences.seed import occurrence_for_real_lockdown  # noqa: PLC0415 - the other context

    school = rng.choice(schools)
    started_at = _real_lockdown_start(rng, today)
    occurrence = occurrence_for_real_lockdown(program=program, school=school, at=started_at)
    drill = services.drill_record_real(actor=SYSTEM, school=school, drill_type="lockdown", started_at=started_at)
    drill = services.drill_all_clear(
        actor=SYSTEM, drill=drill, all_clear_at=started_at + timedelta(minutes=rng.randint(*REAL_LOCKDOWN_MINUTES))
    )
    drill = services.drill_debrief(
        actor=SYSTEM,
        drill=drill,
        debrief="Debrief with the principal, the SRO and patrol: doors held; two classes in the gym moved late.",
        after_action_report=(
            "Called on a student's report of a handgun (a replica). Office PA call within a minute; patrol on "
            "site in 6 minutes; room-by-room clearance by police before the all-clear. Follow-up: gym doors "
            "need a lock from the inside; remind staff of hold-and-secure versus lockdown (demo)."
        ),
    )
    services.drill_link_occurrence(actor=SYSTEM, drill=drill, occurrence_id=occurrence.pk)
    return 1


def _real_lockdown_start(rng, today: date) -> datetime:
    """A weekday late morning in the last 60 days of the school year so far, always in the past."""
    start, _end = rules.school_year_bounds(rules.school_year_of(today))
    latest = min(today, timezone.localdate()) - timedelta(days=1)
    day = max(start, latest - timedelta(days=60)) + timedelta(days=rng.randint(0, 59))
    day = min(day, latest)
    day -= timedelta(days=max(0, day.weekday() - 4))  # a Saturday or Sunday becomes the Friday
    return timezone.make_aware(datetime.combine(day, time(10, 40))) + timedelta(minutes=rng.randint(0, 90))


SEEDERS = [seed_drills]
