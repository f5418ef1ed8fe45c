"""What the planner reads, set up by people: the divisions' school calendars (supervisors and each
division's safety lead), officer leave and the program's planning settings (supervisors)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import CHANGE, get_for_user
from srohub.directory.models import Officer, Organization, OrganizationKind
from srohub.planning import services
from srohub.planning.forms import CalendarGenerateForm, ClosureForm, LeaveForm, SettingsForm
from srohub.planning.models import CalendarClosure, OfficerLeave
from srohub.planning.views_plans import planning_program


def _school_year_start(today: date) -> date:
    """1 July of the school year that contains ``today``."""
    return date(today.year if today.month >= 7 else today.year - 1, 7, 1)


def _editable_divisions(user):
    """School divisions whose calendar ``user`` may edit (services.may_edit_calendar)."""
    divisions = Organization.objects.visible_to(user).filter(kind=OrganizationKind.SCHOOL_DIVISION)
    return divisions.filter(pk__in=[d.pk for d in divisions if services.may_edit_calendar(user, d)])


def _submitted(form, action) -> bool:
    """Call the service when the form is valid; a refusal becomes the form's errors (400)."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


@login_required
def calendar(request):
    """A division's closed days this school year and the next, with the forms to add days or
    generate the default calendar (holidays, winter and spring breaks)."""
    divisions = _editable_divisions(request.user).order_by("name")
    if not divisions:
        raise PermissionDenied(_("Only supervisors and division safety leads edit school calendars."))
    chosen = divisions.filter(pk=request.GET.get("division") or 0).first() or divisions.first()
    bound = request.POST.get("form") if request.method == "POST" else None
    data = request.POST if bound else None
    closure_form = ClosureForm(
        data if bound == "closure" else None, prefix="closure", divisions=divisions, initial={"division": chosen}
    )
    year = _school_year_start(timezone.localdate()).year
    generate_form = CalendarGenerateForm(
        data if bound == "generate" else None,
        prefix="generate",
        divisions=divisions,
        initial={"division": chosen, "school_year": year},
    )
    if bound == "closure" and _submitted(
        closure_form, lambda d: services.closure_create(actor=request.user, **d)
    ):
        messages.success(request, _("The closed days are added."))
        return redirect(f"{request.path}?division={closure_form.cleaned_data['division'].pk}")
    if bound == "generate" and _submitted(generate_form, lambda d: _generate(request, d)):
        return redirect(f"{request.path}?division={generate_form.cleaned_data['division'].pk}")
    closures = CalendarClosure.objects.visible_to(request.user).filter(
        division=chosen, end_date__gte=_school_year_start(timezone.localdate())
    )
    context = {
        "divisions": divisions,
        "chosen": chosen,
        "closures": closures,
        "closure_form": closure_form,
        "generate_form": generate_form,
    }
    return render(request, "planning/calendar.html", context, status=400 if bound else 200)


def _generate(request, data) -> None:
    created = services.calendar_generate_default(
        actor=request.user, division=data["division"], school_year=data["school_year"]
    )
    if created:
        messages.success(request, _("%(count)s closures added from the default calendar.") % {"count": len(created)})
    else:
        messages.info(request, _("This division already has closures in that school year; nothing was added."))


@login_required
@scoped_to(CalendarClosure)
def closure_delete(request, pk):
    closure = get_for_user(CalendarClosure, request.user, CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.closure_delete(actor=request.user, closure=closure)
    messages.success(request, _("The closed days are removed."))
    return redirect(f"{reverse('planning:calendar')}?division={closure.division_id}")


@login_required
def leave(request):
    """Officer leave from today on, and the form to record more (the next re-plan works around it)."""
    program = planning_program(request)
    officers = Officer.objects.visible_to(request.user).filter(program=program).order_by("last_name", "first_name")
    form = LeaveForm(request.POST or None, officers=officers)
    if request.method == "POST" and _submitted(form, lambda d: services.leave_create(actor=request.user, **d)):
        messages.success(request, _("The leave is recorded. Re-plan to move the visits it affects."))
        return redirect("planning:leave")
    entries = (
        OfficerLeave.objects.visible_to(request.user)
        .filter(program=program, end_date__gte=timezone.localdate())
        .select_related("officer")
        .order_by("start_date", "officer__last_name")
    )
    return render(
        request,
        "planning/leave.html",
        {"form": form, "entries": entries},
        status=400 if form.errors else 200,
    )


@login_required
@scoped_to(OfficerLeave)
def leave_delete(request, pk):
    entry = get_for_user(OfficerLeave, request.user, CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.leave_delete(actor=request.user, leave=entry)
    messages.success(request, _("The leave is removed."))
    return redirect("planning:leave")


@login_required
def planning_settings(request):
    """Need-score weights, travel limit and speed, horizon and stability of the program's planner."""
    program = planning_program(request)
    current = services.settings_for(program)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and _submitted(
        form, lambda d: services.settings_update(actor=request.user, program=program, changes=d)
    ):
        messages.success(request, _("The planning settings are saved; the next run uses them."))
        return redirect("planning:settings")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "heading": _("Planning settings"),
            "intro": _(
                "How much presence each school needs, how far officers drive between schools, "
                "and how much a re-plan may move."
            ),
            "submit_label": _("Save settings"),
        },
        status=400 if form.errors else 200,
    )
