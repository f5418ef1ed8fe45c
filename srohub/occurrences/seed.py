"""Demo youth records: occurrences over several years, so that some are past their access period,
notices overdue and done, and a disclosure to a school still waiting for its destruction."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from srohub.accounts.models import Membership
from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.directory.models import School
from srohub.occurrences import services
from srohub.occurrences.models import Category, ParentalNotice, SchoolDisclosure
from srohub.people.services import person_create

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
    counts["disclosures"] = _disclose_one(program, today)
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
    involvement = services.involvement_add(actor=SYSTEM, occurrence=occurrence, person=person, role="subject")
    outcome = OUTCOMES[index % len(OUTCOMES)]
    values = {
        "extrajudicial_sanction": {"consent_date": day + timedelta(days=7)},
        "charge": {"charge_method": rng.choice(["summons", "arrest_detention", "appearance_notice"])},
    }
    services.outcome_record(actor=SYSTEM, involvement=involvement, outcome=outcome, **values.get(outcome, {}))


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


def _disclose_one(program, today: date) -> int:
    """A safety disclosure to a school admin, made 40 days ago and not yet destroyed."""
    admin = Membership.objects.filter(program=program, role=Role.SCHOOL_ADMIN, is_active=True).first()
    occurrence = (
        program.occurrence_set.filter(records_state="active", school=admin.school).first() if admin else None
    )
    if occurrence is None:
        return 0
    SchoolDisclosure.objects.create(
        program=program,
        occurrence=occurrence,
        school=admin.school,
        recipient=admin.user,
        purpose="safety",
        information_shared="A safety plan is in place; staff on duty at recess are aware (demo).",
        disclosed_at=timezone.now() - timedelta(days=40),
    )
    return 1


SEEDERS = [seed_occurrences]
