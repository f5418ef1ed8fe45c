"""CSV import: all rows or none, a report per row, the services' rights and audit for each row."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.directory import imports
from srohub.directory.forms import IMPORT_KINDS
from srohub.directory.imports import KINDS, run_import
from srohub.directory.models import Officer, School, Space

pytestmark = pytest.mark.django_db

SCHOOLS_HEADER = (
    "division,name,short_name,code,level,language,enrolment,address,city,postal_code,latitude,longitude,"
    "office_phone\n"
)


def csv_file(text: str, *, bom: bool = False) -> io.BytesIO:
    """The file as a browser upload gives it: bytes, optionally with the BOM spreadsheets write."""
    return io.BytesIO(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def import_as(user, world, kind: str, text: str, **options):
    return run_import(actor=user, program=world.a.program, kind=kind, file=csv_file(text, **options))


def test_it_imports_a_good_file_and_audits_each_row(world):
    admin = world.users[Role.PROGRAM_ADMIN]
    text = SCHOOLS_HEADER + (
        'alpha Division,Kestrel Collegiate,Kestrel,K-100,Senior high,en,"1,250",1 Heron Way,Winnipeg,'
        "R3C 1A1,49.8951234,-97.1384,204-555-0142\n"
        "alpha Division,École Rivière-Rouge,,K-101,elementary,French,310,,,,,,\n"
    )

    report = import_as(admin, world, "schools", text)

    assert (report.ok, report.created, report.errors) == (True, 2, [])
    kestrel = School.objects.get(program=world.a.program, code="K-100")
    assert (kestrel.enrolment, kestrel.level, str(kestrel.latitude)) == (1250, "senior_high", "49.89512")
    assert School.objects.get(code="K-101").language == "fr"
    events = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="directory.school")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in School.objects.filter(code__in=["K-100", "K-101"]).values_list("pk", flat=True)
    )
    assert set(events.values_list("actor_id", flat=True)) == {admin.pk}


def test_it_reports_every_problem_with_its_row_and_column_and_saves_nothing(world):
    schools_before, events_before = School.objects.count(), AuditEvent.objects.count()
    text = SCHOOLS_HEADER + (
        "alpha Division,Good One,,G-1,elementary,en,300,,,,,,\n"  # row 2: fine
        "alpha Division,Bad Level,,G-2,college,en,abc,,,,,,\n"  # row 3: level and enrolment
        "alpha Division,Good Two,,G-3,junior high,en,500,,,,,,\n"  # row 4: fine
        "No Such Division,Bad Division,,G-1,k12,en,,,,,,,call me\n"  # row 5: division, duplicate code
    )

    report = import_as(SYSTEM, world, "schools", text)

    assert not report.ok and report.created == 0
    problems = {(error.row, error.field) for error in report.errors}
    assert problems == {(3, "level"), (3, "enrolment"), (5, "division"), (5, "code")}
    assert all(error.message for error in report.errors)
    assert School.objects.count() == schools_before and AuditEvent.objects.count() == events_before


def test_it_reports_the_models_own_validation_under_the_column(world):
    text = SCHOOLS_HEADER + "alpha Division,Far Away,,F-1,elementary,en,20000,,,,10,-97,555\n"

    report = import_as(SYSTEM, world, "schools", text)

    fields = {error.field for error in report.errors}
    assert {"enrolment", "latitude", "office_phone"} <= fields and {e.row for e in report.errors} == {2}


def test_it_refuses_an_unknown_kind(world):
    with pytest.raises(ValidationError) as refused:
        import_as(SYSTEM, world, "students", "name\nAnyone\n")
    assert "kind" in refused.value.message_dict


def test_it_says_which_columns_do_not_fit_when_the_file_is_of_another_kind(world):
    report = import_as(SYSTEM, world, "officers", SCHOOLS_HEADER + "alpha Division,X,,X-1,k12,,,,,,,,\n")

    assert not report.ok and {error.row for error in report.errors} == {1}
    fields = {error.field for error in report.errors}
    assert {"division", "badge_number", "service_start_date"} <= fields


def test_it_reads_utf8_with_or_without_a_byte_order_mark(world):
    for bom, code in ((True, "B-1"), (False, "B-2")):
        text = f"division,name,code,level\nalpha Division,École des Épinettes {code},{code},elementary\n"
        assert import_as(SYSTEM, world, "schools", text, bom=bom).ok
    assert School.objects.get(code="B-1").name == "École des Épinettes B-1"


def test_it_accepts_a_text_file_and_semicolons(world):
    text = io.StringIO("division;name;code;level\nalpha Division;Semicolon School;SC-1;elementary\n")
    assert run_import(actor=SYSTEM, program=world.a.program, kind="schools", file=text).ok


def test_it_names_the_row_that_is_not_utf8(world):
    content = "division,name,code,level\nalpha Division,Ok,O-1,k12\nalpha Division,É,O-2,k12\n"
    report = run_import(
        actor=SYSTEM, program=world.a.program, kind="schools", file=io.BytesIO(content.encode("latin-1"))
    )
    assert not report.ok and report.errors[0].row == 3 and "UTF-8" in report.errors[0].message


def test_it_refuses_a_file_over_the_row_limit(world, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    rows = "".join(f"alpha Division,School {n},L-{n},elementary\n" for n in range(5))

    report = import_as(SYSTEM, world, "schools", "division,name,code,level\n" + rows)

    assert not report.ok and report.errors[0].row == 5 and "3" in report.errors[0].message
    assert not School.objects.filter(code__startswith="L-").exists()


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        (Role.SCHOOL_OFFICE, "schools"),
        (Role.SRO_SUPERVISOR, "schools"),
        (Role.SRO, "officers"),
        (Role.SCHOOL_OFFICE, "spaces"),
    ],
)
def test_it_refuses_an_actor_without_rights_before_reading_the_file(world, role, kind):
    with pytest.raises(PermissionDenied):
        import_as(world.users[role], world, kind, "anything\n")


def test_it_refuses_an_outsider(world):
    with pytest.raises(PermissionDenied):
        import_as(world.outsider, world, "schools", SCHOOLS_HEADER)


def test_it_lets_a_school_admin_import_spaces_of_their_school_only(world):
    principal = world.users[Role.SCHOOL_ADMIN]
    mine, other = world.a.school.code, world.a.other_school.code
    text = f"school_code,name,kind,floor,sweep_order\n{mine},Room 201,classroom,2,5\n{other},Gym,gym,1,1\n"

    report = import_as(principal, world, "spaces", text)

    assert [(e.row, e.field) for e in report.errors] == [(3, "school_code")]
    assert "No school with code" in report.errors[0].message  # the same words as for a missing school
    report = import_as(principal, world, "spaces", f"school_code,name,kind\n{mine},Room 201,Classroom\n")
    assert report.ok and Space.objects.get(school=world.a.school, name="Room 201").kind == "classroom"


def test_it_imports_officers_with_the_programs_only_police_service(world):
    supervisor = world.users[Role.SRO_SUPERVISOR]
    text = (
        "badge_number,first_name,last_name,rank,police_service,service_start_date,phone,email,speaks_french,status\n"
        "7001,Dana,Whitlock,Constable,,2012-04-02,204-555-0177,dana@wps.example,oui,on leave\n"
        "7002,Rémi,Beaupré,,alpha Police,2014-13-01,,,maybe,\n"
    )

    report = import_as(supervisor, world, "officers", text)
    assert {(e.row, e.field) for e in report.errors} == {(3, "service_start_date"), (3, "speaks_french")}

    report = import_as(
        supervisor, world, "officers", text.replace("2014-13-01", "2014-01-13").replace("maybe", "")
    )
    assert report.ok and report.created == 2
    dana = Officer.objects.get(program=world.a.program, badge_number="7001")
    assert (dana.police_service, dana.speaks_french, dana.status) == (world.a.police, True, "on_leave")


def test_it_updates_the_records_it_finds_by_key_and_keeps_blank_cells(world):
    school = world.a.school
    header = "division,name,code,level,enrolment,office_phone\n"
    text = header + f"alpha Division,{school.name},{school.code},senior_high,950,\n"

    report = import_as(world.users[Role.PROGRAM_ADMIN], world, "schools", text)

    assert (report.ok, report.created, report.updated) == (True, 0, 1)
    school.refresh_from_db()
    assert school.enrolment == 950 and school.version == 2
    update = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="directory.school")
    assert update.after == {"enrolment": 950}
    again = import_as(world.users[Role.PROGRAM_ADMIN], world, "schools", text)
    assert (again.updated, again.unchanged) == (0, 1)


def test_its_columns_are_the_ones_the_upload_page_shows():
    assert {kind: ",".join(spec.header) for kind, spec in KINDS.items()} == {
        kind: header for kind, (_label, header) in IMPORT_KINDS.items()
    }


# ---------------------------------------------------------------- srohub import


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "file.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_imports_as_system_and_prints_the_counts(world, tmp_path, capsys):
    path = write(tmp_path, "division,name,code,level\nalpha Division,Command School,CMD-1,k12\n")

    call_command("import", "schools", path, "--program", world.a.program.slug)

    assert "1 created" in capsys.readouterr().out
    assert AuditEvent.objects.get(object_type="directory.school", action="create").actor_label == "system"


def test_the_command_prints_each_problem_and_exits_with_1(world, tmp_path, capsys):
    path = write(tmp_path, "division,name,code,level\nalpha Division,Bad,BAD-1,college\n")

    with pytest.raises(CommandError) as failed:
        call_command("import", "schools", path, "--program", world.a.program.slug)

    assert failed.value.returncode == 1 and "Nothing was saved" in str(failed.value)
    assert "level" in capsys.readouterr().out


def test_the_command_refuses_a_user_without_rights_and_unknown_names(world, tmp_path):
    path = write(tmp_path, "division,name,code,level\n")
    slug = world.a.program.slug
    with pytest.raises(CommandError) as refused:
        call_command(
            "import", "schools", path, "--program", slug, "--as", world.users[Role.SCHOOL_OFFICE].username
        )
    assert refused.value.returncode == 1 and "may not import" in str(refused.value)
    for arguments in (
        (path, "--program", "nowhere"),
        (path, "--program", slug, "--as", "ghost"),
        (str(tmp_path / "missing.csv"), "--program", slug),
    ):
        with pytest.raises(CommandError) as bad:
            call_command("import", "schools", *arguments)
        assert bad.value.returncode == 2


def test_it_ignores_the_empty_columns_spreadsheets_add_and_reports_extra_cells(world):
    text = (
        "Division,Name,Code,Level,,\n"
        "alpha Division,Trailing School,T-1,k12,,\n"
        "alpha Division,X,T-2,k12,,oops\n"
        "alpha Division,Y,T-3,k12,,,,too far\n"
    )

    report = import_as(SYSTEM, world, "schools", text)

    assert [(e.row, e.field) for e in report.errors] == [(3, ""), (4, "")]
    assert import_as(SYSTEM, world, "schools", "\n".join(text.splitlines()[:2])).ok


def test_it_reports_a_file_that_is_not_csv(world):
    report = import_as(SYSTEM, world, "schools", "division,name,code,level\nalpha\0Division,N,N-1,k12\n")
    assert not report.ok and report.errors[0].row == 2


def test_the_upload_page_runs_the_real_import(world, client):
    client.force_login(world.users[Role.PROGRAM_ADMIN])
    upload = SimpleUploadedFile(
        "schools.csv", b"division,name,code,level\nalpha Division,Web School,W-1,k12\n"
    )

    response = client.post(
        reverse("directory:import"), {"program": world.a.program.pk, "kind": "schools", "file": upload}
    )

    assert response.status_code == 200 and "1 record created." in response.text
    assert School.objects.filter(program=world.a.program, code="W-1").exists()
