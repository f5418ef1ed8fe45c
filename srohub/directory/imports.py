"""CSV import of schools, spaces and officers: every row is saved, or none is, with a report per row.

``run_import(actor=…, program=…, kind=…, file=…)`` reads the whole file first (UTF-8, with or without
the byte-order mark that spreadsheets write), checks the header, parses and validates every row
(bad values, unknown divisions or schools, duplicate keys within the file, the model's own
``full_clean``) and collects ALL problems. Only a clean file is written: in one transaction, row by
row through the directory services, so each record is authorized and audited like an edit in the UI.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2. Row 0
stands for the file as a whole (too large, not UTF-8 text).

A row whose key already exists in the program (school ``code``, officer ``badge_number``, space
``school_code`` + ``name``) updates that record; a blank cell then keeps the current value.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import zip_longest
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from srohub.audit.services import SYSTEM
from srohub.core.scoping import CHANGE, grants_for
from srohub.core.services import authorize_create
from srohub.directory import services
from srohub.directory.models import (
    Language,
    Officer,
    OfficerStatus,
    Organization,
    OrganizationKind,
    Program,
    School,
    SchoolLevel,
    Space,
    SpaceKind,
)

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
WHOLE_FILE = 0  # the row number of a problem with the file itself
FIRST_DATA_ROW = 2  # the header is row 1
TRUE_WORDS = {"yes", "y", "true", "1", "oui", "o", "x"}
FALSE_WORDS = {"no", "n", "false", "0", "non", ""}


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: header = 1
    field: str  # the column, or "" for the row or file as a whole
    message: str


@dataclass
class ImportReport:
    ok: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


# ---------------------------------------------------------------- what each kind of file holds


@dataclass(frozen=True)
class Column:
    """One CSV column: the model field it fills and how its text becomes a value.

    ``parse(text, lookups)`` returns the value or raises ``ValueError`` with the message to show.
    """

    name: str
    parse: Callable[[str, Lookups], Any]
    required: bool = False
    field: str = ""

    @property
    def model_field(self) -> str:
        return self.field or self.name


def _text(raw: str, lookups: Lookups) -> str:
    return raw


def _whole_number(raw: str, lookups: Lookups) -> int:
    cleaned = raw.replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned.isdigit():
        raise ValueError(_("Enter a whole number such as 450."))
    return int(cleaned)


def _coordinate(raw: str, lookups: Lookups) -> Decimal:
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("Enter a number in decimal degrees, such as 49.89510.")) from None
    if not value.is_finite():
        raise ValueError(_("Enter a number in decimal degrees, such as 49.89510."))
    # GPS tools give 6+ decimals; the directory keeps 5 (about a metre), so round instead of refusing.
    return value.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)


def _iso_date(raw: str, lookups: Lookups) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(_("Enter a date as YYYY-MM-DD, such as 2015-01-05.")) from None


def _yes_no(raw: str, lookups: Lookups) -> bool:
    word = raw.lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise ValueError(_("Enter yes or no."))


def _choice(choices: type[models.TextChoices]) -> Callable[[str, Lookups], str]:
    """A parser accepting a choice's value or its label, in any case ("senior_high", "Senior high")."""

    def parse(raw: str, lookups: Lookups) -> str:
        wanted = _fold(raw)
        for value, label in choices.choices:
            if wanted in (_fold(value), _fold(str(label))):
                return value
        raise ValueError(_("Choose one of: %(values)s.") % {"values": ", ".join(choices.values)})

    return parse


def _fold(text: str) -> str:
    return text.strip().lower().replace("–", "-").replace(" ", "_").replace("-", "_")


def _division(raw: str, lookups: Lookups) -> Organization:
    return lookups.find("divisions", raw, _("No school division of this program is named %(name)s."))


def _police_service(raw: str, lookups: Lookups) -> Organization:
    return lookups.find("police_services", raw, _("No police service of this program is named %(name)s."))


def _school(raw: str, lookups: Lookups) -> School:
    # One message for a missing school and one the actor may not add spaces to: out of scope is not found.
    return lookups.find("schools", raw, _("No school with code %(name)s that you may add spaces to."))


@dataclass(frozen=True)
class Kind:
    """One kind of file: its columns, the model, the key that finds an existing record, its services."""

    model: type[models.Model]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # model fields naming one record in the program
    create: Callable[..., models.Model]
    update: Callable[..., models.Model]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    def column_of(self, model_field: str) -> str:
        """The CSV column showing a model field's error ("school" → "school_code")."""
        return next((c.name for c in self.columns if c.model_field == model_field), "")


