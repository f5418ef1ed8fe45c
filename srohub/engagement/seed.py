"""Demo data of the engagement app: the topic catalogue, a presentation library, a realistic year
of activities and referrals (winnipeg and smaller scales), and at the calgary scale ~10^6
activities over ten years for the benchmarks.

Volume goes in with ``bulk_create`` in batches built from plain tuples: no service, no audit event
per row (the seed is the system writing history, not a person). Deterministic given ``rng``.
"""

from __future__ import annotations

import json
import random
import time
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from django.utils import timezone

from srohub.accounts.models import User
from srohub.audit.services import SYSTEM
from srohub.demo import names
from srohub.directory.models import Assignment, Organization, OrganizationKind, School
from srohub.engagement import rules, services
from srohub.engagement.bulk import insert_rows
from srohub.engagement.models import Activity, EngagementSettings, Material, MaterialVersion, Referral, Topic
from srohub.engagement.rules import ActivityType, ReferralOutcome, ReferralStatus
from srohub.people.models import PSEUDONYM_ALPHABET, Person

BATCH = 10_000
# Activities per school and school day: ~0.5 gives a Winnipeg year of ~10^4 (PRODUCT.md: ~10^5 in
# ten years); Calgary's ten years at ~1.1 over 420 schools and ~217 school days give ~10^6.
DAILY_RATE = {"calgary": 1.1}
YEARS = {"calgary": 10}
TYPE_WEIGHTS = {
    ActivityType.INFORMAL_CONTACT: 30,
    ActivityType.PRESENTATION: 15,
    ActivityType.MENTORING: 10,
    ActivityType.STAFF_CONSULTATION: 10,
    ActivityType.EXTRACURRICULAR: 7,
    ActivityType.PARENT_CONSULTATION: 6,
    ActivityType.MEDIATION: 4,
    ActivityType.DRILL_SUPPORT: 4,
    ActivityType.RESTORATIVE: 3,
    ActivityType.COMMUNITY_EVENT: 3,
    ActivityType.SAFETY_PLANNING: 3,
    ActivityType.VICTIM_FOLLOW_UP: 2,
    ActivityType.EMERGENCY_RESPONSE: 1,
    ActivityType.OTHER: 2,
}
PRESENTATIONS = (
    ("Staying safe online", "Internet safety", 4, 8),
    ("Cyberbullying: what it costs", "Cyberbullying", 6, 9),
    ("Know your rights: Canadian law", "Canadian law and the legal system", 9, 12),
    ("Careers in policing", "Policing careers", 10, 12),
    ("Gangs: the real story", "Gang awareness", 7, 12),
    ("Vaping, cannabis and you", "Drugs and alcohol", 7, 12),
    ("Healthy relationships", "Healthy relationships", 8, 12),
)
# The languages of the activities (JSON text, as the bulk insert writes it): mostly English, some
# French and bilingual (French immersion and francophone schools), a few in an Indigenous language
# or a newcomer family's language (a consultation with a parent through an interpreter).
LANGUAGE_MIX = tuple(
    (json.dumps(codes), weight)
    for codes, weight in (
        (["en"], 86),
        (["fr"], 4),
        (["en", "fr"], 5),
        (["en", "cr"], 1),
        (["en", "oj"], 1),
        (["en", "ar"], 1),
        (["en", "pa"], 1),
        (["en", "tl"], 1),
    )
)
LANGUAGE_CHOICES = [codes for codes, _weight in LANGUAGE_MIX]
LANGUAGE_WEIGHTS = list(accumulate(weight for _codes, weight in LANGUAGE_MIX))
AGENCIES = ("Youth Wellness Centre", "Family Services", "Youth Addictions Program", "Boys and Girls Club")


