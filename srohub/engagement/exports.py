"""A school's term summary as CSV and XLSX (openpyxl), for the principal; a program's term measures
as CSV."""

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from srohub.core.exports import table_csv, table_xlsx


def summary_table(summary) -> tuple[list[str], list[list]]:
    headers = [_("School"), _("Term"), _("Section"), _("Measure"), _("Value")]
    sections = {
        "summary": _("Summary"),
        "type": _("Activities by type"),
        "type_hours": _("Hours by type"),
        "topic": _("Activities by topic"),
    }
    body = [
        [summary.school.name, summary.term.key, str(sections[section]), label, value]
        for section, label, value in summary.rows()
    ]
    return headers, body


def filename_of(summary) -> str:
    return f"engagement-{slugify(summary.school.code or summary.school.pk)}-{summary.term.key}"


def as_csv(summary) -> HttpResponse:
    return table_csv(*summary_table(summary), filename_of(summary))


MEASURE_TABLES = {
    "total": gettext_lazy("Total"),
    "officer": gettext_lazy("By officer"),
    "school": gettext_lazy("By school"),
    "type": gettext_lazy("By type"),
    "topic": gettext_lazy("By topic"),
}
# The tables where referrals and enforcement are counted (a type or a topic has none).
WITH_ENFORCEMENT = frozenset({"total", "officer", "school"})


def measures_table(measures) -> tuple[list[str], list[list]]:
    """The program's term measures, one line per row of each table (total, officer, school, type,
    topic); enforcement "not yet available" rather than a zero while there is no data."""
    headers = [
        _("Term"), _("Table"), _("Name"), _("Activities"), _("Hours"), _("Students reached"),
        _("Referrals made"), _("Referrals completed"), _("Enforcement occurrences"),
        _("Engagement to enforcement"),
    ]
    body = []
    for name, rows in [("total", [measures.total]), *measures.tables()]:
        for tally in rows:
            label = MEASURE_TABLES["total"] if name == "total" else tally.label
            line = [measures.term.key, str(MEASURE_TABLES[name]), str(label or "—"),
                    tally.activities, tally.hours, tally.reached]
            body.append(line + (_enforcement_cells(tally) if name in WITH_ENFORCEMENT else ["", "", "", ""]))
    return [str(h) for h in headers], body


def _enforcement_cells(tally) -> list:
    if tally.enforcements is None:
        return [tally.referrals, tally.referrals_completed, str(_("not yet available")), ""]
    ratio = tally.ratio.value
    return [tally.referrals, tally.referrals_completed, tally.enforcements, "" if ratio is None else ratio]


def measures_as_csv(measures, program) -> HttpResponse:
    filename = f"engagement-measures-{slugify(program.slug or program.pk)}-{measures.term.key}"
    return table_csv(*measures_table(measures), filename)


def as_xlsx(summary) -> HttpResponse:
    return table_xlsx(*summary_table(summary), filename_of(summary), sheet=_("Term summary"))