KINDS = {
    "schools": Kind(
        model=School,
        columns=(
            Column("division", _division, required=True),
            Column("name", _text, required=True),
            Column("short_name", _text),
            Column("code", _text, required=True),
            Column("level", _choice(SchoolLevel), required=True),
            Column("language", _choice(Language)),
            Column("enrolment", _whole_number),
            Column("address", _text),
            Column("city", _text),
            Column("postal_code", _text),
            Column("latitude", _coordinate),
            Column("longitude", _coordinate),
            Column("office_phone", _text),
        ),
        key=("code",),
        create=lambda actor, program, values: services.school_create(actor=actor, program=program, **values),
        update=lambda actor, record, changes: services.school_update(
            actor=actor, school=record, changes=changes
        ),
    ),
    "spaces": Kind(
        model=Space,
        columns=(
            Column("school_code", _school, required=True, field="school"),
            Column("name", _text, required=True),
            Column("kind", _choice(SpaceKind)),
            Column("floor", _text),
            Column("sweep_order", _whole_number),
        ),
        key=("school", "name"),
        create=lambda actor, program, values: services.space_create(actor=actor, **values),
        update=lambda actor, record, changes: services.space_update(
            actor=actor, space=record, changes=changes
        ),
    ),
    "officers": Kind(
        model=Officer,
        columns=(
            Column("badge_number", _text, required=True),
            Column("first_name", _text, required=True),
            Column("last_name", _text, required=True),
            Column("rank", _text),
            Column("police_service", _police_service),
            Column("service_start_date", _iso_date, required=True),
            Column("phone", _text),
            Column("email", _text),
            Column("speaks_french", _yes_no),
            Column("status", _choice(OfficerStatus)),
        ),
        key=("badge_number",),
        create=lambda actor, program, values: services.officer_create(actor=actor, program=program, **values),
        update=lambda actor, record, changes: services.officer_update(
            actor=actor, officer=record, changes=changes
        ),
    ),
}


# ---------------------------------------------------------------- lookups, fetched once per import


class Lookups:
    """The program's divisions, police services and (for spaces) the schools the actor may add to,
    each by name, short name or code, case-insensitively."""

    def __init__(self, *, actor, program: Program, kind: str):
        organizations = Organization.objects.filter(program=program)
        self.tables = {
            "divisions": _by_names(organizations.filter(kind=OrganizationKind.SCHOOL_DIVISION)),
            "police_services": _by_names(organizations.filter(kind=OrganizationKind.POLICE_SERVICE)),
            "schools": _schools_by_code(actor, program) if kind == "spaces" else {},
        }
        services_here = set(self.tables["police_services"].values())
        # Most programs have one police service: then an officer row may leave the column blank.
        self.only_police_service = services_here.pop() if len(services_here) == 1 else None

    def find(self, table: str, raw: str, missing: str):
        found = self.tables[table].get(raw.strip().lower())
        if found is None:
            raise ValueError(missing % {"name": raw})
        return found


def _by_names(organizations) -> dict[str, Organization]:
    table = {}
    for organization in organizations:
        for name in (organization.name, organization.short_name):
            if name:
                table.setdefault(name.strip().lower(), organization)
    return table


def _schools_by_code(actor, program: Program) -> dict[str, School]:
    """Schools where the actor may add spaces (all of the program's for SYSTEM), by code."""
    schools = School.objects.filter(program=program).select_related("program")
    if actor is not SYSTEM:
        reachable = _space_school_ids(actor, program)
        if reachable is not None:
            schools = schools.filter(pk__in=sorted(reachable))
    return {school.code.strip().lower(): school for school in schools}


def _space_school_ids(actor, program: Program) -> set[int] | None:
    """The school ids of the actor's grants that may change spaces here; None for every school."""
    ids: set[int] = set()
    for grant in grants_for(actor):
        if grant.program_id == program.pk and grant.role in Space.access.roles_for(CHANGE):
            if grant.school_ids is None:
                return None
            ids |= grant.school_ids
    if not ids:
        raise PermissionDenied(_("You may not add spaces in this program."))
    return ids


# ---------------------------------------------------------------- the import


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]  # model field → value, only for the cells that were filled in and parsed
    failed: set[str]  # model fields whose cell could not be parsed (already reported)
    existing: models.Model | None = None


