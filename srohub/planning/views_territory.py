"""The supervisor's territory design: run the designer, review the proposal beside today's
assignments (per school and per officer), edit it, then accept it (assignments through the directory
service) or set it aside."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import CHANGE, get_for_user
from srohub.directory.models import Officer, OfficerStatus
from srohub.planning import plan_services
from srohub.planning.explanations import describe
from srohub.planning.forms import TerritoryAcceptForm, TerritoryDesignForm, TerritoryEditForm
from srohub.planning.models import ProposalStatus, TerritoryProposal
from srohub.planning.territories import territory_review
from srohub.planning.views_plans import planning_program


@login_required
def territory_list(request):
    """Proposals of the unit, newest first, and the form that designs a new one."""
    program = planning_program(request)
    form = TerritoryDesignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = plan_services.territory_request(
            actor=request.user, program=program, seconds=form.cleaned_data["seconds"]
        )
        return redirect("planning:territory-detail", pk=proposal.pk)
    proposals = TerritoryProposal.objects.visible_to(request.user).filter(program=program)[:30]
    return render(
        request,
        "planning/territory_list.html",
        {"form": form, "proposals": proposals},
        status=400 if form.errors else 200,
    )


def _next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def _forms(request, proposal, rows, bound: str | None):
    data = request.POST if bound else None
    officers = Officer.objects.visible_to(request.user).filter(
        program=proposal.program, status=OfficerStatus.ACTIVE
    )
    return {
        "edit_form": TerritoryEditForm(
            data if bound == "edit" else None,
            prefix="edit",
            schools=[(row.school_id, row.school) for row in sorted(rows, key=lambda r: r.school)],
            officers=officers.order_by("last_name", "first_name"),
        ),
        "accept_form": TerritoryAcceptForm(
            data if bound == "accept" else None, prefix="accept", initial={"start_date": _next_monday()}
        ),
    }


@login_required
@scoped_to(TerritoryProposal)
def territory_detail(request, pk):
    """The proposal beside today's assignments; changes first, every school with ``?show=all``."""
    proposal = get_for_user(TerritoryProposal, request.user, pk=pk)
    bound = request.POST.get("form") if request.method == "POST" else None
    if bound:
        proposal = get_for_user(TerritoryProposal, request.user, CHANGE, pk=pk)
    rows, loads = territory_review(proposal)
    forms = _forms(request, proposal, rows, bound)
    if bound and _submit(request, proposal, bound, forms):
        return redirect("planning:territory-detail", pk=proposal.pk)
    show_all = request.GET.get("show") == "all"
    changed = [row for row in rows if row.changed]
    context = {
        "proposal": proposal,
        "rows": rows if show_all else changed,
        "show_all": show_all,
        "changed_count": len(changed),
        "school_count": len(rows),
        "loads": loads,
        "under_review": proposal.status == ProposalStatus.PROPOSED,
        "explanations": proposal_explanations(proposal),
        **forms,
    }
    return render(request, "planning/territory_detail.html", context, status=400 if bound else 200)


def proposal_explanations(proposal) -> list[str]:
    return [describe(finding) for finding in proposal.findings]


def _submit(request, proposal, bound: str, forms) -> bool:
    """Run the edit or the acceptance; a refusal becomes form errors (400), nothing written."""
    form = forms.get(f"{bound}_form")
    if form is None or not form.is_valid():
        return False
    try:
        if bound == "edit":
            plan_services.territory_edit(
                actor=request.user,
                proposal=proposal,
                school_id=form.cleaned_data["school"],
                officer_id=form.cleaned_data["officer"].pk,
            )
            messages.success(request, _("The proposal is changed."))
        else:
            changed = plan_services.territory_accept(
                actor=request.user, proposal=proposal, on=form.cleaned_data["start_date"]
            )
            messages.success(
                request, _("The territories are accepted: %(count)s schools change officer.") % {"count": changed}
            )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
            if proposal.status != ProposalStatus.PROPOSED:
                messages.error(request, message)  # the forms are not shown any more: say it on top
        return False
    return True


@login_required
@scoped_to(TerritoryProposal)
def territory_discard(request, pk):
    proposal = get_for_user(TerritoryProposal, request.user, CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        plan_services.territory_discard(actor=request.user, proposal=proposal)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planning:territory-detail", pk=proposal.pk)
    messages.info(request, _("The proposal is set aside; no assignment changed."))
    return redirect("planning:territory-list")
