"""Who covers which school in the demo data: a pure plan of assignments, no database.

The plan follows how SRO units are organised:

* Every school of the program has a primary SRO ("who is our SRO" has an answer in every school
  office). Territories are built around the high schools: each officer gets a run of neighbouring
  junior and senior highs (ordered by their bearing from the city centre), then the nearby
  elementary schools as feeder schools. How much time an officer spends where (mostly in the
  secondary schools) is the visit planner's business, from each level's need per week.
* French-language schools go to French-speaking officers first.
* Each school also has a backup: the officer of the neighbouring territory (never one on leave).
* Some schools keep history: an earlier primary who handed over at the end of a school year, or an
  earlier backup. History always ends before the current assignment starts, so no school ever has two
  primaries on one day (the rule ``directory.services.assignment_create`` enforces for people).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date

SECONDARY_LEVELS = frozenset({"junior_high", "senior_high", "k12"})
HISTORY_SHARE = 0.2  # schools whose current primary took over from another officer
ENDED_BACKUP_SHARE = 0.1  # schools whose earlier backup has since been replaced
YEARS_OF_SERVICE_BEFORE_TERM = 5


@dataclass(frozen=True)
class SchoolStub:
    key: int
    level: str
    language: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class OfficerStub:
    key: int
    service_start: date
    speaks_french: bool = False
    on_leave: bool = False


@dataclass(frozen=True)
class PlannedAssignment:
    officer: int
    school: int
    role: str  # "primary" or "backup"
    start: date
    end: date | None = None


def plan_assignments(
    schools: list[SchoolStub],
    officers: list[OfficerStub],
    *,
    centre: tuple[float, float],
    today: date,
    rng: random.Random,
) -> list[PlannedAssignment]:
    """Every assignment of a program: current primaries and backups, then ended history."""
    if not officers:
        return []
    territories = split_territories(schools, officers, centre)
    starts = {officer.key: term_start(officer.service_start, today, rng) for officer in officers}
    primary_of = {school.key: officer for officer, mine in territories.items() for school in mine}
    plan = [
        PlannedAssignment(officer, school, "primary", starts[officer])
        for school, officer in primary_of.items()
    ]
    backup_of = choose_backups(territories, officers)
    plan += [
        PlannedAssignment(officer, school, "backup", starts[officer]) for school, officer in backup_of.items()
    ]
    plan += history(primary_of, backup_of, officers, starts, rng)
    return plan


def bearing(school: SchoolStub, centre: tuple[float, float]) -> float:
    """The school's direction from the city centre, in radians (what orders schools into territories)."""
    return math.atan2(school.latitude - centre[0], (school.longitude - centre[1]) * _shrink(centre))


def _shrink(centre: tuple[float, float]) -> float:
    # A degree of longitude is shorter than a degree of latitude, by the cosine of the latitude.
    return math.cos(math.radians(centre[0]))