def run_import(*, actor, program: Program, kind: str, file) -> ImportReport:
    """Import a CSV of ``kind`` (schools, spaces, officers) into ``program``: all rows or none.

    Raises ``ValidationError`` for an unknown kind and ``PermissionDenied`` when the actor may not
    create such records in the program; every problem in the file itself is in the report.
    """
    if kind not in KINDS:
        raise ValidationError(
            {"kind": _("Choose what the file holds: %(kinds)s.") % {"kinds": ", ".join(KINDS)}}
        )
    spec = KINDS[kind]
    _authorize(actor, spec, program)
    lookups = Lookups(actor=actor, program=program, kind=kind)
    rows, errors = _read_rows(file, spec)
    parsed = [] if errors else _parse_rows(rows, spec, program, lookups, errors)
    if errors:
        return ImportReport(ok=False, errors=sorted(errors, key=lambda e: (e.row, e.field)))
    return _write(actor, program, spec, parsed)


def _authorize(actor, spec: Kind, program: Program) -> None:
    """Refuse before reading the file when the actor may not create this kind of record here."""
    if spec.model is Space:
        if actor is not SYSTEM:
            _space_school_ids(actor, program)  # raises when no grant reaches any school's spaces
        return
    authorize_create(actor, spec.model, program_id=program.pk)


def _read_rows(file, spec: Kind) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """(row number, {column: text}) for each non-blank record row, or the problems with the file."""
    text, problem = _decode(file)
    if problem:
        return [], [problem]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = [_fold(name) for name in next(reader, [])]
    errors = _header_errors(header, spec)
    if errors:
        return [], errors
    try:
        return _records(reader, header)
    except csv.Error as exc:  # a NUL byte, an unclosed quote at the end of the file
        message = _("This row cannot be read as CSV: %(error)s.") % {"error": exc}
        return [], [RowError(reader.line_num, "", message)]


def _records(reader, header: list[str]) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    rows, errors = [], []
    for number, cells in enumerate(reader, start=FIRST_DATA_ROW):
        if number > MAX_ROWS + 1:
            message = _("The file has more than %(max)s rows; split it into smaller files.")
            return [], [RowError(number, "", message % {"max": f"{MAX_ROWS:,}"})]
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank lines at the end
        named = list(zip_longest(header, cells, fillvalue=""))
        if any(cell.strip() for name, cell in named if not name):
            errors.append(
                RowError(number, "", _("This row has a value in a column the first row does not name."))
            )
            continue
        # The empty cells of unnamed columns (a spreadsheet's trailing commas) are dropped.
        rows.append((number, {name: cell.strip() for name, cell in named if name}))
    return rows, errors


def _decode(file) -> tuple[str, RowError | None]:
    """The file's text (UTF-8, byte-order mark removed), or the reason it cannot be read."""
    content = file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return "", RowError(
            WHOLE_FILE, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}
        )
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            row = content[: exc.start].count(b"\n") + 1
            return "", RowError(row, "", _("This row is not UTF-8 text: save the file as “CSV UTF-8”."))
    return content.removeprefix("\ufeff"), None


def _delimiter(text: str) -> str:
    # French-locale spreadsheets write semicolons, since the comma is their decimal mark.
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _header_errors(header: list[str], spec: Kind) -> list[RowError]:
    if not any(header):
        return [
            RowError(
                1,
                "",
                _("The first row must name the columns: %(columns)s.") % {"columns": ",".join(spec.header)},
            )
        ]
    errors = [
        RowError(1, name, _("Unknown column (expected: %(columns)s).") % {"columns": ",".join(spec.header)})
        for name in header
        if name and name not in spec.header
    ]
    errors += [
        RowError(1, name, _("This column is missing: name it in the first row."))
        for name in spec.header
        if name not in header and _column(spec, name).required
    ]
    errors += [
        RowError(1, name, _("This column is named twice."))
        for index, name in enumerate(header)
        if name and name in header[:index]
    ]
    return errors


def _column(spec: Kind, name: str) -> Column:
    return next(column for column in spec.columns if column.name == name)


