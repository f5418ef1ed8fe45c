"""Synthetic planning instances with the shapes of the real programs (for the benchmark and tests).

Winnipeg: ~110 schools, 15 officers; Calgary: ~420 schools, 40 officers (PRODUCT.md, "Scale to
plan for"). Schools are scattered around the city centre; each officer covers a compact group of
schools (primary) and backs up the neighbouring group; demand follows the school level.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from math import cos, pi, radians, sin, sqrt

from srohub.planning.planner.geo import haversine_km
from srohub.planning.planner.instance import AM, PM, OfficerTime, SchoolNeed, VisitInstance
from srohub.planning.planner.territory import TerritoryInstance, TerritoryOfficer, TerritorySchool

SCALES = {
    "tiny": {"schools": 12, "officers": 3, "centre": (49.8951, -97.1384), "radius_km": 6},
    "winnipeg": {"schools": 110, "officers": 15, "centre": (49.8951, -97.1384), "radius_km": 12},
    "calgary": {"schools": 420, "officers": 40, "centre": (51.0447, -114.0719), "radius_km": 16},
}
# (share of schools, target half-day visits per 4 weeks, hard minimum)
LEVELS = (("senior_high", 0.2, 8, 4), ("junior_high", 0.2, 4, 2), ("elementary", 0.6, 2, 1))
DEFAULT_START = date(2026, 11, 2)  # a Monday; the horizon includes Remembrance Day (11 November)


def school_days(start: date, weeks: int, closed: set[date]) -> tuple[date, ...]:
    days = (start + timedelta(days=i) for i in range(7 * weeks))
    return tuple(d for d in days if d.weekday() < 5 and d not in closed)


def synthetic_sites(scale: str, rng: random.Random) -> list[tuple[float, float]]:
    spec = SCALES[scale]
    lat0, lon0 = spec["centre"]
    sites = []
    for _ in range(spec["schools"]):
        radius, angle = spec["radius_km"] * sqrt(rng.random()), 2 * pi * rng.random()
        sites.append(
            (lat0 + radius * sin(angle) / 111.0, lon0 + radius * cos(angle) / (111.0 * cos(radians(lat0))))
        )
    return sites


def balanced_territories(sites, n_officers: int, rng: random.Random) -> tuple[list[int], list[int]]:
    """Primary and backup officer index of each site: nearest anchor with room, then the next nearest."""
    anchors = rng.sample(range(len(sites)), n_officers)
    room = [-(-len(sites) // n_officers)] * n_officers
    primary, backup = [0] * len(sites), [0] * len(sites)
    for index in rng.sample(range(len(sites)), len(sites)):
        by_distance = sorted(range(n_officers), key=lambda k: haversine_km(*sites[index], *sites[anchors[k]]))
        chosen = next(k for k in by_distance if room[k] > 0)
        room[chosen] -= 1
        primary[index] = chosen
        backup[index] = next(k for k in by_distance if k != chosen)
    return primary, backup


def synthetic_visit_instance(
    scale: str, *, seed: int = 7, start: date = DEFAULT_START, weeks: int = 4
) -> VisitInstance:
    """A reproducible visit-planning instance at ``scale`` (``tiny``, ``winnipeg`` or ``calgary``)."""
    rng = random.Random(seed)
    spec = SCALES[scale]
    sites = synthetic_sites(scale, rng)
    primary, backup = balanced_territories(sites, spec["officers"], rng)
    days = school_days(start, weeks, {date(start.year, 11, 11)})
    schools = tuple(_school(i, site, rng, days) for i, site in enumerate(sites, start=1))
    officers = tuple(
        OfficerTime(
            id=k + 1,
            name=f"Officer {k + 1}",
            primary_school_ids=frozenset(i + 1 for i, p in enumerate(primary) if p == k),
            backup_school_ids=frozenset(i + 1 for i, b in enumerate(backup) if b == k),
        )
        for k in range(spec["officers"])
    )
    return VisitInstance(days=days, schools=schools, officers=officers)


def _school(school_id: int, site, rng: random.Random, days) -> SchoolNeed:
    roll, level = rng.random(), LEVELS[-1]
    for candidate in LEVELS:
        if roll < candidate[1]:
            level = candidate
            break
        roll -= candidate[1]
    ranked = rng.sample([(wd, h) for wd in range(5) for h in (AM, PM)], 3)
    blackouts = frozenset(rng.sample(days, rng.choice((1, 2)))) if rng.random() < 0.15 else frozenset()
    return SchoolNeed(
        id=school_id,
        name=f"School {school_id}",
        lat=site[0],
        lon=site[1],
        demand=level[2],
        minimum=level[3],
        preferences={slot: rank for rank, slot in enumerate(ranked, start=1)},
        closed_days=blackouts,
    )


def with_leave(instance: VisitInstance, officer_id: int, days) -> VisitInstance:
    """The same instance with one officer away on ``days``."""
    officers = tuple(
        replace(o, unavailable_days=o.unavailable_days | frozenset(days)) if o.id == officer_id else o
        for o in instance.officers
    )
    return replace(instance, officers=officers)


def synthetic_territory_instance(scale: str, *, seed: int = 7) -> TerritoryInstance:
    """Territories for the same shapes: bases at each current territory's centre, one school in ten French."""
    rng = random.Random(seed)
    spec = SCALES[scale]
    sites = synthetic_sites(scale, rng)
    primary, _ = balanced_territories(sites, spec["officers"], rng)
    officers = []
    for k in range(spec["officers"]):
        mine = [sites[i] for i, p in enumerate(primary) if p == k] or [spec["centre"]]
        lat, lon = sum(s[0] for s in mine) / len(mine), sum(s[1] for s in mine) / len(mine)
        officers.append(TerritoryOfficer(k + 1, f"Officer {k + 1}", lat, lon, speaks_french=k % 4 == 0))
    schools = []
    for i, site in enumerate(sites):
        french = rng.random() < 0.1
        current = primary[i] + 1
        if french and not officers[primary[i]].speaks_french:
            current = None  # today nobody French-speaking covers it: the design must fix that
        schools.append(
            TerritorySchool(
                i + 1, f"School {i + 1}", site[0], site[1], rng.choice((2, 2, 2, 4, 8)), french, current
            )
        )
    return TerritoryInstance(tuple(schools), tuple(officers))
