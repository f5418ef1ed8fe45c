"""A table (headers and rows) as the downloads people open: CSV, XLSX (openpyxl) and PDF
(reportlab). Each app's ``exports`` module builds its rows and hands them here.

Every text cell of a CSV or XLSX passes through :func:`safe_cell`: a spreadsheet must never run a
cell as a formula, whoever typed the text (a school named "=HYPERLINK(…)", a topic, a reason).
"""

import csv
import io

from django.http import HttpResponse
from django.utils.html import escape

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A text a spreadsheet would read as a formula gets a leading apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_text(headers, body, *, preamble: list | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if preamble:
        writer.writerow(preamble)
    writer.writerow([safe_cell(str(header)) for header in headers])
    writer.writerows([safe_cell(cell) for cell in line] for line in body)
    return buffer.getvalue()


def table_csv(headers, body, filename: str) -> HttpResponse:
    """``filename`` without its extension. UTF-8 with a byte-order mark, so Excel reads accents."""
    return download(csv_text(headers, body).encode("utf-8-sig"), "text/csv; charset=utf-8", f"{filename}.csv")


def table_xlsx(headers, body, filename: str, *, sheet: str) -> HttpResponse:
    from openpyxl import Workbook  # noqa: PLC0415 - only loaded for this download

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(str(sheet)[:31])  # Excel's limit on a sheet's name
    worksheet.append([safe_cell(str(header)) for header in headers])
    for line in body:
        worksheet.append([safe_cell(cell) for cell in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return download(buffer.getvalue(), XLSX_TYPE, f"{filename}.xlsx")


def table_pdf(headers, body, filename: str, *, title: str) -> HttpResponse:
    """A landscape letter page (or more) with the title and the table, its header on every page."""
    from reportlab.lib import colors  # noqa: PLC0415 - only loaded for this download
    from reportlab.lib.pagesizes import landscape, letter  # noqa: PLC0415
    from reportlab.lib.styles import getSampleStyleSheet  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle  # noqa: PLC0415

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7, leading=8)
    data = [[Paragraph(escape(str(header)), small) for header in headers]]
    data += [[Paragraph(escape(str(cell)), small) for cell in line] for line in body]
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
    document = SimpleDocTemplate(buffer, pagesize=landscape(letter), title=str(title))
    document.build([Paragraph(escape(str(title)), styles["Title"]), table])
    return download(buffer.getvalue(), "application/pdf", f"{filename}.pdf")
