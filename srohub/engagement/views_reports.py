"""Web pages of the measures (aggregates only): the term's measures of a program and a school's
one-page term summary for its principal (web, CSV, XLSX)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from srohub.core.decorators import scoped_to
from srohub.core.scoping import VIEW, get_for_user, grants_for, program_ids_of
from srohub.directory.models import Program, School
from srohub.engagement import exports, services
from srohub.engagement.forms import TermForm
from srohub.engagement.measures import program_measures
from srohub.engagement.models import MEASURE_READERS, Activity
from srohub.engagement.summary import school_summary


def _term_of(request):
    today = timezone.localdate()
    form = TermForm(request.GET or None, today=today)
    return form, form.chosen(today)


def _measures_program(request) -> int:
    """The program whose measures are asked for (``?program=``), among the user's (403 if none)."""
    programs = program_ids_of(request.user, MEASURE_READERS)
    if not programs:
        raise PermissionDenied
    chosen = request.GET.get("program", "")
    return int(chosen) if chosen.isdigit() and int(chosen) in programs else min(programs)


@login_required
def measures(request):
    """The term's measures by officer, school, type and topic, and the engagement ratio."""
    program_id = _measures_program(request)
    programs = program_ids_of(request.user, MEASURE_READERS)
    form, term = _term_of(request)
    context = {
        "form": form,
        "measures": program_measures(request.user, program_id, term),
        "program": Program.objects.get(pk=program_id),
        "programs": Program.objects.filter(pk__in=programs) if len(programs) > 1 else None,
        # One reverse for the 420 links of the schools table, not one per row.
        "summary_root": reverse("engagement:school-summary", args=[0]).removesuffix("0/summary/"),
    }
    return render(request, "engagement/measures.html", context)


@login_required
def measures_csv(request):
    """The term's measures as CSV: every table, with enforcement and the ratio per officer and
    school ("not yet available" rather than a zero while there is no enforcement data)."""
    program_id = _measures_program(request)
    _form, term = _term_of(request)
    program = Program.objects.get(pk=program_id)
    measures = program_measures(request.user, program_id, term)
    services.report_exported(
        actor=request.user, instance=program, report="engagement_term_measures", term=term
    )
    return exports.measures_as_csv(measures, program)


def _school_for_summary(request, pk) -> School:
    """The school, if the user reaches it and counts engagement there (404 / 403 otherwise)."""
    school = get_for_user(School, request.user, pk=pk)
    if not any(
        Activity.aggregate_access.allows(g, VIEW, program_id=school.program_id, school_id=school.pk)
        for g in grants_for(request.user)
    ):
        raise PermissionDenied
    return school


@login_required
@scoped_to(School)
def school_summary_page(request, pk):
    """A school's one-page term summary for the principal."""
    school = _school_for_summary(request, pk)
    form, term = _term_of(request)
    context = {"form": form, "summary": school_summary(request.user, school, term), "program": None}
    return render(request, "engagement/school_summary.html", context)


@login_required
@scoped_to(School)
def school_summary_csv(request, pk):
    return _export(request, pk, exports.as_csv)


@login_required
@scoped_to(School)
def school_summary_xlsx(request, pk):
    return _export(request, pk, exports.as_xlsx)


def _export(request, pk, write):
    school = _school_for_summary(request, pk)
    _form, term = _term_of(request)
    summary = school_summary(request.user, school, term)
    services.report_exported(actor=request.user, instance=school, report="engagement_term_summary", term=term)
    return write(summary)
