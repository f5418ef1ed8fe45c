"""A school's term summary as CSV and XLSX (openpyxl), for the principal."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A spreadsheet never runs a cell as a formula (a topic named "=HYPERLINK(…)")."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def summary_table(summary) -> tuple[list[str], list[list]]:
    headers = [_("School"), _("Term"), _("Section"), _("Measure"), _("Value")]
    sections = {
        "summary": _("Summary"),
        "type": _("Activities by type"),
        "type_hours": _("Hours by type"),
        "topic": _("Activities by topic"),
    }
    body = [
        [safe_cell(summary.school.name), summary.term.key, str(sections[section]), safe_cell(label), value]
        for section, label, value in summary.rows()
    ]
    return headers, body


def filename_of(summary) -> str:
    return f"engagement-{slugify(summary.school.code or summary.school.pk)}-{summary.term.key}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_csv(summary) -> HttpResponse:
    headers, body = summary_table(summary)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(body)
    return _download(
        buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", f"{filename_of(summary)}.csv"
    )


def as_xlsx(summary) -> HttpResponse:
    from openpyxl import Workbook  # noqa: PLC0415 - only loaded for this download

    headers, body = summary_table(summary)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Term summary")[:31])
    sheet.append(headers)
    for line in body:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{filename_of(summary)}.xlsx",
    )
