"""The demo schools of a program and their rooms, built in memory and inserted in bulk.

Numbers follow what a Canadian city looks like: elementary schools are the most numerous, senior
highs the largest; rooms scale with enrolment (8 to 30 per school) and are numbered by floor, in
the order a lockdown sweep walks them.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal

from srohub.demo import names
from srohub.demo.scales import ProgramSpec
from srohub.directory.models import Organization, Program, School, SchoolLevel, Space, SpaceKind

# Share of each level among a division's schools (elementary most numerous).
LEVEL_SHARES = (
    (SchoolLevel.ELEMENTARY, 0.58),
    (SchoolLevel.JUNIOR_HIGH, 0.20),
    (SchoolLevel.SENIOR_HIGH, 0.16),
    (SchoolLevel.K12, 0.06),
)
ENROLMENT = {
    SchoolLevel.ELEMENTARY: (180, 560),
    SchoolLevel.JUNIOR_HIGH: (350, 950),
    SchoolLevel.SENIOR_HIGH: (650, 2100),
    SchoolLevel.K12: (120, 600),
}
FRENCH_ENROLMENT_FACTOR = 0.6  # French-language schools are smaller
MIN_SPACES, MAX_SPACES = 8, 30
BULK_BATCH = 1000  # rows per INSERT: below SQLite's bound-parameter limit for these models


def level_mix(count: int, rng: random.Random) -> list[str]:
    """``count`` levels in LEVEL_SHARES proportions (largest remainder), shuffled; at least one
    senior high once a division has two schools, so every division has a high school."""
    exact = [(level, share * count) for level, share in LEVEL_SHARES]
    counts = {level: int(value) for level, value in exact}
    by_remainder = sorted(exact, key=lambda item: item[1] - int(item[1]), reverse=True)
    for level, _value in by_remainder[: count - sum(counts.values())]:
        counts[level] += 1
    if count >= 2 and counts[SchoolLevel.SENIOR_HIGH] == 0:
        counts[SchoolLevel.ELEMENTARY] -= 1
        counts[SchoolLevel.SENIOR_HIGH] += 1
    levels = [level for level, number in counts.items() for _ in range(number)]
    rng.shuffle(levels)
    return levels


def build_schools(
    spec: ProgramSpec, program: Program, divisions: list[Organization], rng: random.Random
) -> list[School]:
    """Insert every school of the program's divisions; returns them with their ids."""
    used_names: set[str] = set()
    spread = min(0.02 * math.sqrt(spec.schools / 10), 0.15)  # degrees: bigger cities spread wider
    schools = []
    for division, division_spec in zip(divisions, spec.divisions, strict=True):
        for number, level in enumerate(level_mix(division_spec.schools, rng), start=1):
            schools.append(_school(spec, program, division, level, number, spread, used_names, rng))
    return School.objects.bulk_create(schools, batch_size=BULK_BATCH)


def _school(spec, program, division, level, number, spread, used_names, rng) -> School:
    language = division.language
    name = names.unique(lambda: names.school_name(rng, level, language), used_names)
    low, high = ENROLMENT[level]
    factor = FRENCH_ENROLMENT_FACTOR if language == "fr" else 1
    latitude, longitude = _near(spec.centre, spread, rng)
    return School(
        program=program,
        division=division,
        name=name,
        short_name=names.short_name(name),
        code=f"{division.short_name}-{number:04d}",
        level=level,
        language=language,
        enrolment=round(rng.randint(low, high) * factor),
        address=names.street_address(rng),
        city=spec.city,
        postal_code=names.postal_code(rng, spec.postal_letter),
        latitude=latitude,
        longitude=longitude,
        office_phone=names.phone(rng, spec.area_code),
        # Most schools follow the division's standard calendar; a few run a modified (year-round) one.
        calendar_code=f"{division.short_name}-{'modified' if rng.random() < 0.05 else 'standard'}",
    )


def _near(centre: tuple[float, float], spread: float, rng: random.Random) -> tuple[Decimal, Decimal]:
    """A point scattered around the centre; a degree of longitude is shorter than one of latitude."""
    latitude = centre[0] + rng.gauss(0, spread)
    longitude = centre[1] + rng.gauss(0, spread / math.cos(math.radians(centre[0])))
    return Decimal(f"{latitude:.5f}"), Decimal(f"{longitude:.5f}")


def build_spaces(schools: list[School], rng: random.Random) -> int:
    """Insert each school's rooms and spaces in sweep order; returns how many."""
    spaces = [space for school in schools for space in _spaces_of(school, rng)]
    Space.objects.bulk_create(spaces, batch_size=BULK_BATCH)
    return len(spaces)


def _spaces_of(school: School, rng: random.Random) -> list[Space]:
    total = max(MIN_SPACES, min(MAX_SPACES, 8 + school.enrolment // 70 + rng.randint(-2, 2)))
    floors = 2 if school.level != SchoolLevel.ELEMENTARY and total > 16 else 1
    portables = rng.randint(1, 3) if school.level == SchoolLevel.ELEMENTARY and total > 12 else 0
    rooms = _fixed_rooms(floors)
    classrooms = total - len(rooms) - portables
    for index in range(classrooms):
        floor = 1 + index * floors // max(classrooms, 1)
        rooms.append((f"Room {floor}{index + 1:02d}", SpaceKind.CLASSROOM, str(floor)))
    rooms.sort(key=lambda room: room[2])  # the sweep walks the main floor first, then upstairs
    rooms += [(f"Portable {n}", SpaceKind.PORTABLE, "1") for n in range(1, portables + 1)]  # outside, last
    return [
        Space(
            program_id=school.program_id, school=school, name=name, kind=kind, floor=floor, sweep_order=order
        )
        for order, (name, kind, floor) in enumerate(rooms, start=1)
    ]


def _fixed_rooms(floors: int) -> list[tuple[str, str, str]]:
    """The spaces every school has: office, gym, library, a hallway and washrooms per floor."""
    rooms = [
        ("Main office", SpaceKind.OFFICE, "1"),
        ("Main hallway", SpaceKind.HALLWAY, "1"),
        ("Gymnasium", SpaceKind.GYM, "1"),
        ("Library", SpaceKind.LIBRARY, "1"),
        ("Washroom 1A", SpaceKind.WASHROOM, "1"),
        ("Washroom 1B", SpaceKind.WASHROOM, "1"),
    ]
    if floors == 2:
        rooms += [
            ("Upper hallway", SpaceKind.HALLWAY, "2"),
            ("Washroom 2A", SpaceKind.WASHROOM, "2"),
            ("Student services office", SpaceKind.OFFICE, "2"),
        ]
    return rooms
