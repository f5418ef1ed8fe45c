"""The supervisor's pages: run the planner, watch it (HTMX polling), compare, publish or discard,
export the visits (CSV)."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.exports import csv_text, download
from srohub.core.scoping import get_for_user, program_ids_of
from srohub.directory.models import Program
from srohub.planning import plan_services, selectors
from srohub.planning.explanations import describe
from srohub.planning.forms import PlanRunForm
from srohub.planning.models import Plan, PlanStatus, Visit
from srohub.planning.models.access import PLANNERS


def planning_program(request) -> Program:
    ids = sorted(program_ids_of(request.user, PLANNERS))
    if not ids:
        raise PermissionDenied(_("Only supervisors run the planner."))
    return Program.objects.get(pk=ids[0])


@login_required
def plan_list(request):
    """Plans of the unit, newest first, and the form to run the planner."""
    program = planning_program(request)
    form = PlanRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.plan_request(actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("planning:plan-detail", pk=plan.pk)
    plans = Plan.objects.visible_to(request.user).filter(program=program)[:30]
    return render(
        request, "planning/plan_list.html", {"form": form, "plans": plans}, status=400 if form.errors else 200
    )


@login_required
@scoped_to(Plan)
def plan_detail(request, pk):
    """A plan: its status (polled while it runs), why it failed, or what it moves."""
    plan = get_for_user(Plan, request.user, pk=pk)
    context = {
        "plan": plan,
        "working": plan.status in selectors.WORKING,
        "progress": selectors.plan_progress(plan),
        "explanations": [describe(f) for f in plan.findings],
    }
    if plan.status in {PlanStatus.PROPOSED, PlanStatus.PUBLISHED}:
        current = selectors.published_plan(plan.program_id, plan.start_date)
        current = None if current == plan else current
        context["changes"] = selectors.compare_plans(plan, current, Visit.objects.visible_to(request.user))
        context["current"] = current
    template = "planning/plan_detail.html#status" if request.htmx else "planning/plan_detail.html"
    return render(request, template, context)


@login_required
@scoped_to(Plan)
def plan_publish(request, pk):
    plan = get_for_user(Plan, request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if _refused(request, lambda: plan_services.plan_publish(actor=request.user, plan=plan)):
        return redirect("planning:plan-detail", pk=plan.pk)
    messages.success(request, _("The plan is published: officers and schools see it now."))
    return redirect("planning:plan-detail", pk=plan.pk)


@login_required
@scoped_to(Plan)
def plan_discard(request, pk):
    plan = get_for_user(Plan, request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if _refused(request, lambda: plan_services.plan_discard(actor=request.user, plan=plan)):
        return redirect("planning:plan-detail", pk=plan.pk)
    messages.info(request, _("The proposal is discarded."))
    return redirect("planning:plan-list")


def _refused(request, action) -> bool:
    """Run a service; a refusal (ValidationError) becomes a message on the page, not an error page."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return True
    return False


@login_required
@scoped_to(Plan)
def plan_export(request, pk):
    """The plan's visits the user may see, as CSV for a spreadsheet (one row per visit)."""
    plan = get_for_user(Plan, request.user, pk=pk)
    visits = (
        Visit.objects.visible_to(request.user)
        .filter(plan=plan)
        .select_related("officer", "school")
        .order_by("day", "half_day", "officer__last_name")
    )
    headers = [_("Date"), _("Half-day"), _("Officer"), _("School"), _("Status"), _("Missed because")]
    body = [
        [
            visit.day.isoformat(),
            visit.get_half_day_display(),
            visit.officer.name,
            visit.school.name,
            visit.get_status_display(),
            visit.missed_reason,
        ]
        for visit in visits
    ]
    return download(csv_text(headers, body).encode(), "text/csv; charset=utf-8", f"visit-plan-{plan.start_date}.csv")
