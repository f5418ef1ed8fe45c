"""Web pages of the directory: each role's landing page. Schools and spaces are in
``views_schools``, officers and assignments in ``views_officers``, partners, agreements, the CSV
import and people's roles in ``views_admin``.

Every record comes through the choke point (``visible_to`` / ``get_for_user``) and every write
through a service, which authorizes and audits; these views only join the two to templates.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone

from srohub.core.roles import SCHOOL_ROLES, Role
from srohub.core.scoping import grants_for, program_ids_of
from srohub.core.views import (
    may_create_somewhere,
)
from srohub.directory.models import (
    Assignment,
    Language,
    Officer,
    School,
    SchoolLevel,
)
from srohub.directory.selectors import with_primary_flag

# ---------------------------------------------------------------- landing pages


@login_required
def my_schools(request):
    """The SRO's landing page: the schools they serve today, as primary or backup."""
    today = timezone.localdate()
    assignments = (
        Assignment.objects.visible_to(request.user).active_on(today)
        .filter(officer__user=request.user).select_related("school").order_by("school__name")
    )
    return render(request, "directory/my_schools.html", {"assignments": assignments, "today": today})


@login_required
def unit(request):
    """The supervisor's landing page: every officer with today's schools, and the gaps in coverage."""
    today = timezone.localdate()
    todays = Assignment.objects.visible_to(request.user).active_on(today).select_related("school")
    officers = Officer.objects.visible_to(request.user).prefetch_related(
        Prefetch("assignments", queryset=todays.order_by("school__name"), to_attr="assignments_today")
    )
    schools = School.objects.visible_to(request.user).filter(is_active=True)
    uncovered = with_primary_flag(schools, today).filter(has_primary=False).select_related("division")
    context = {"officers": officers, "uncovered": uncovered, "today": today,
               "may_assign": may_create_somewhere(request.user, Assignment)}
    return render(request, "directory/unit.html", context)


@login_required
def my_school(request):
    """A principal's or office's landing page is their school's "Who is our SRO?"."""
    school_ids = {pk for g in grants_for(request.user) if g.role in SCHOOL_ROLES for pk in g.school_ids}
    school = School.objects.visible_to(request.user).filter(pk__in=school_ids).first()
    if school is None:
        return render(request, "core/no_access.html")
    return redirect("directory:school-sro", pk=school.pk)


@login_required
def overview(request):
    """Aggregates of the program, never a person-level record: evaluators read it too."""
    today = timezone.localdate()
    schools = School.objects.visible_to(request.user).filter(is_active=True)
    context = {
        "totals": _school_totals(schools, today),
        "mix": _school_mix(schools),
        "officers": _officer_counts(request.user),
        "today": today,
    }
    return render(request, "directory/overview.html", context)


def _school_totals(schools, day: date) -> dict:
    totals = with_primary_flag(schools, day).aggregate(
        schools=Count("pk"),
        enrolment=Coalesce(Sum("enrolment"), 0),
        covered=Count("pk", filter=Q(has_primary=True)),
    )
    return {**totals, "uncovered": totals["schools"] - totals["covered"]}


def _school_mix(schools) -> list[dict]:
    """Schools and enrolment by level and language of instruction, in the levels' natural order."""
    rows = (schools.order_by().values("level", "language")
            .annotate(schools=Count("pk"), enrolment=Sum("enrolment")))
    levels = list(SchoolLevel.values)
    rows = sorted(rows, key=lambda row: (levels.index(row["level"]), row["language"]))
    return [{**row, "level": SchoolLevel(row["level"]).label, "language": Language(row["language"]).label}
            for row in rows]


def _officer_counts(user) -> dict[str, int]:
    """Officers by status. Evaluators may not see officer records, but the program's head count
    is an aggregate they need, so it is counted over their programs without reading a record."""
    officers = Officer.objects.visible_to(user)
    aggregate_only = program_ids_of(user, {Role.EVALUATOR})
    if aggregate_only:
        officers = officers | Officer.objects.filter(program_id__in=sorted(aggregate_only))
    return dict(officers.order_by().values_list("status").annotate(count=Count("pk", distinct=True)))
