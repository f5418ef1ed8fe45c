"""Web pages of the directory: officers and their assignments."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from srohub.core.decorators import scoped_to
from srohub.core.scoping import get_for_user
from srohub.core.views import (
    form_data,
    form_page,
    get_for_change,
    may_create_somewhere,
    may_write,
    paginate,
    render_page_or_partial,
    require_create_somewhere,
    sort_by,
)
from srohub.directory import services
from srohub.directory.forms import (
    AssignmentForm,
    EndAssignmentForm,
    OfficerFilterForm,
    OfficerForm,
)
from srohub.directory.links import detail_url, school_url
from srohub.directory.models import (
    Assignment,
    Officer,
)

# ---------------------------------------------------------------- officers and assignments


OFFICER_COLUMNS = {
    "name": (gettext_lazy("Name"), "last_name"),
    "badge": (gettext_lazy("Badge"), "badge_number"),
    "status": (gettext_lazy("Status"), "status"),
}


@login_required
def officer_list(request):
    """The officers the user may see, searchable by name or badge and filtered by status."""
    form = OfficerFilterForm(request.GET)
    officers = form.filter(Officer.objects.visible_to(request.user))
    officers, sort, columns = sort_by(request, officers, OFFICER_COLUMNS, "name")
    context = {"form": form, "page": paginate(request, officers), "sort": sort, "columns": columns,
               "may_create": may_create_somewhere(request.user, Officer)}
    return render_page_or_partial(request, "directory/officer_list.html", context,
                                  partial="results", target="officer-results")


@login_required
@scoped_to(Officer)
def officer_detail(request, pk):
    """An officer's contact details, service and assignments."""
    officer = get_for_user(Officer.objects.select_related("police_service"), request.user, pk=pk)
    context = {
        "officer": officer,
        "assignments": Assignment.objects.visible_to(request.user).filter(officer=officer)
        .select_related("school").order_by("-start_date"),
        "may_edit": may_write(request.user, Officer, program_id=officer.program_id),
        "may_assign": may_write(request.user, Assignment, program_id=officer.program_id),
        "today": timezone.localdate(),
    }
    return render(request, "directory/officer_detail.html", context)


@login_required
def officer_create(request):
    require_create_somewhere(request.user, Officer)
    form = OfficerForm(form_data(request), user=request.user)
    return form_page(
        request, form,
        lambda: services.officer_create(actor=request.user, program=form.program, **form.changes()),
        success_url=detail_url("directory:officer-detail"), success_message=_("Officer added."),
        heading=_("Add an officer"), cancel_url=reverse("directory:officer-list"),
    )


@login_required
@scoped_to(Officer)
def officer_edit(request, pk):
    officer = get_for_change(Officer, request.user, pk=pk)
    form = OfficerForm(form_data(request), instance=officer, user=request.user)
    return form_page(
        request, form,
        lambda: services.officer_update(actor=request.user, officer=officer, changes=form.changes(),
                                        expected_version=form.expected_version),
        success_url=detail_url("directory:officer-detail"), success_message=_("Officer saved."),
        heading=_("Edit %(name)s") % {"name": officer.name},
        cancel_url=reverse("directory:officer-detail", args=[officer.pk]),
    )


@login_required
def assignment_create(request):
    """Assign an officer to a school; ``?officer=`` and ``?school=`` preselect from the page it came from."""
    require_create_somewhere(request.user, Assignment)
    initial = {name: request.GET[name] for name in ("officer", "school") if name in request.GET}
    form = AssignmentForm(form_data(request), initial=initial, user=request.user)
    return form_page(
        request, form, lambda: services.assignment_create(actor=request.user, **form.changes()),
        success_url=lambda assignment: school_url(assignment.school), success_message=_("Assignment saved."),
        heading=_("Assign an officer to a school"), cancel_url=reverse("directory:unit"),
    )


@login_required
@scoped_to(Assignment)
def assignment_end(request, pk):
    """End an assignment on a date; it stays in the school's history."""
    assignment = get_for_change(Assignment.objects.select_related("officer", "school"), request.user, pk=pk)
    form = EndAssignmentForm(form_data(request), initial={"end_date": timezone.localdate(),
                                                          "version": assignment.version})
    return form_page(
        request, form,
        lambda: services.assignment_end(actor=request.user, assignment=assignment,
                                        end_date=form.cleaned_data["end_date"],
                                        expected_version=form.cleaned_data["version"]),
        success_url=lambda ended: school_url(assignment.school), success_message=_("Assignment ended."),
        heading=_("End an assignment"), intro=str(assignment), cancel_url=school_url(assignment.school),
    )
