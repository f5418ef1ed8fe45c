"""Compliance pages: the table of all schools the user may see (a division's or the program's),
sortable and filterable with CSV/XLSX/PDF export, and one school's page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction
from srohub.audit.services import audit_record
from srohub.core.decorators import scoped_to
from srohub.core.exports import table_csv, table_pdf
from srohub.core.scoping import get_for_user
from srohub.directory.models import School
from srohub.drills import exports, rules
from srohub.drills.forms import ComplianceFilterForm
from srohub.drills.models import CorrectiveAction, DrillType, Notice
from srohub.drills.selectors import compliance_for_schools

SORTS = {
    "school": lambda row: row.school.name.lower(),
    "division": lambda row: (row.school.division.name.lower(), row.school.name.lower()),
    "status": lambda row: (-rules.SEVERITY.get(row.status, -1), row.school.name.lower()),
    "next_due": lambda row: (row.next_due is None, row.next_due, row.school.name.lower()),
    "actions": lambda row: (-row.open_actions, row.school.name.lower()),
}
EXPORTS = {"csv": table_csv, "xlsx": exports.as_xlsx}


def _filtered_rows(user, form):
    schools = School.objects.visible_to(user).filter(is_active=True).select_related("division")
    data = form.cleaned_data
    if data.get("division"):
        schools = schools.filter(division=data["division"])
    if data.get("q"):
        schools = schools.filter(Q(name__icontains=data["q"]) | Q(code__iexact=data["q"]))
    rows = compliance_for_schools(schools.order_by("name"), data["school_year"], timezone.localdate())
    return [row for row in rows if not data.get("status") or row.status == data["status"]]


def _sorted(request, rows):
    requested = request.GET.get("sort", "status")
    key = requested.lstrip("-") if requested.lstrip("-") in SORTS else "status"
    descending = requested.startswith("-") and key == requested.lstrip("-")
    return sorted(rows, key=SORTS[key], reverse=descending), ("-" if descending else "") + key


@login_required
def compliance_table(request):
    """Every school the user may see, with its compliance by drill type, for the board."""
    form = ComplianceFilterForm(request.GET or None, user=request.user)
    if not form.is_bound:
        form = ComplianceFilterForm(
            {"school_year": rules.school_year_of(timezone.localdate())}, user=request.user
        )
    if not form.is_valid():
        return render(request, "drills/compliance_table.html", {"form": form, "rows": []}, status=400)
    rows, sort = _sorted(request, _filtered_rows(request.user, form))
    types = [value for value in DrillType.values if any(value in row.by_type() for row in rows)]
    export = request.GET.get("export")
    if export in {"csv", "xlsx", "pdf"}:
        return _export(request, rows, types, export, form.cleaned_data["school_year"])
    context = {
        "form": form,
        "rows": rows,
        "sort": sort,
        "types": types,
        "labels": dict(DrillType.choices),
        "query": request.GET.urlencode(),
    }
    return render(request, "drills/compliance_table.html", context)


def _export(request, rows, types, kind: str, school_year: str):
    headers, body = exports.table_rows(rows, types)
    filename = f"drill-compliance-{school_year}"
    if rows:  # an export leaves a trace, like any other read of many records at once
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            instance=rows[0].school,
            label=f"Drill compliance {school_year} ({len(rows)} schools, {kind})",
        )
    if kind == "pdf":
        return table_pdf(headers, body, filename, title=_("Drill compliance %(year)s") % {"year": school_year})
    return EXPORTS[kind](headers, body, filename)


@login_required
@scoped_to(School)
def school_compliance(request, pk):
    """One school: required vs completed by type and term, next due, notices, open corrective actions."""
    school = get_for_user(School.objects.select_related("division"), request.user, pk=pk)
    form = ComplianceFilterForm(
        request.GET or {"school_year": rules.school_year_of(timezone.localdate())}, user=request.user
    )
    school_year = (
        form.cleaned_data["school_year"] if form.is_valid() else rules.school_year_of(timezone.localdate())
    )
    row = compliance_for_schools([school], school_year, timezone.localdate())[0]
    context = {
        "school": school,
        "row": row,
        "school_year": school_year,
        "labels": dict(DrillType.choices),
        "actions": CorrectiveAction.objects.visible_to(request.user)
        .filter(school=school, status="open")
        .select_related("owner", "drill"),
        "notices": Notice.objects.visible_to(request.user).filter(school=school, school_year=school_year)[
            :10
        ],
    }
    return render(request, "drills/school_compliance.html", context)
