"""`srohub seed`: deterministic, idempotent, valid data, the one-primary rule, and the demo logins."""

from itertools import combinations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from srohub.accounts.models import Membership, User
from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role
from srohub.core.scoping import grants_for
from srohub.demo.logins import DEMO_LOGINS
from srohub.demo.names import short_name
from srohub.demo.scales import CALGARY, PROVINCE, SCALES, SMALL, WINNIPEG
from srohub.demo.seed import app_seeders, seed
from srohub.directory.models import (
    Agreement,
    Assignment,
    Officer,
    OfficerStatus,
    Organization,
    Program,
    School,
    Space,
)
from srohub.directory.rules import periods_overlap
from srohub.directory.selectors import assignments_on

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def seeded_snapshot(seed_number: int) -> dict:
    """What a small directory-only seed makes, then undone so the next run starts from the same state."""
    try:
        with transaction.atomic():
            seed(scale="small", seed_number=seed_number, with_apps=False)
            program = Program.objects.get(slug=SMALL.slug)
            snapshot = {
                "schools": list(
                    School.objects.filter(program=program)
                    .order_by("code")
                    .values_list("code", "name", "level", "enrolment", "latitude")
                ),
                "officers": list(
                    Officer.objects.filter(program=program)
                    .order_by("badge_number")
                    .values_list("badge_number", "first_name", "last_name", "status")
                ),
                "assignments": sorted(
                    Assignment.objects.filter(program=program).values_list(
                        "officer__badge_number", "school__code", "role", "start_date", "end_date"
                    )
                ),
            }
            raise _Undo
    except _Undo:
        return snapshot


def test_it_makes_the_same_data_for_the_same_seed_number():
    first, again, other = seeded_snapshot(7), seeded_snapshot(7), seeded_snapshot(8)
    assert first == again
    assert first["schools"] != other["schools"]


def test_it_skips_a_program_that_is_already_seeded():
    seed(scale="small", with_apps=False)
    counts = (School.objects.count(), Officer.objects.count(), Assignment.objects.count())

    report = seed(scale="small", with_apps=False)

    assert [p.created for p in report.programs] == [False]
    assert (School.objects.count(), Officer.objects.count(), Assignment.objects.count()) == counts


def test_it_never_gives_a_school_two_primaries_on_one_day():
    seed(scale="small", with_apps=False)
    primaries = Assignment.objects.filter(role="primary").values_list("school_id", "start_date", "end_date")
    for (school, start, end), (other_school, other_start, other_end) in combinations(primaries, 2):
        if school == other_school:
            assert not periods_overlap(start, end, other_start, other_end)
    today = timezone.localdate()
    assert all(assignments_on(school, today)["primary"] for school in School.objects.all())


def test_it_makes_a_complete_directory_that_passes_model_validation():
    seed(scale="small", with_apps=False)
    program = Program.objects.get(slug=SMALL.slug)
    kinds = set(Organization.objects.filter(program=program).values_list("kind", flat=True))
    assert kinds == {"police_service", "school_division", "ministry", "community_agency", "tip_line"}
    agreement = Agreement.objects.get(program=program)
    signatories = set(agreement.partners.values_list("kind", flat=True))
    assert signatories == kinds - {"tip_line"}  # Crime Stoppers forwards tips; it does not sign the MOU
    assert "Youth Criminal Justice Act" in agreement.roles_and_responsibilities
    spaces_per_school = [school.spaces.count() for school in School.objects.filter(program=program)]
    assert min(spaces_per_school) >= 8 and max(spaces_per_school) <= 30
    assert Officer.objects.filter(program=program, status=OfficerStatus.ON_LEAVE).count() == 1
    for model in (Organization, School, Space, Officer, Assignment):
        for record in model.objects.filter(program=program):
            record.full_clean()


