"""The school's pages: what the school asks for (ranked half-days, presence, blackouts, fixed
commitments) and "is our SRO in this week"."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.roles import SCHOOL_ROLES, Role
from srohub.core.scoping import CHANGE, get_for_user, grants_for
from srohub.directory.models import Officer, School
from srohub.planning import selectors, services
from srohub.planning.authz import is_planner
from srohub.planning.forms import (
    BlackoutForm,
    PinForm,
    PresenceRequestForm,
    RankedSlotsForm,
    SupervisorTargetForm,
)
from srohub.planning.models import Blackout, CalendarClosure, PreferredSlot, PresenceRequest, Visit


@login_required
def my_school(request):
    """A school admin's or office's own school."""
    school_ids = sorted(
        i for g in grants_for(request.user) if g.role in SCHOOL_ROLES for i in g.school_ids or ()
    )
    if not school_ids:
        raise Http404
    return redirect("planning:school-week", pk=school_ids[0])


@login_required
@scoped_to(School)
def school_week(request, pk):
    """ "Is our SRO in this week": the school's visits in force, day by day."""
    school = get_for_user(School, request.user, pk=pk)
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday())
    may_edit = _can_edit(request.user, school)
    return render(
        request,
        "planning/school_week.html",
        {
            "school": school,
            "today": today,
            "days": selectors.school_week(school=school, start=start, days=14),
            "may_edit": may_edit,
        },
    )


def _can_edit(user, school) -> bool:
    return is_planner(user, school.program_id) or any(
        g.role == Role.SCHOOL_ADMIN and school.pk in (g.school_ids or ()) for g in grants_for(user)
    )


def _form_context(request, school, bound: str | None):
    ranked = [
        f"{s.weekday}-{s.half_day}" for s in PreferredSlot.objects.filter(school=school).order_by("rank")
    ]
    current = PresenceRequest.objects.filter(school=school).first()
    request_form = (
        SupervisorTargetForm if is_planner(request.user, school.program_id) else PresenceRequestForm
    )
    data = request.POST if request.method == "POST" else None
    initial = {
        f: getattr(current, f, None) for f in ("requested_per_week", "target_per_week", "minimum_per_week")
    }
    return {
        "school": school,
        "slots_form": RankedSlotsForm(
            data if bound == "slots" else None, initial_ranked=ranked, prefix="slots"
        ),
        "request_form": request_form(data if bound == "request" else None, initial=initial, prefix="request"),
        "blackout_form": BlackoutForm(data if bound == "blackout" else None, prefix="blackout"),
        "pin_form": PinForm(
            data if bound == "pin" else None,
            prefix="pin",
            officers=Officer.objects.visible_to(request.user).filter(assignments__school=school).distinct(),
        ),
        "blackouts": Blackout.objects.filter(school=school, end_date__gte=timezone.localdate()),
        "closures": CalendarClosure.objects.visible_to(request.user).filter(
            division_id=school.division_id, end_date__gte=timezone.localdate()
        )[:8],
        "pins": Visit.objects.filter(
            school=school, pinned=True, day__gte=timezone.localdate()
        ).select_related("officer"),
    }


@login_required
@scoped_to(School)
def school_preferences(request, pk):
    """Ranked half-days, requested presence, blackout dates and fixed commitments of one school."""
    school = get_for_user(School, request.user, pk=pk)
    if not _can_edit(request.user, school):
        raise Http404
    bound = request.POST.get("form") if request.method == "POST" else None
    context = _form_context(request, school, bound)
    if bound and _save(request, school, bound, context):
        messages.success(request, _("Saved."))
        return redirect("planning:school-preferences", pk=school.pk)
    return render(request, "planning/school_preferences.html", context, status=400 if bound else 200)


def _save(request, school, bound: str, context) -> bool:
    form = context.get(f"{bound}_form")
    if form is None or not form.is_valid():
        return False
    try:
        SAVERS[bound](request.user, school, form)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


SAVERS = {
    "slots": lambda actor, school, form: services.preferred_slots_set(
        actor=actor, school=school, ranked=form.ranked()
    ),
    "request": lambda actor, school, form: services.presence_request_set(
        actor=actor, school=school, changes=form.cleaned_data
    ),
    "blackout": lambda actor, school, form: services.blackout_create(
        actor=actor, school=school, **form.cleaned_data
    ),
    "pin": lambda actor, school, form: services.visit_pin(actor=actor, school=school, **form.cleaned_data),
}


@login_required
@scoped_to(Blackout)
def blackout_delete(request, pk):
    blackout = get_for_user(Blackout, request.user, CHANGE, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.blackout_delete(actor=request.user, blackout=blackout)
    messages.success(request, _("The blackout is removed."))
    return redirect("planning:school-preferences", pk=blackout.school_id)
