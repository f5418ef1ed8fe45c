"""The compliance table's rows (as CSV, XLSX and PDF through ``core.exports``, for the board) and
one drill's report as PDF (reportlab)."""

import io

from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from srohub.core.exports import download, table_xlsx
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


def as_xlsx(headers, body, filename: str) -> HttpResponse:
    return table_xlsx(headers, body, filename, sheet=_("Drill compliance"))


def drill_report_pdf(drill, *, timing_lines: list[tuple[str, str]], rooms, actions, occurrence_id) -> HttpResponse:
    """One drill (or real event) on paper: times, time to secure, each room, corrective actions, the
    debrief and, for a real event, its after-action report. ``rooms``/``actions`` come scoped."""
    from reportlab.lib.pagesizes import letter  # noqa: PLC0415 - only loaded for this download
    from reportlab.lib.styles import getSampleStyleSheet  # noqa: PLC0415
    from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: PLC0415
    from reportlab.platypus.flowables import Spacer  # noqa: PLC0415

    styles = getSampleStyleSheet()
    title = _("After-action report") if drill.is_real else _("Drill report")

    def para(text, style="BodyText"):
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles[style])

    story = [para(f"{title}: {drill}", "Title"), para(drill.school.name, "Heading2")]
    story += [para(f"{label}: {value}") for label, value in timing_lines]
    if occurrence_id:
        story.append(para(_("Occurrence %(number)s") % {"number": occurrence_id}))
    story += [Spacer(1, 8), para(_("Rooms"), "Heading2")]
    story += [para(line) for line in rooms] or [para(_("No room recorded yet."))]
    story += [para(_("Corrective actions"), "Heading2")]
    story += [para(line) for line in actions] or [para(_("None."))]
    story += [para(_("Debrief"), "Heading2"), para(drill.debrief or _("Not written yet."))]
    if drill.is_real:
        story += [para(_("After-action report"), "Heading2"), para(drill.after_action_report or _("Not written yet."))]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=letter, title=str(title)).build(story)
    return download(buffer.getvalue(), "application/pdf", f"drill-{drill.pk}.pdf")
