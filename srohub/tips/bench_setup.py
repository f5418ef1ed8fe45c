"""The database side of `srohub bench tips`, run in a child process against the scratch database
(``python -m srohub.tips.bench_setup prepare|count``): build a Winnipeg-sized program with a tip
partner and its API token, then count afterwards what the server stored. Prints one JSON object."""

from __future__ import annotations

import json
import os
import sys
from datetime import date


def prepare(schools: int = 110, officers: int = 15) -> dict:
    """A program with ``schools`` schools, ``officers`` SROs (primary assignments round robin), a
    supervisor, and a Crime Stoppers partner whose token the load generator uses."""
    from srohub.accounts.models import Membership, User
    from srohub.accounts.services import token_create
    from srohub.audit.services import SYSTEM
    from srohub.core.roles import Role
    from srohub.directory.models import Assignment, Officer, Organization, Program, School

    program = Program.objects.create(
        name="Bench SRO Program", slug="bench", province="MB", duty_phone="204-555-0100"
    )
    division = Organization.objects.create(program=program, kind="school_division", name="Bench Division")
    police = Organization.objects.create(program=program, kind="police_service", name="Bench Police")
    line = Organization.objects.create(program=program, kind="tip_line", name="Bench Crime Stoppers")
    unit = [
        Officer.objects.create(
            program=program,
            first_name="Pat",
            last_name=f"Officer{n}",
            badge_number=f"B{n}",
            police_service=police,
            service_start_date=date(2012, 9, 1),
            phone="204-555-0111",
        )
        for n in range(officers)
    ]
    names = []
    for n in range(schools):
        school = School.objects.create(
            program=program,
            division=division,
            name=f"{_word(n)} Collegiate {n}",
            code=f"S{n:04d}",
            level="senior_high",
            address=f"{100 + n} Main Street",
        )
        Assignment.objects.create(
            program=program, officer=unit[n % officers], school=school, start_date=date(2020, 9, 1)
        )
        names.append((school.pk, school.name))
    supervisor = User.objects.create(username="bench-sergeant", email="sgt@example.org")
    Membership.objects.create(program=program, user=supervisor, role=Role.SRO_SUPERVISOR, organization=police)
    partner = User.objects.create(username="bench-crime-stoppers")
    Membership.objects.create(program=program, user=partner, role=Role.TIP_PARTNER, organization=line)
    _token, key = token_create(actor=SYSTEM, user=partner, name="bench")
    return {"token": key, "schools": names, "partner": line.pk}


WORDS = ["Kelvin", "Grant", "Dakota", "Vincent", "Garden", "Sisler", "Tec", "Churchill", "Oak", "River"]


def _word(n: int) -> str:
    return WORDS[n % len(WORDS)] + ("" if n < len(WORDS) else chr(ord("A") + n // len(WORDS) % 26))


def count(partner: int, prefix: str = "") -> dict:
    """What the server stored for the partner (references starting with ``prefix``): tips, distinct
    references, routed tips, tips with exactly one first notification step."""
    from django.db.models import Count, Q

    from srohub.tips.models import Tip

    tips = Tip.objects.filter(partner_id=partner, partner_reference__startswith=prefix)
    totals = tips.aggregate(
        tips=Count("pk"),
        references=Count("partner_reference", distinct=True),
        routed=Count(
            "pk",
            filter=Q(routed_kind="officer", routed_officer__isnull=False)
            | Q(routed_kind="queue", routed_queue__in=["triage", "supervisor"]),
        ),
        to_officer=Count("pk", filter=Q(routed_kind="officer")),
        to_triage=Count("pk", filter=Q(routed_queue="triage")),
    )
    totals["with_one_first_step"] = (
        tips.annotate(first=Count("steps", filter=Q(steps__step=0))).filter(first=1).count()
    )
    return totals


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "srohub.settings")
    import django

    django.setup()
    commands = {
        "prepare": lambda: prepare(int(argv[1]) if len(argv) > 1 else 110),
        "count": lambda: count(int(argv[1]), argv[2] if len(argv) > 2 else ""),
    }
    result = commands[argv[0]]()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
