"""The de-identified counts as CSV and PDF (reportlab): school names, labels and numbers only."""

import io

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from srohub.core.exports import csv_text
from srohub.occurrences.reporting import CountsTable


def cell_text(value: int | None, threshold: int) -> str:
    return f"<{threshold}" if value is None else str(value)


def table_rows(table: CountsTable) -> list[list[str]]:
    """Header, one row per school, and the totals, as text."""
    header = [_("School"), *(str(label) for _key, label in table.columns)]
    body = [[row.school, *(cell_text(v, table.threshold) for v in row.cells)] for row in table.rows]
    totals = [_("All schools"), *(cell_text(v, table.threshold) for v in table.totals)]
    return [header, *body, totals]


def counts_csv(table: CountsTable) -> str:
    """The title line, then the table (its school names kept from being read as formulas)."""
    header, *body = table_rows(table)
    title = _("Occurrences from %(start)s to %(end)s") % {"start": table.start, "end": table.end}
    return csv_text(header, body, preamble=[title])


def counts_pdf(table: CountsTable) -> bytes:
    buffer = io.BytesIO()
    # Uncompressed: small, and its text can be checked for names (the publication-ban test).
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(letter), title=_("Occurrence counts"), pageCompression=0
    )
    styles = getSampleStyleSheet()
    grid = Table(table_rows(table), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ]
        )
    )
    note = _("De-identified counts (YCJA s.110–s.111). Counts below %(n)s are shown as '<%(n)s'.") % {
        "n": table.threshold
    }
    title = _("Occurrences from %(start)s to %(end)s") % {"start": table.start, "end": table.end}
    document.build([Paragraph(title, styles["Title"]), Paragraph(note, styles["Normal"]), grid])
    return buffer.getvalue()
