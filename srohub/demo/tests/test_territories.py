"""The demo's assignment plan, without a database: coverage, backups and the one-primary rule."""

import random
from datetime import date
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from srohub.demo.territories import (
    OfficerStub,
    SchoolStub,
    even_shares,
    plan_assignments,
    school_year_start,
    term_start,
)
from srohub.directory.rules import periods_overlap

TODAY = date(2026, 11, 23)
CENTRE = (49.8951, -97.1384)
LEVELS = ["elementary", "elementary", "elementary", "junior_high", "senior_high", "k12"]


def world(seed: int, schools: int, officers: int, french_schools: int = 0, french_officers: int = 0):
    rng = random.Random(seed)
    school_stubs = [
        SchoolStub(
            key=100 + n,
            level=rng.choice(LEVELS),
            language="fr" if n < french_schools else "en",
            latitude=CENTRE[0] + rng.gauss(0, 0.05),
            longitude=CENTRE[1] + rng.gauss(0, 0.08),
        )
        for n in range(schools)
    ]
    officer_stubs = [
        OfficerStub(
            key=n + 1,
            service_start=date(2026 - rng.randint(5, 25), rng.randint(1, 12), 1),
            speaks_french=n < french_officers,
            on_leave=n == officers - 1 and officers > 2,
        )
        for n in range(officers)
    ]
    plan = plan_assignments(school_stubs, officer_stubs, centre=CENTRE, today=TODAY, rng=rng)
    return school_stubs, officer_stubs, plan


def current(plan, role):
    return [p for p in plan if p.role == role and p.start <= TODAY and (p.end is None or p.end >= TODAY)]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), schools=st.integers(1, 60), officers=st.integers(1, 12))
def test_it_never_gives_a_school_two_primaries_on_one_day(seed, schools, officers):
    _schools, _officers, plan = world(seed, schools, officers)
    primaries = [p for p in plan if p.role == "primary"]
    for first, second in combinations(primaries, 2):
        if first.school == second.school:
            assert not periods_overlap(first.start, first.end, second.start, second.end)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), schools=st.integers(1, 60), officers=st.integers(1, 12))
def test_it_never_assigns_one_officer_twice_to_a_school_at_once(seed, schools, officers):
    _schools, _officers, plan = world(seed, schools, officers)
    for first, second in combinations(plan, 2):
        if (first.school, first.officer) == (second.school, second.officer):
            assert not periods_overlap(first.start, first.end, second.start, second.end)


def test_it_gives_every_school_a_primary_today_and_balances_the_load():
    schools, officers, plan = world(seed=3, schools=107, officers=11)
    primaries = current(plan, "primary")
    assert sorted(p.school for p in primaries) == sorted(s.key for s in schools)
    loads = [sum(1 for p in primaries if p.officer == o.key) for o in officers]
    assert max(loads) - min(loads) <= 1


def test_it_gives_a_backup_who_is_another_officer_and_not_on_leave():
    _schools, officers, plan = world(seed=5, schools=40, officers=6)
    on_leave = {o.key for o in officers if o.on_leave}
    primary_of = {p.school: p.officer for p in current(plan, "primary")}
    backups = current(plan, "backup")
    assert len(backups) == 40
    assert all(b.officer != primary_of[b.school] and b.officer not in on_leave for b in backups)


def test_it_gives_french_schools_to_french_speaking_officers():
    _schools, officers, plan = world(seed=9, schools=60, officers=8, french_schools=10, french_officers=2)
    french_speakers = {o.key for o in officers if o.speaks_french}
    french_primaries = [p for p in current(plan, "primary") if p.school < 110]
    assert french_primaries and all(p.officer in french_speakers for p in french_primaries)


def test_it_keeps_some_history_that_ended_before_today():
    _schools, _officers, plan = world(seed=11, schools=80, officers=8)
    ended = [p for p in plan if p.end is not None]
    assert ended and all(p.end < TODAY and p.end.month == 6 and p.start.month == 9 for p in ended)


def test_it_starts_a_term_on_a_school_year_start_after_five_years_of_service():
    rng = random.Random(1)
    start = term_start(date(2010, 3, 1), TODAY, rng)
    assert start.month == 9 and start.day == 1 and date(2015, 3, 1) <= start <= school_year_start(TODAY)
    # Only five years in: the term starts this school year at the latest, never in the future.
    assert term_start(date(2021, 11, 1), TODAY, rng) <= TODAY


def test_it_shares_evenly():
    assert even_shares(10, 3) == [4, 3, 3]
    assert even_shares(2, 4) == [1, 1, 0, 0]