def test_it_uses_fictional_phone_numbers_and_short_names():
    seed(scale="small", with_apps=False)
    phones = [
        *School.objects.values_list("office_phone", flat=True),
        *Officer.objects.values_list("phone", flat=True),
    ]
    assert all(phone[4:10] == "555-01" for phone in phones)
    assert short_name("Aspen Ridge Elementary School") == "Aspen Ridge"


def test_it_records_one_import_event_per_program_for_the_bulk_rows():
    seed(scale="small", with_apps=False)
    program = Program.objects.get(slug=SMALL.slug)
    imports = AuditEvent.objects.filter(action=AuditAction.IMPORT, object_type="directory.program")
    assert imports.count() == 1
    assert imports.get().after["schools"] == School.objects.filter(program=program).count()
    assert not AuditEvent.objects.filter(object_type="directory.school").exists()  # bulk: no event per row


def test_it_seeds_winnipeg_at_the_size_of_the_real_program():
    seed(scale="winnipeg", with_apps=False)
    program = Program.objects.get(slug=WINNIPEG.slug)
    assert (program.name, program.province) == ("Winnipeg SRO Program", "MB")
    assert School.objects.filter(program=program).count() == 107
    assert Organization.objects.filter(program=program, kind="school_division").count() == 2
    assert Officer.objects.filter(program=program).count() == 11
    levels = list(School.objects.filter(program=program).values_list("level", flat=True))
    assert levels.count("elementary") > len(levels) / 2


def test_it_describes_calgary_and_the_province_at_their_scale():
    assert CALGARY.schools == 420 and CALGARY.officers == 40 and CALGARY.province == "AB"
    assert [d.language for d in CALGARY.divisions].count("fr") == 1 and CALGARY.french_speaking_officers > 0
    assert len(PROVINCE) == 10 and sum(p.schools for p in PROVINCE) == 2000
    assert sum(p.officers for p in PROVINCE) == 200
    slugs = [spec.slug for specs in SCALES.values() for spec in specs]
    assert len(slugs) == len(set(slugs))


def test_it_makes_no_login_without_the_flag():
    seed(scale="small", with_apps=False)
    assert not User.objects.exists()


def test_it_lands_each_demo_login_where_expected():
    report = seed(scale="small", demo_logins=True, with_apps=False)
    assert [login.username for login in report.logins] == [login.username for login in DEMO_LOGINS]
    users = {user.username: user for user in User.objects.all()}
    assert all(user.check_password("demo") and not user.is_superuser for user in users.values())
    office = Membership.objects.get(user=users["office1"])
    principal = Membership.objects.get(user=users["principal1"])
    sro1 = Officer.objects.get(user=users["sro1"])

    assert principal.school == office.school and office.role == Role.SCHOOL_OFFICE
    assert assignments_on(office.school, timezone.localdate())["primary"] == sro1
    assert office.school.level in ("senior_high", "junior_high", "k12")
    assert Membership.objects.get(user=users["divisionlead"]).organization == office.school.division
    assert users["supervisor"].phone and Officer.objects.filter(user=users["sro2"]).exists()
    assert len(School.objects.visible_to(users["sro1"])) >= 3  # several schools today
    roles = {m.user.username: m.role for m in Membership.objects.select_related("user")}
    assert roles == {login.username: login.role for login in DEMO_LOGINS}
    assert all(grants_for(user) for user in users.values())


def test_it_adds_missing_logins_to_a_program_seeded_without_them():
    seed(scale="small", with_apps=False)
    report = seed(scale="small", demo_logins=True, with_apps=False)
    assert len(report.logins) == len(DEMO_LOGINS)
    assert seed(scale="small", demo_logins=True, with_apps=False).logins == []


def test_it_runs_every_app_seeder_and_prints_the_demo_logins(capsys):
    call_command("seed", "--scale", "small", "--demo-logins")

    output = capsys.readouterr().out
    assert "http://127.0.0.1:" in output
    assert "office1" in output and "School office" in output
    names = [name for name, _seeder in app_seeders()]
    assert names and all(f"  {name}: " in output for name in names)  # each seeder's line, with its time
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 1