def _parse_rows(
    rows, spec: Kind, program: Program, lookups: Lookups, errors: list[RowError]
) -> list[ParsedRow]:
    """Parse and validate every row, adding each problem to ``errors`` (nothing is written).

    A row with a bad cell is still validated for its other cells, so one pass reports them all.
    """
    existing = _existing_by_key(spec, program)
    first_seen: dict[tuple, int] = {}
    parsed = []
    for number, cells in rows:
        row = _parse_cells(number, cells, spec, lookups, errors)
        if not row.failed.intersection(spec.key):
            key = tuple(_key_part(row.values.get(name)) for name in spec.key)
            if key in first_seen:
                message = _("Also on row %(row)s: each record may appear once.") % {"row": first_seen[key]}
                errors.append(RowError(number, spec.column_of(spec.key[-1]), message))
                continue
            first_seen[key] = number
            row.existing = existing.get(key)
        errors += _validate(row, spec, program, lookups)
        parsed.append(row)
    return parsed


def _parse_cells(number: int, cells: dict[str, str], spec: Kind, lookups: Lookups, errors) -> ParsedRow:
    row = ParsedRow(number, values={}, failed=set())
    for column in spec.columns:
        raw = cells.get(column.name, "")
        if not raw:
            if column.required:
                errors.append(RowError(number, column.name, _("This column is required.")))
                row.failed.add(column.model_field)
            continue
        try:
            row.values[column.model_field] = column.parse(raw, lookups)
        except ValueError as exc:
            errors.append(RowError(number, column.name, str(exc)))
            row.failed.add(column.model_field)
    return row


def _key_part(value) -> Any:
    return value.pk if isinstance(value, models.Model) else str(value).strip().lower()


def _existing_by_key(spec: Kind, program: Program) -> dict[tuple, models.Model]:
    records = spec.model.objects.filter(program=program)
    return {tuple(_key_part(getattr(r, name)) for name in spec.key): r for r in records}


def _validate(row: ParsedRow, spec: Kind, program: Program, lookups: Lookups) -> list[RowError]:
    """The model's own validation (lengths, ranges, phone format, cross-program links) on the row."""
    missing_police_service = "police_service" not in row.values and "police_service" not in row.failed
    if row.existing is None and spec.model is Officer and missing_police_service:
        if lookups.only_police_service is None:
            return [
                RowError(row.number, "police_service", _("Name the police service: the program has several."))
            ]
        row.values["police_service"] = lookups.only_police_service
    candidate = copy.copy(row.existing) if row.existing else spec.model(program=program)
    for name, value in row.values.items():
        setattr(candidate, name, value)
    try:
        candidate.full_clean(exclude=row.failed)  # a bad cell is reported once, by its parser
    except ValidationError as exc:
        return _row_errors(row.number, exc, spec)
    return []


def _row_errors(number: int, exc: ValidationError, spec: Kind) -> list[RowError]:
    """A model or service ValidationError as row errors, each under the CSV column it concerns."""
    if not hasattr(exc, "error_dict"):
        return [RowError(number, "", message) for message in exc.messages]
    return [
        RowError(number, "" if name == NON_FIELD_ERRORS else spec.column_of(name) or name, message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


class _RowRefused(Exception):
    def __init__(self, number: int, error: ValidationError):
        super().__init__(number, error)
        self.number, self.error = number, error


def _write(actor, program: Program, spec: Kind, rows: list[ParsedRow]) -> ImportReport:
    """Write every row in one transaction through the services; one refusal undoes them all."""
    report = ImportReport(ok=True)
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    _write_row(actor, program, spec, row, report)
                except ValidationError as exc:
                    raise _RowRefused(row.number, exc) from exc
    except _RowRefused as refused:
        # The row was valid when read, refused when written: someone changed the directory meanwhile.
        return ImportReport(ok=False, errors=_row_errors(refused.number, refused.error, spec))
    except IntegrityError:
        message = _(
            "Someone changed the directory while the file was imported. Nothing was saved; try again."
        )
        return ImportReport(ok=False, errors=[RowError(WHOLE_FILE, "", message)])
    return report


def _write_row(actor, program: Program, spec: Kind, row: ParsedRow, report: ImportReport) -> None:
    if row.existing is None:
        spec.create(actor, program, row.values)
        report.created += 1
        return
    changes = {name: value for name, value in row.values.items() if _differs(row.existing, name, value)}
    if not changes:
        report.unchanged += 1
        return
    spec.update(actor, row.existing, changes)
    report.updated += 1


def _differs(record: models.Model, name: str, value) -> bool:
    current = getattr(record, record._meta.get_field(name).attname)
    return current != (value.pk if isinstance(value, models.Model) else value)