def seed_engagement(*, program, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    """Seed one program's engagement log (see the module docstring)."""
    started = time.perf_counter()
    topics = _catalogue(program)
    versions = _library(program, topics, today)
    people = _people(program, rng)
    intervals = _officer_intervals(program)
    years = YEARS.get(scale, 1)
    start = today - timedelta(days=365 * years)
    rate = DAILY_RATE.get(scale, 0.5)
    rows = _activity_rows(program, intervals, start, today, rate, rng, topics, versions, people)
    counts = {
        "topics": len(topics),
        "presentations": len(versions),
        "activities": insert_rows(Activity, ACTIVITY_COLUMNS, rows, batch_size=BATCH),
        "young_people": len(people),
    }
    counts["referrals"] = _referrals(program, intervals, people, start, today, rng)
    EngagementSettings.objects.get_or_create(program=program)
    counts["seconds"] = round(time.perf_counter() - started)
    return counts


def _catalogue(program) -> dict[str, int]:
    services.topics_ensure_defaults(actor=SYSTEM, program=program)
    return dict(Topic.objects.filter(program=program).values_list("name", "pk"))


def _library(program, topics: dict[str, int], today: date) -> list[int]:
    division = Organization.objects.filter(program=program, kind=OrganizationKind.SCHOOL_DIVISION).first()
    version_ids = []
    for index, (title, topic, low, high) in enumerate(PRESENTATIONS):
        material, _created = Material.objects.get_or_create(
            program=program,
            title=title,
            defaults={
                "topic_id": topics.get(topic),
                "grade_from": low,
                "grade_to": high,
                "division": division,
                "reviewed_by": "Safe and Caring Schools consultant",
                "reviewed_on": today - timedelta(days=400),
            },
        )
        for number in range(1 + index % 3):
            version, _created = MaterialVersion.objects.get_or_create(
                program=program,
                material=material,
                label=f"{2022 + number}.1",
                defaults={"released_on": date(2022 + number, 8, 15)},
            )
            version_ids.append(version.pk)
    return version_ids


def _pseudonym(rng: random.Random) -> str:
    body = "".join(rng.choice(PSEUDONYM_ALPHABET) for _ in range(8))
    return f"P-{body[:4]}-{body[4:]}"


def _people(program, rng: random.Random) -> list[tuple[int, int]]:
    """A few young people per school that officers mentor or follow up: (person id, school id)."""
    rows = []
    for school_id in School.objects.filter(program=program).order_by("pk").values_list("pk", flat=True):
        for _ in range(3):
            given, family = names.person_name(rng)
            rows.append(
                Person(
                    program=program,
                    school_id=school_id,
                    given_name=given,
                    family_name=family,
                    pseudonym=_pseudonym(rng),
                    grade=str(rng.randint(6, 12)),
                )
            )
    Person.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    # ignore_conflicts: a pseudonym drawn twice is skipped, so read back what is there.
    created = Person.objects.filter(program=program, pseudonym__in=[p.pseudonym for p in rows])
    return list(created.order_by("pk").values_list("pk", "school_id"))


def _officer_intervals(program) -> dict[int, tuple[list[date], list[tuple[date, int]]]]:
    """Per school: its assignments' start dates (sorted) and (end, officer) pairs. "primary" sorts
    after "backup", so of two assignments starting the same day the primary's officer is found."""
    by_school: dict[int, list] = {}
    for school_id, officer_id, start, end in (
        Assignment.objects.filter(program=program)
        .order_by("school_id", "start_date", "role")
        .values_list("school_id", "officer_id", "start_date", "end_date")
    ):
        by_school.setdefault(school_id, []).append((start, end or date.max, officer_id))
    return {
        school: ([s for s, _e, _o in spans], [(e, o) for _s, e, o in spans])
        for school, spans in by_school.items()
    }


def _officer_on(spans, day: date) -> int:
    """The officer at the school that day; before any assignment the school's first officer (the
    history a program brings in from its spreadsheets)."""
    starts, ends = spans
    index = bisect_right(starts, day) - 1
    while index >= 0 and ends[index][0] < day:
        index -= 1
    return ends[max(index, 0)][1]


def _school_days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        if day.weekday() < 5 and day.month not in (7, 8):
            yield day
        day += timedelta(days=1)


ACTIVITY_COLUMNS = (
    "program_id",
    "school_id",
    "officer_id",
    "activity_type",
    "occurred_on",
    "duration_minutes",
    "topic_id",
    "material_version_id",
    "grades",
    "audience_count",
    "languages",
    "person_id",
    "notes",
    "created_at",
    "updated_at",
    "version",
)


def _activity_rows(program, intervals, start, end, rate, rng, topics, versions, people) -> Iterator[tuple]:
    """Tuples in ``ACTIVITY_COLUMNS`` order: on average ``rate`` activities per school and school day."""
    kinds = list(TYPE_WEIGHTS)
    cumulative = list(accumulate(TYPE_WEIGHTS.values()))
    context = _RowContext(
        program.pk, list(topics.values()), versions, _people_by_school(people), timezone.now().isoformat()
    )
    whole, fraction = int(rate), rate - int(rate)
    schools = sorted(intervals)
    for day in _school_days(start, end):
        day_text = day.isoformat()
        for school_id in schools:
            officer_id = _officer_on(intervals[school_id], day)
            for _ in range(whole + (rng.random() < fraction)):
                kind = rng.choices(kinds, cum_weights=cumulative)[0]
                yield _activity(context, school_id, officer_id, day_text, kind, rng)


@dataclass(frozen=True)
class _RowContext:
    program_id: int
    topic_ids: list[int]
    versions: list[int]
    people_by_school: dict[int, list[int]]
    now: str


def _people_by_school(people) -> dict[int, list[int]]:
    by_school: dict[int, list[int]] = {}
    for person_id, school_id in people:
        by_school.setdefault(school_id, []).append(person_id)
    return by_school


def _activity(context: _RowContext, school_id, officer_id, day: str, kind, rng) -> tuple:
    profile = rules.TYPE_PROFILES[kind]
    minutes = min(max(5, int(rng.gauss(profile.default_minutes, profile.default_minutes / 4))), 600)
    people = context.people_by_school.get(school_id)
    with_audience = profile.has_audience
    return (
        context.program_id,
        school_id,
        officer_id,
        kind,
        day,
        minutes,
        rng.choice(context.topic_ids) if profile.has_topic and context.topic_ids else None,
        rng.choice(context.versions) if kind == ActivityType.PRESENTATION and context.versions else None,
        str(rng.randint(4, 12)) if with_audience else "",
        rng.randint(12, 32) if with_audience else None,
        rng.choices(LANGUAGE_CHOICES, cum_weights=LANGUAGE_WEIGHTS)[0],
        rng.choice(people) if profile.may_involve_person and people and rng.random() < 0.6 else None,
        "",
        context.now,
        context.now,
        1,
    )


def _referrals(program, intervals, people, start: date, today: date, rng: random.Random) -> int:
    """About two referrals per school and year, older ones closed with an outcome, a few stale."""
    agencies = _agencies(program)
    intake, _created = User.objects.get_or_create(
        username=f"{program.slug}-referral-intake",
        defaults={"first_name": "Referral", "last_name": "Intake", "is_active": False},
    )
    rows = []
    for person_id, school_id in people:
        if school_id not in intervals:
            continue
        for _ in range(rng.randint(0, 2) * max(1, (today - start).days // 365)):
            rows.append(
                _referral(
                    program, school_id, person_id, intervals[school_id], agencies, intake, start, today, rng
                )
            )
    Referral.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _referral(program, school_id, person_id, spans, agencies, intake, start, today, rng) -> Referral:
    referred_on = start + timedelta(days=rng.randint(0, (today - start).days))
    age = (today - referred_on).days
    steps = min(3, age // 20)
    status = rules.STATUS_ORDER[steps]
    outcome = (
        rng.choices(ReferralOutcome.values, [60, 12, 10, 6, 8, 4])[0]
        if status == ReferralStatus.CLOSED
        else ""
    )
    agency_id, kind = rng.choice(agencies)
    return Referral(
        program=program,
        school_id=school_id,
        person_id=person_id,
        agency_id=agency_id,
        service_kind=kind,
        referred_by=intake,
        officer_id=_officer_on(spans, referred_on),
        referred_on=referred_on,
        consent_given_by=rng.choice(["young_person", "parent", "both"]),
        consent_given_on=referred_on,
        consent_scope="Name, school and phone number to the agency's intake worker",
        status=status,
        outcome=outcome,
        last_update_on=min(today, referred_on + timedelta(days=steps * rng.randint(7, 20))),
    )


def _agencies(program) -> list[tuple[int, str]]:
    kinds = ("mental_health", "family", "addictions", "youth_program")
    pairs = []
    for name, kind in zip(AGENCIES, kinds, strict=True):
        existing = Organization.objects.filter(
            program=program, kind=OrganizationKind.COMMUNITY_AGENCY, name__icontains=name
        ).first()
        agency = existing or Organization.objects.create(
            program=program, kind=OrganizationKind.COMMUNITY_AGENCY, name=f"{program.name.split()[0]} {name}"
        )
        pairs.append((agency.pk, kind))
    return pairs


SEEDERS = [seed_engagement]