def even_shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` whole numbers that differ by at most one (larger ones first)."""
    whole, extra = divmod(total, parts)
    return [whole + (1 if index < extra else 0) for index in range(parts)]


def split_territories(
    schools: list[SchoolStub], officers: list[OfficerStub], centre: tuple[float, float]
) -> dict[int, list[SchoolStub]]:
    """Officer key → their schools: every school, in territories of about equal size.

    High schools first: each officer gets a run of neighbouring secondary schools (by bearing from
    the centre), then each elementary school goes to the officer whose schools are nearest, as its
    feeder school. French-language schools are shared among French-speaking officers first.
    """
    capacity = dict(zip((o.key for o in officers), even_shares(len(schools), len(officers)), strict=True))
    territories: dict[int, list[SchoolStub]] = {officer.key: [] for officer in officers}
    for pool_schools, pool_officers in _language_pools(schools, officers):
        _deal_high_schools(pool_schools, pool_officers, territories, centre)
        for school in sorted(_elementary(pool_schools), key=lambda s: bearing(s, centre)):
            officer = _nearest_with_room(school, pool_officers, territories, capacity, centre)
            territories[officer.key].append(school)
    return territories


def _language_pools(schools, officers):
    """(schools, officers who take them): French schools for French speakers first, then the rest."""
    french_speakers = [o for o in officers if o.speaks_french]
    french = [s for s in schools if s.language == "fr"] if french_speakers else []
    if french:
        yield french, french_speakers
    french_keys = {s.key for s in french}
    yield [s for s in schools if s.key not in french_keys], officers


def _elementary(schools: list[SchoolStub]) -> list[SchoolStub]:
    return [s for s in schools if s.level not in SECONDARY_LEVELS]


def _deal_high_schools(schools, officers, territories, centre) -> None:
    """Give each officer an equal run of secondary schools, in order of bearing: neighbours together."""
    secondary = sorted((s for s in schools if s.level in SECONDARY_LEVELS), key=lambda s: bearing(s, centre))
    for officer, count in zip(officers, even_shares(len(secondary), len(officers)), strict=True):
        territories[officer.key].extend(secondary[:count])
        secondary = secondary[count:]


def _nearest_with_room(school, officers, territories, capacity, centre) -> OfficerStub:
    """The officer whose territory is nearest ``school`` among those under their share (an officer
    with no school yet counts as nearest, so that no one is left without a territory)."""
    with_room = [o for o in officers if len(territories[o.key]) < capacity[o.key]] or officers
    return min(with_room, key=lambda o: _distance_to_territory(school, territories[o.key], centre))


def _distance_to_territory(school: SchoolStub, territory: list[SchoolStub], centre) -> float:
    shrink = _shrink(centre)
    return min(
        (
            math.hypot(school.latitude - other.latitude, (school.longitude - other.longitude) * shrink)
            for other in territory
        ),
        default=0.0,
    )


def choose_backups(territories: dict[int, list[SchoolStub]], officers: list[OfficerStub]) -> dict[int, int]:
    """School key → backup officer key: a neighbouring officer around the circle of territories.

    Of the two nearest available neighbours, the one backing up fewer schools so far takes the
    school, so the officer next to a colleague on leave is not left covering two territories. A
    French-language school's backup speaks French when another French speaker is available.
    """
    load = {officer.key: 0 for officer in officers}
    backups = {}
    for index, officer in enumerate(officers):
        for school in territories[officer.key]:
            candidates = _backup_candidates(officers, index, french=school.language == "fr")[:2]
            if candidates:
                backup = min(candidates, key=lambda o: load[o.key])  # min keeps the nearer one on a tie
                backups[school.key] = backup.key
                load[backup.key] += 1
    return backups


def _backup_candidates(officers: list[OfficerStub], index: int, *, french: bool) -> list[OfficerStub]:
    """Officers available to back up officer ``index``: the next ones around the circle first."""
    around = [o for o in officers[index + 1 :] + officers[:index] if not o.on_leave]
    if french:
        around = [o for o in around if o.speaks_french] + [o for o in around if not o.speaks_french]
    return around


def term_start(service_start: date, today: date, rng: random.Random) -> date:
    """When the officer's current term began: a school-year start in the last four years, after five
    years of police service where the dates allow."""
    current = school_year_start(today).year
    earliest = min(max(service_start.year + YEARS_OF_SERVICE_BEFORE_TERM, current - 4), current)
    return date(rng.randint(earliest, current), 9, 1)


def school_year_start(today: date) -> date:
    """1 September of the school year ``today`` falls in."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def history(primary_of, backup_of, officers, starts, rng: random.Random) -> list[PlannedAssignment]:
    """Ended assignments: an earlier primary for some schools, an earlier backup for others.

    An earlier officer is never one now assigned to the same school, so no officer holds two
    overlapping assignments at one school, and history ends on 30 June before the current start.
    """
    planned = []
    for school, primary in primary_of.items():
        current_start = starts[primary]
        busy_here = {primary, backup_of.get(school)}
        draw = rng.random()
        if draw < HISTORY_SHARE:
            role, years = "primary", 3
        elif draw < HISTORY_SHARE + ENDED_BACKUP_SHARE:
            role, years = "backup", 2
        else:
            continue
        began = date(current_start.year - years, 9, 1)
        earlier = [o.key for o in officers if o.key not in busy_here and o.service_start <= began]
        if earlier:
            planned.append(
                PlannedAssignment(rng.choice(earlier), school, role, began, date(current_start.year, 6, 30))
            )
    return planned
