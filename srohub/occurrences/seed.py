"""Demo youth records: occurrences over several years, so that some are past their access period,
notices overdue and done, and disclosures to schools still waiting for their destruction (about one
per 50 schools, to a fictional principal where the school has no school admin yet)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from srohub.audit.services import SYSTEM
from srohub.demo.principals import ensure_school_admins, school_admins
from srohub.directory.models import School
from srohub.occurrences import services
from srohub.occurrences.models import Category, ParentalNotice, SchoolDisclosure
from srohub.people.services import guardian_add, person_create

GIVEN = ["Avery", "Jordan", "Kai", "Maya", "Noah", "Priya", "Sam", "Tariq", "Zoe", "Liam", "Ana", "Eli"]
FAMILY = [
    "Beaulieu",
    "Chen",
    "Desjarlais",
    "Fontaine",
    "Gill",
    "Harper",
    "Kowalski",
    "Nguyen",
    "Okafor",
    "Singh",
]
OUTCOMES = ["warning", "caution", "referral", "informal_resolution", "extrajudicial_sanction", "charge"]
SCALES = {"small": 12, "demo": 40, "large": 400}
SCHOOLS_PER_DISCLOSURE = 50


def seed_occurrences(*, program, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    """Occurrences spread over the last four years at the program's schools, each with a subject."""
    schools = list(School.objects.filter(program=program, is_active=True))
    if not schools:
        return {}
    categories = list(Category.objects.all())
    counts = {"occurrences": 0, "notices_overdue": 0, "disclosures": 0}
    for index in range(SCALES.get(scale, SCALES["demo"])):
        days_ago = rng.randint(1, 4 * 365) if index else 2
        if index % 12 == 4:  # every other sanction is three years old: past its two-year period
            days_ago = 3 * 365 + rng.randint(0, 300)
        occurrence = _occurrence(
            program, rng, rng.choice(schools), categories, today - timedelta(days=days_ago)
        )
        _subject(program, rng, occurrence, today - timedelta(days=days_ago), index)
        counts["occurrences"] += 1
    counts["notices_done"] = _give_some_notices(program, rng)
    counts["notices_overdue"] = ParentalNotice.objects.filter(program=program, given_at__isnull=True).count()
    counts["disclosures"] = _disclose(program, disclosure_count(len(schools)))
    counts["non_disclosable"] = services.ycja_sweep(as_of=today)
    return counts


def _occurrence(program, rng, school, categories, day: date):
    occurred_at = timezone.make_aware(
        datetime.combine(day, time(rng.randint(8, 15), rng.choice([0, 15, 30, 45])))
    )
    return services.occurrence_create(
        actor=SYSTEM,
        program=program,
        school=school,
        occurred_at=occurred_at,
        reported_via=rng.choice(["student", "staff", "parent", "officer"]),
        categories=rng.sample(categories, k=rng.randint(1, 2)),
        narrative="Demo occurrence (fictional).",
    )


def _subject(program, rng, occurrence, day: date, index: int):
    born = day - timedelta(days=rng.randint(13 * 365, 17 * 365))
    person = person_create(
        actor=SYSTEM,
        program=program,
        school=occurrence.school,
        given_name=rng.choice(GIVEN),
        family_name=f"{rng.choice(FAMILY)}{index}",
        date_of_birth=born,
    )
    _parent(person, index)
    involvement = services.involvement_add(actor=SYSTEM, occurrence=occurrence, person=person, role="subject")
    outcome = OUTCOMES[index % len(OUTCOMES)]
    values = {
        "extrajudicial_sanction": {"consent_date": day + timedelta(days=7)},
        "charge": {"charge_method": rng.choice(["summons", "arrest_detention", "appearance_notice"])},
    }
    services.outcome_record(actor=SYSTEM, involvement=involvement, outcome=outcome, **values.get(outcome, {}))


def _parent(person, index: int) -> None:
    """The parent who receives the YCJA s.26 notices (no draw from the rng: the rest of the seed stays
    as it was)."""
    guardian_add(
        actor=SYSTEM,
        person=person,
        name=f"{GIVEN[(index * 5 + 3) % len(GIVEN)]} {person.family_name}",
        relationship="parent",
        phone=f"431-555-8{index % 1000:03d}",
    )


def _give_some_notices(program, rng) -> int:
    """Half the duties given (by phone, or in writing with proof); the rest stay overdue."""
    given = 0
    for notice in ParentalNotice.objects.filter(program=program, is_duty=True).order_by("pk"):
        if rng.random() < 0.5:
            continue
        written = notice.form_required == "written"
        ParentalNotice.objects.filter(pk=notice.pk).update(
            given_at=notice.due_at - timedelta(hours=6),
            recipient_name="Parent (demo)",
            recipient_relationship="parent",
            method="written_in_person" if written else "oral_phone",
            proof_of_delivery="Served at home (demo)" if written else "",
            contents_given=notice.required_contents,
        )
        given += 1
    ParentalNotice.objects.filter(program=program, given_at__isnull=True).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    return given


def occurrence_for_real_lockdown(*, program, school, at: datetime):
    """The occurrence a real lockdown is linked to (the drills seeder's one real event): a student
    reported a classmate with what looked like a handgun; it was a replica. Fictional, no one named."""
    return services.occurrence_create(
        actor=SYSTEM,
        program=program,
        school=school,
        occurred_at=at,
        reported_via="student",
        categories=list(Category.objects.filter(key__in=["weapons", "threats"])),
        narrative=(
            "A student told the office a classmate had a handgun in a backpack. Hold-and-secure, then "
            "lockdown called; the SRO and patrol units attended. A replica pistol was found; no one was "
            "hurt (demo, fictional)."
        ),
    )


def disclosure_count(schools: int) -> int:
    """How many s.125(6) disclosures a program of ``schools`` schools gets in the demo: one per 50
    schools, at least one (winnipeg 2, calgary 8)."""
    return max(1, schools // SCHOOLS_PER_DISCLOSURE)


def _disclose(program, wanted: int) -> int:
    """Safety disclosures made 40 days ago and not yet destroyed, each about an active occurrence at a
    different school, to its school admin (schools that have one first); one insert."""
    admins = ensure_school_admins(program, _disclosure_schools(program, wanted))
    occurrences = program.occurrence_set.filter(records_state="active", school_id__in=list(admins)).order_by("pk")
    disclosed_at = timezone.now() - timedelta(days=40)
    disclosures, seen = [], set()
    for occurrence in occurrences:
        if occurrence.school_id not in seen:
            seen.add(occurrence.school_id)
            disclosures.append(_disclosure(occurrence, admins[occurrence.school_id], disclosed_at))
    SchoolDisclosure.objects.bulk_create(disclosures)
    return len(disclosures)


def _disclosure_schools(program, wanted: int) -> list[int]:
    with_admin = set(school_admins(program))
    schools = sorted(
        set(program.occurrence_set.filter(records_state="active").values_list("school_id", flat=True)),
        key=lambda school_id: (school_id not in with_admin, school_id),
    )
    return schools[:wanted]


def _disclosure(occurrence, recipient_id: int, disclosed_at) -> SchoolDisclosure:
    return SchoolDisclosure(
        program_id=occurrence.program_id,
        occurrence=occurrence,
        school_id=occurrence.school_id,
        recipient_id=recipient_id,
        purpose="safety",
        information_shared="A safety plan is in place; staff on duty at recess are aware (demo).",
        disclosed_at=disclosed_at,
    )


SEEDERS = [seed_occurrences]
