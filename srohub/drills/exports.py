"""The compliance table as CSV, XLSX (openpyxl) and PDF (reportlab), for the board."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from srohub.drills.models import DrillType
from srohub.drills.presenters import status_label


def table_rows(rows, drill_types: list[str]) -> tuple[list[str], list[list]]:
    """Headers and one row per school: status, per type "completed/required", unannounced, actions."""
    labels = dict(DrillType.choices)
    headers = [
        _("School"),
        _("Division"),
        _("Status"),
        *[str(labels[t]) for t in drill_types],
        _("Unannounced"),
        _("Next due"),
        _("Open corrective actions"),
        _("Reason"),
    ]
    body = []
    for row in rows:
        by_type = row.by_type()
        cells = [
            f"{by_type[t].completed}/{by_type[t].required}" if t in by_type else "—" for t in drill_types
        ]
        reasons = " ".join(c.reason for c in row.types if c.status == row.status)
        body.append(
            [
                row.school.name,
                row.school.division.name,
                status_label(row.status),
                *cells,
                sum(c.unannounced for c in row.types),
                row.next_due.isoformat() if row.next_due else "",
                row.open_actions,
                reasons,
            ]
        )
    return headers, body


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_csv(headers, body, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(body)
    return _download(buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", f"{filename}.csv")


def as_xlsx(headers, body, filename: str) -> HttpResponse:
    from openpyxl import Workbook  # noqa: PLC0415 - only loaded for this download

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Drill compliance")[:31])
    sheet.append(headers)
    for line in body:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{filename}.xlsx",
    )


def as_pdf(headers, body, filename: str, title: str) -> HttpResponse:
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.lib.pagesizes import landscape, letter  # noqa: PLC0415
    from reportlab.lib.styles import getSampleStyleSheet  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: PLC0415

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7, leading=8)
    data = [[Paragraph(str(h), small) for h in headers]]
    data += [[Paragraph(str(cell), small) for cell in line] for line in body]
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(letter), title=title)
    document.build([Paragraph(title, styles["Title"]), table])
    return _download(buffer.getvalue(), "application/pdf", f"{filename}.pdf")
