"""Web pages of the directory: schools and their spaces."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.db.models.deletion import ProtectedError, RestrictedError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from srohub.core.decorators import scoped_to
from srohub.core.scoping import get_for_user
from srohub.core.services import authorize_create
from srohub.core.views import (
    form_data,
    form_page,
    get_for_change,
    may_create_somewhere,
    may_view,
    may_write,
    paginate,
    render_page_or_partial,
    require_create_somewhere,
    sort_by,
)
from srohub.directory import selectors, services
from srohub.directory.forms import (
    SchoolFilterForm,
    SchoolForm,
    SpaceForm,
)
from srohub.directory.links import detail_url, school_url
from srohub.directory.models import (
    Assignment,
    School,
    Space,
)
from srohub.directory.selectors import with_primary_flag

# ---------------------------------------------------------------- schools


SCHOOL_COLUMNS = {
    "name": (gettext_lazy("Name"), "name"),
    "code": (gettext_lazy("Code"), "code"),
    "division": (gettext_lazy("Division"), "division__name"),
    "level": (gettext_lazy("Level"), "level"),
    "enrolment": (gettext_lazy("Enrolment"), "enrolment"),
}


@login_required
def school_list(request):
    """Schools the user may see: search, filters, sortable columns, pages (HTMX swaps only the results)."""
    form = SchoolFilterForm(request.GET, user=request.user)
    schools = with_primary_flag(School.objects.visible_to(request.user).select_related("division"),
                                timezone.localdate())
    schools, sort, columns = sort_by(request, form.filter(schools), SCHOOL_COLUMNS, "name")
    context = {"form": form, "page": paginate(request, schools), "sort": sort, "columns": columns,
               "may_create": may_create_somewhere(request.user, School)}
    return render_page_or_partial(request, "directory/school_list.html", context,
                                  partial="results", target="school-results")


@login_required
@scoped_to(School)
def school_detail(request, pk):
    """A school's facts, its spaces in sweep order, and who has served it."""
    school = get_for_user(School.objects.select_related("division"), request.user, pk=pk)
    user, where = request.user, {"program_id": school.program_id, "school_id": school.pk}
    context = {
        "school": school,
        "spaces": Space.objects.visible_to(user).filter(school=school),
        "assignments": Assignment.objects.visible_to(user).filter(school=school)
        .select_related("officer").order_by("-start_date"),
        "shows_officers": may_view(user, Assignment, **where),
        "may_edit_school": may_write(user, School, **where),
        "may_edit_spaces": may_write(user, Space, **where),
        "may_assign": may_write(user, Assignment, **where),
        "today": timezone.localdate(),
    }
    return render(request, "directory/school_detail.html", context)


@login_required
@scoped_to(School)
def school_sro(request, pk):
    """"Who is our SRO?": who serves the school on a day, whether they are in, whom to call if not."""
    school = get_for_user(School.objects.select_related("program"), request.user, pk=pk)
    if not may_view(request.user, Assignment, program_id=school.program_id, school_id=school.pk):
        raise Http404  # evaluators read aggregates, never who is posted where
    day = _requested_day(request)
    context = {"school": school, "sro": selectors.school_sro(school=school, on=day), "day": day,
               "is_today": day == timezone.localdate()}
    return render(request, "directory/school_sro.html", context)


def _requested_day(request) -> date:
    """``?date=YYYY-MM-DD``, or today; a bad date says so and shows today rather than failing."""
    raw = request.GET.get("date", "").strip()
    if raw:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            messages.error(request, _("“%(value)s” is not a date such as 2025-09-02; showing today.")
                           % {"value": raw[:40]})
    return timezone.localdate()


@login_required
def school_create(request):
    require_create_somewhere(request.user, School)
    form = SchoolForm(form_data(request), user=request.user)
    return form_page(
        request, form,
        lambda: services.school_create(actor=request.user, program=form.program, **form.changes()),
        success_url=detail_url("directory:school-detail"), success_message=_("School added."),
        heading=_("Add a school"), cancel_url=reverse("directory:school-list"),
    )


@login_required
@scoped_to(School)
def school_edit(request, pk):
    school = get_for_change(School, request.user, pk=pk)
    form = SchoolForm(form_data(request), instance=school, user=request.user)
    return form_page(
        request, form,
        lambda: services.school_update(actor=request.user, school=school, changes=form.changes(),
                                       expected_version=form.expected_version),
        success_url=detail_url("directory:school-detail"), success_message=_("School saved."),
        heading=_("Edit %(name)s") % {"name": school.name}, cancel_url=school_url(school),
    )


# ---------------------------------------------------------------- spaces


@login_required
@scoped_to(School)
def space_create(request, pk):
    school = get_for_user(School, request.user, pk=pk)
    authorize_create(request.user, Space, program_id=school.program_id, school_id=school.pk)
    next_in_order = (Space.objects.filter(school=school).aggregate(last=Max("sweep_order"))["last"] or 0) + 1
    form = SpaceForm(form_data(request), initial={"sweep_order": next_in_order}, user=request.user)
    return form_page(
        request, form, lambda: services.space_create(actor=request.user, school=school, **form.changes()),
        success_url=lambda space: school_url(school), success_message=_("Space added."),
        heading=_("Add a space to %(school)s") % {"school": school.name}, cancel_url=school_url(school),
    )


@login_required
@scoped_to(Space)
def space_edit(request, pk):
    space = get_for_change(Space.objects.select_related("school"), request.user, pk=pk)
    form = SpaceForm(form_data(request), instance=space, user=request.user)
    return form_page(
        request, form,
        lambda: services.space_update(actor=request.user, space=space, changes=form.changes(),
                                      expected_version=form.expected_version),
        success_url=lambda saved: school_url(space.school), success_message=_("Space saved."),
        heading=_("Edit %(space)s") % {"space": space.name}, cancel_url=school_url(space.school),
    )


@login_required
@scoped_to(Space)
def space_delete(request, pk):
    """Ask, then delete. A space other records still refer to (a drill's sweep) stays: the
    message suggests marking it "not in use" instead."""
    space = get_for_change(Space.objects.select_related("school"), request.user, pk=pk)
    if request.method == "POST":
        try:
            services.space_delete(actor=request.user, space=space)
        except (ProtectedError, RestrictedError):
            messages.error(request, _("Other records still refer to this space (a drill’s sweep, for "
                                      "example); mark it as not in use instead."))
        else:
            messages.success(request, _("Space deleted."))
        return redirect(school_url(space.school))
    context = {"object": space, "cancel_url": school_url(space.school)}
    return render(request, "core/confirm_delete.html", context)
