"""The tip measures as downloads (aggregates only: no tip, no narrative). CSV for analysis tools:
stable column keys and one column per disposition. XLSX and PDF for people: the page's table, its
headers and labels in the reader's language (``measures_table``)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from srohub.core.exports import table_csv, table_pdf, table_xlsx
from srohub.tips.models import Disposition, TipCategory

MEASURE_COLUMNS = (
    "month",
    "school",
    "school_name",
    "category",
    "received",
    "life_safety",
    "acknowledged",
    "acknowledge_minutes_median",
    "acknowledge_minutes_p90",
    "escalations",
)


def measures_csv(rows, start, end) -> HttpResponse:
    dispositions = sorted({name for row in rows for name in row["dispositions"]})
    headers = [*MEASURE_COLUMNS, *(f"disposition_{name}" for name in dispositions)]
    body = [
        [*("" if row[column] is None else row[column] for column in MEASURE_COLUMNS)]
        + [row["dispositions"].get(name, 0) for name in dispositions]
        for row in rows
    ]
    return table_csv(headers, body, _filename(start, end))


def measures_table(rows) -> tuple[list[str], list[list]]:
    """The measures as people read them: one line per month, school and category."""
    headers = [
        _("Month"),
        _("School"),
        _("Category"),
        _("Received"),
        _("Life safety"),
        _("Minutes to acknowledge (median)"),
        _("Minutes to acknowledge (90th percentile)"),
        _("Life-safety escalations"),
        _("Dispositions"),
    ]
    categories, dispositions = dict(TipCategory.choices), dict(Disposition.choices)
    body = [
        [
            row["month"],
            row["school_name"] or _("Triage (no school)"),
            str(categories.get(row["category"], row["category"])),
            row["received"],
            row["life_safety"],
            _dash_if_none(row["acknowledge_minutes_median"]),
            _dash_if_none(row["acknowledge_minutes_p90"]),
            row["escalations"],
            ", ".join(f"{dispositions.get(name, name)}: {count}" for name, count in row["dispositions"].items()),
        ]
        for row in rows
    ]
    return headers, body


def measures_xlsx(rows, start, end) -> HttpResponse:
    return table_xlsx(*measures_table(rows), _filename(start, end), sheet=_("Tip measures"))


def measures_pdf(rows, start, end) -> HttpResponse:
    title = _("Tips received from %(start)s to %(end)s") % {"start": start, "end": end}
    return table_pdf(*measures_table(rows), _filename(start, end), title=title)


def _dash_if_none(value):
    return "–" if value is None else value


def _filename(start, end) -> str:
    return f"tip-measures-{start}-{end}"
