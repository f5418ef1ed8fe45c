"""The demo SRO unit of a program: its officers and their assignments to schools over time."""

from __future__ import annotations

import random
from datetime import date, timedelta

from srohub.demo import names
from srohub.demo.scales import ProgramSpec
from srohub.demo.territories import OfficerStub, SchoolStub, plan_assignments
from srohub.directory.models import Assignment, Officer, OfficerStatus, Organization, Program, School

SERGEANT_SHARE = 0.1


def build_officers(
    spec: ProgramSpec, program: Program, police: Organization, today: date, rng: random.Random
) -> list[Officer]:
    """Insert the unit: mostly constables, 5–25 years of service, one officer on leave; the first
    ``french_speaking_officers`` speak French."""
    badges = rng.sample(range(1000, 10000), spec.officers)
    on_leave = rng.randrange(spec.officers) if spec.officers > 1 else None
    used_names: set[str] = set()
    officers = []
    for index, badge in enumerate(badges):
        french = index < spec.french_speaking_officers
        full_name = names.unique(
            lambda french=french: " ".join(names.person_name(rng, french=french)), used_names
        )
        first_name, last_name = full_name.split(" ", 1)
        officers.append(
            Officer(
                program=program,
                police_service=police,
                first_name=first_name,
                last_name=last_name,
                badge_number=str(badge),
                rank="Sergeant" if rng.random() < SERGEANT_SHARE else "Constable",
                service_start_date=today - timedelta(days=rng.randint(5 * 365 + 2, 25 * 365)),
                phone=names.phone(rng, spec.area_code),
                email=names.email(first_name, last_name, spec.domain),
                speaks_french=french,
                status=OfficerStatus.ON_LEAVE if index == on_leave else OfficerStatus.ACTIVE,
            )
        )
    return Officer.objects.bulk_create(officers)


def build_assignments(
    spec: ProgramSpec, officers: list[Officer], schools: list[School], today: date, rng: random.Random
) -> int:
    """Insert current primaries and backups and some ended history (see ``demo.territories``)."""
    officer_stubs = [
        OfficerStub(
            key=o.pk,
            service_start=o.service_start_date,
            speaks_french=o.speaks_french,
            on_leave=o.status == OfficerStatus.ON_LEAVE,
        )
        for o in officers
    ]
    school_stubs = [
        SchoolStub(
            key=s.pk,
            level=s.level,
            language=s.language,
            latitude=float(s.latitude),
            longitude=float(s.longitude),
        )
        for s in schools
    ]
    plan = plan_assignments(school_stubs, officer_stubs, centre=spec.centre, today=today, rng=rng)
    program_id = schools[0].program_id if schools else None
    Assignment.objects.bulk_create(
        [
            Assignment(
                program_id=program_id,
                officer_id=p.officer,
                school_id=p.school,
                role=p.role,
                start_date=p.start,
                end_date=p.end,
            )
            for p in plan
        ],
        batch_size=1000,
    )
    return len(plan)
