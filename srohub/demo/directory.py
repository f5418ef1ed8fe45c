"""Seed one program's directory: the program, its partners and agreement, schools, rooms, officers
and assignments.

Why bulk inserts and not the per-row services: a calgary-scale program is ~10,000 synthetic rows.
Through ``directory.services`` each row would be authorized, ``full_clean``ed (several queries each)
and audited on its own — minutes of work and ten thousand audit events that record nothing a person
did. The seed is not a person's edit: the program itself is created through ``program_create`` (so the
trail shows who created the tenant), everything below it is inserted in bulk, and ONE summarizing
``import`` audit event per program records what was loaded (written by ``demo.seed`` once the
capability apps have added theirs). The generated values are valid by construction, and
``demo/tests/test_seed.py`` checks them with ``full_clean`` and the database constraints.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from srohub.audit.services import SYSTEM
from srohub.demo import names
from srohub.demo.officers import build_assignments, build_officers
from srohub.demo.scales import ProgramSpec
from srohub.demo.schools import build_schools, build_spaces
from srohub.demo.territories import school_year_start
from srohub.directory.models import Agreement, Organization, OrganizationKind, Program
from srohub.directory.services import program_create

ROLES_AND_RESPONSIBILITIES = """\
1. The police service selects, trains and supervises the School Resource Officers, assigns each a
   set of schools with a primary and a backup officer, and keeps the unit's duty phone staffed on
   school days.
2. Each school division names a safety lead, shares its school calendars and drill rules, and gives
   officers a place to work in each assigned school.
3. School administrators agree with their SRO on the days and times that are most useful, and call
   the backup officer or the unit duty phone when their SRO is away.
4. Officers give priority to engagement: presentations, mentoring, mediation, restorative practice
   and referrals to community resources, including the community agency's mental-health therapists.
5. Information is shared only as the Youth Criminal Justice Act and provincial privacy law allow.
6. The ministry receives the program's annual report; the partners review this agreement every year.
"""


@dataclass
class Partners:
    police: Organization
    divisions: list[Organization]
    ministry: Organization
    agency: Organization
    tip_line: Organization

    def all(self) -> list[Organization]:
        return [self.police, *self.divisions, self.ministry, self.agency, self.tip_line]


def seed_program_directory(spec: ProgramSpec, *, rng: random.Random, today: date) -> tuple[Program, dict]:
    """Create the program and everything in its directory; returns it with row counts."""
    program = program_create(
        actor=SYSTEM,
        name=spec.name,
        slug=spec.slug,
        province=spec.province,
        time_zone=spec.time_zone,
        duty_phone=names.phone(rng, spec.area_code),
        started_on=spec.started_on,
    )
    partners = build_partners(spec, program, rng)
    build_agreement(program, partners, today)
    schools = build_schools(spec, program, partners.divisions, rng)
    spaces = build_spaces(schools, rng)
    officers = build_officers(spec, program, partners.police, today, rng)
    assignments = build_assignments(spec, officers, schools, today, rng)
    counts = {
        "organizations": len(partners.all()),
        "agreements": 1,
        "schools": len(schools),
        "spaces": spaces,
        "officers": len(officers),
        "assignments": assignments,
    }
    return program, counts


def build_partners(spec: ProgramSpec, program: Program, rng: random.Random) -> Partners:
    """The police service, the school divisions, the ministry, a mental-health agency and Crime Stoppers."""
    since = spec.started_on

    def organization(kind, name, short_name="", language="en", role=""):
        return Organization(
            program=program,
            kind=kind,
            name=name,
            short_name=short_name,
            language=language,
            phone=names.phone(rng, spec.area_code),
            partner_since=since,
            role_in_program=role,
        )

    police = organization(
        OrganizationKind.POLICE_SERVICE,
        f"{spec.city} Police Service",
        "Police",
        role="Provides and supervises the School Resource Officers.",
    )
    divisions = [
        organization(
            OrganizationKind.SCHOOL_DIVISION,
            d.name,
            d.short_name,
            d.language,
            role="Partner school division.",
        )
        for d in spec.divisions
    ]
    ministry = organization(
        OrganizationKind.MINISTRY,
        f"Ministry of Education ({spec.province})",
        "Ministry",
        role="Receives the annual report; co-funds the program.",
    )
    agency = organization(
        OrganizationKind.COMMUNITY_AGENCY,
        f"{rng.choice(names.TREES)} Youth Wellness Centre",
        "Youth Wellness",
        role="Mental-health therapists paired with SROs.",
    )
    tip_line = organization(
        OrganizationKind.TIP_LINE,
        f"{spec.city} Area Crime Stoppers (demo)",
        "Crime Stoppers",
        role="Forwards anonymous tips about schools.",
    )
    Organization.objects.bulk_create([police, *divisions, ministry, agency, tip_line])
    return Partners(police, divisions, ministry, agency, tip_line)


def build_agreement(program: Program, partners: Partners, today: date) -> Agreement:
    """The memorandum of understanding in force: renewed two school years ago, signed by the police
    service, the divisions, the ministry and the community agency."""
    renewed = school_year_start(today)
    agreement = Agreement.objects.create(
        program=program,
        title=f"Memorandum of understanding — {program.name}",
        effective_from=renewed.replace(year=renewed.year - 2),
        roles_and_responsibilities=ROLES_AND_RESPONSIBILITIES,
    )
    agreement.partners.set([partners.police, *partners.divisions, partners.ministry, partners.agency])
    return agreement
