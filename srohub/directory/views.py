"""Web pages of the directory: each role's landing page, schools and their spaces, officers and
their assignments, partners and agreements, the CSV import, and people's roles in the program.

Every record comes through the choke point (``visible_to`` / ``get_for_user``) and every write
through a service, which authorizes and audits; these views only join the two to templates.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Sum
from django.db.models.deletion import ProtectedError, RestrictedError
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from srohub.accounts import services as account_services
from srohub.accounts.models import Membership
from srohub.core.decorators import scoped_to
from srohub.core.roles import SCHOOL_ROLES, Role
from srohub.core.routes import plain_url_kwargs
from srohub.core.scoping import get_for_user, grants_for, program_ids_of
from srohub.core.services import authorize_create
from srohub.core.views import (
    call_service,
    form_data,
    form_page,
    get_for_change,
    may_create_somewhere,
    may_view,
    may_write,
    paginate,
    render_page_or_partial,
    require_create_somewhere,
    require_view_somewhere,
    sort_by,
)
from srohub.directory import selectors, services
from srohub.directory.forms import (
    IMPORT_KINDS,
    AgreementForm,
    AssignmentForm,
    EndAssignmentForm,
    ImportForm,
    MembershipForm,
    OfficerFilterForm,
    OfficerForm,
    OrganizationForm,
    SchoolFilterForm,
    SchoolForm,
    SpaceForm,
)
from srohub.directory.models import (
    Agreement,
    Assignment,
    AssignmentRole,
    Language,
    Officer,
    Organization,
    Program,
    School,
    SchoolLevel,
    Space,
)


def _detail_url(url_name: str):
    """``success_url`` for a form page: the page of the record the service returned."""
    return lambda record: reverse(url_name, args=[record.pk])


def _school_url(school: School) -> str:
    return reverse("directory:school-detail", args=[school.pk])


def with_primary_flag(schools, day: date):
    """Annotate ``has_primary``: whether a primary SRO is assigned to the school on ``day``."""
    primary = Assignment.objects.active_on(day).filter(school=OuterRef("pk"), role=AssignmentRole.PRIMARY)
    return schools.annotate(has_primary=Exists(primary))


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
        success_url=_detail_url("directory:school-detail"), success_message=_("School added."),
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
        success_url=_detail_url("directory:school-detail"), success_message=_("School saved."),
        heading=_("Edit %(name)s") % {"name": school.name}, cancel_url=_school_url(school),
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
        success_url=lambda space: _school_url(school), success_message=_("Space added."),
        heading=_("Add a space to %(school)s") % {"school": school.name}, cancel_url=_school_url(school),
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
        success_url=lambda saved: _school_url(space.school), success_message=_("Space saved."),
        heading=_("Edit %(space)s") % {"space": space.name}, cancel_url=_school_url(space.school),
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
        return redirect(_school_url(space.school))
    context = {"object": space, "cancel_url": _school_url(space.school)}
    return render(request, "core/confirm_delete.html", context)


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
        success_url=_detail_url("directory:officer-detail"), success_message=_("Officer added."),
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
        success_url=_detail_url("directory:officer-detail"), success_message=_("Officer saved."),
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
        success_url=lambda assignment: _school_url(assignment.school), success_message=_("Assignment saved."),
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
        success_url=lambda ended: _school_url(assignment.school), success_message=_("Assignment ended."),
        heading=_("End an assignment"), intro=str(assignment), cancel_url=_school_url(assignment.school),
    )


# ---------------------------------------------------------------- partners and agreements


@login_required
def organization_list(request):
    """The program's partners and the agreements between them."""
    context = {
        "organizations": Organization.objects.visible_to(request.user),
        "agreements": Agreement.objects.visible_to(request.user).prefetch_related("partners"),
        "may_create_partner": may_create_somewhere(request.user, Organization),
        "may_create_agreement": may_create_somewhere(request.user, Agreement),
    }
    return render(request, "directory/organization_list.html", context)


@login_required
def organization_create(request):
    require_create_somewhere(request.user, Organization)
    form = OrganizationForm(form_data(request), user=request.user)
    return form_page(
        request, form, lambda: services.organization_create(actor=request.user, **form.changes()),
        success_url=lambda organization: reverse("directory:organization-list"),
        success_message=_("Partner added."), heading=_("Add a partner"),
        cancel_url=reverse("directory:organization-list"),
    )


@login_required
@scoped_to(Agreement)
def agreement_detail(request, pk):
    agreement = get_for_user(Agreement.objects.prefetch_related("partners"), request.user, pk=pk)
    return render(request, "directory/agreement_detail.html", {"agreement": agreement})


@login_required
def agreement_create(request):
    require_create_somewhere(request.user, Agreement)
    form = AgreementForm(form_data(request), user=request.user)

    def write():
        fields = form.changes()
        partners = list(fields.pop("partners"))
        return services.agreement_create(actor=request.user, partners=partners, **fields)

    return form_page(
        request, form, write, success_url=_detail_url("directory:agreement-detail"),
        success_message=_("Agreement recorded."), heading=_("Record an agreement"),
        cancel_url=reverse("directory:organization-list"),
    )


# ---------------------------------------------------------------- import


@login_required
def import_records(request):
    """Upload a CSV of schools, spaces or officers: all rows are created, or none and a report per row."""
    require_create_somewhere(request.user, Program)  # the roles that configure a program
    form = ImportForm(form_data(request), request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        # Imported here: the import module is its own piece of work, and the app must load without it.
        from srohub.directory.imports import run_import  # noqa: PLC0415

        report = call_service(form, lambda: run_import(actor=request.user, **form.cleaned_data))
    return render(request, "directory/import.html", {"form": form, "report": report, "kinds": IMPORT_KINDS})


@login_required
@plain_url_kwargs("kind")
def import_template(request, kind: str):
    """An empty CSV with the header row of ``kind``, to fill in a spreadsheet."""
    require_create_somewhere(request.user, Program)
    if kind not in IMPORT_KINDS:
        raise Http404
    response = HttpResponse(IMPORT_KINDS[kind][1] + "\r\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="srohub-{kind}.csv"'
    return response


# ---------------------------------------------------------------- people and roles


@login_required
def membership_list(request):
    """Who holds which role in the program (program admins)."""
    require_view_somewhere(request.user, Membership)
    memberships = (
        Membership.objects.visible_to(request.user)
        .select_related("user", "school", "organization")
        .order_by("user__last_name", "user__username", "role")
    )
    return render(request, "directory/membership_list.html", {"page": paginate(request, memberships)})


@login_required
def membership_create(request):
    require_create_somewhere(request.user, Membership)
    form = MembershipForm(form_data(request), user=request.user)
    return form_page(
        request, form, lambda: account_services.membership_create(actor=request.user, **form.cleaned_data),
        success_url=lambda membership: reverse("directory:membership-list"), success_message=_("Role given."),
        heading=_("Give someone a role"), cancel_url=reverse("directory:membership-list"),
    )
