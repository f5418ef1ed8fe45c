"""Web pages of drills: the list, scheduling, one drill (start, all-clear, debrief) and the sweep
page a person uses on a phone in a hallway. Records come through the choke point; writes through
services."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.core.decorators import scoped_to
from srohub.core.scoping import get_for_user
from srohub.core.views import (
    call_service,
    form_data,
    form_page,
    may_create_somewhere,
    may_view,
    may_write,
    paginate,
)
from srohub.directory.models import Space
from srohub.drills import exports, services
from srohub.drills.forms import DebriefForm, DrillFilterForm, DrillScheduleForm, MomentForm, RoomForm
from srohub.drills.models import CorrectiveAction, Drill, DrillStatus, SweepEntry
from srohub.drills.presenters import drill_timing
from srohub.drills.rules import format_duration
from srohub.drills.selectors import linked_occurrence_id
from srohub.drills.sweep_services import RoomReport, SweepConflict, sweep_record


def _drill_url(drill) -> str:
    return reverse("drills:drill-detail", args=[drill.pk])


@login_required
def drill_list(request):
    """Drills the user may see, newest first, filtered by status and type."""
    form = DrillFilterForm(request.GET)
    drills = Drill.objects.visible_to(request.user).select_related("school")
    if form.is_valid():
        for name in ("status", "drill_type"):
            if form.cleaned_data[name]:
                drills = drills.filter(**{name: form.cleaned_data[name]})
    context = {
        "form": form,
        "page": paginate(request, drills),
        "may_schedule": may_create_somewhere(request.user, Drill),
    }
    return render(request, "drills/drill_list.html", context)


@login_required
def drill_schedule(request):
    """Schedule a drill (or record a real event as it happens)."""
    form = DrillScheduleForm(form_data(request), user=request.user)

    def write():
        data = dict(form.cleaned_data)
        if data.pop("is_real"):
            return services.drill_record_real(
                actor=request.user,
                school=data["school"],
                drill_type=data["drill_type"],
                started_at=data["scheduled_for"],
            )
        return services.drill_schedule(actor=request.user, **data)

    return form_page(
        request,
        form,
        write,
        success_url=_drill_url,
        success_message=_("Drill saved."),
        heading=_("Schedule a drill"),
        cancel_url=reverse("drills:drill-list"),
    )


@login_required
@scoped_to(Drill)
def drill_detail(request, pk):
    """One drill: its times, timings, the rooms recorded, its corrective actions and debrief."""
    drill = get_for_user(Drill.objects.select_related("school", "officer"), request.user, pk=pk)
    timing = drill_timing(drill)
    context = {
        "drill": drill,
        "occurrence_id": linked_occurrence_id(drill, request.user),
        "timing": timing,
        "durations": {
            "sweep": format_duration(timing.time_to_sweep),
            "secure": format_duration(timing.time_to_secure),
            "all_clear": format_duration(timing.time_to_all_clear),
        },
        "entries": drill.sweep_entries.select_related("space").order_by("space__sweep_order", "space__name"),
        "actions": CorrectiveAction.objects.visible_to(request.user)
        .filter(drill=drill)
        .select_related("owner"),
        "may_change": may_write(request.user, Drill, program_id=drill.program_id, school_id=drill.school_id),
        "may_sweep": may_write(
            request.user, SweepEntry, program_id=drill.program_id, school_id=drill.school_id
        ),
        "may_act": may_write(
            request.user, CorrectiveAction, program_id=drill.program_id, school_id=drill.school_id
        ),
        "moment_form": MomentForm(),
        "debrief_form": DebriefForm(
            drill=drill, initial={"debrief": drill.debrief, "after_action_report": drill.after_action_report}
        ),
    }
    return render(request, "drills/drill_detail.html", context)


def _moment_view(request, pk, service, field: str, done: str):
    """Start or all-clear: fetched first, so an outsider gets 404 whatever the method."""
    drill = get_for_user(Drill, request.user, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MomentForm(request.POST)
    if form.is_valid():
        at = form.cleaned_data["at"]
        if call_service(
            form, lambda: service(actor=request.user, drill=drill, **({field: at} if at else {}))
        ):
            messages.success(request, done)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(_drill_url(drill))


@login_required
@scoped_to(Drill)
def drill_start(request, pk):
    return _moment_view(request, pk, services.drill_start, "started_at", _("Drill started."))


@login_required
@scoped_to(Drill)
def drill_all_clear(request, pk):
    return _moment_view(request, pk, services.drill_all_clear, "all_clear_at", _("All-clear recorded."))


def _may_link_occurrence(user, drill) -> bool:
    """Whether ``user`` may see occurrences at the drill's school (so link one to a real event)."""
    from srohub.occurrences.models import Occurrence  # noqa: PLC0415 - the other context, at its edge

    return may_view(user, Occurrence, program_id=drill.program_id, school_id=drill.school_id)


@login_required
@scoped_to(Drill)
def drill_debrief(request, pk):
    """The debrief; for a real event also its after-action report and the occurrence it links."""
    drill = get_for_user(Drill, request.user, pk=pk)
    initial = {
        "debrief": drill.debrief,
        "after_action_report": drill.after_action_report,
        "occurrence": linked_occurrence_id(drill, request.user),
    }
    form = DebriefForm(
        form_data(request), drill=drill, may_link=_may_link_occurrence(request.user, drill), initial=initial
    )

    @transaction.atomic
    def write():
        data = dict(form.cleaned_data)
        updated = drill
        if "occurrence" in data:
            updated = services.drill_link_occurrence(
                actor=request.user, drill=drill, occurrence_id=data.pop("occurrence")
            )
        return services.drill_debrief(actor=request.user, drill=updated, **data)

    return form_page(
        request,
        form,
        write,
        success_url=_drill_url,
        success_message=_("Debrief saved."),
        heading=_("After-action report") if drill.is_real else _("Debrief"),
        cancel_url=_drill_url(drill),
    )


@login_required
@scoped_to(Drill)
def drill_sweep(request, pk):
    """The sweep on a phone: every room in walking order, each saved on its own. sweep.js posts to
    the API and queues offline; without JavaScript each room's form posts here."""
    drill = get_for_user(Drill.objects.select_related("school"), request.user, pk=pk)
    if request.method == "POST":
        _record_room_from_form(request, drill)
        return redirect(
            reverse("drills:drill-sweep", args=[drill.pk]) + f"#space-{request.POST.get('space', '')}"
        )
    recorded = {e.space_id: e for e in drill.sweep_entries.all()}
    spaces = Space.objects.filter(school=drill.school, is_active=True).order_by("sweep_order", "name")
    rooms = [
        {
            "space": space,
            "entry": recorded.get(space.pk),
            "form": RoomForm(
                prefix=f"room-{space.pk}", initial={"space": space.pk, "idempotency_key": uuid.uuid4().hex}
            ),
        }
        for space in spaces
    ]
    context = {
        "drill": drill,
        "rooms": rooms,
        "started": drill.status in (DrillStatus.IN_PROGRESS, DrillStatus.COMPLETED),
        "may_sweep": may_write(
            request.user, SweepEntry, program_id=drill.program_id, school_id=drill.school_id
        ),
    }
    return render(request, "drills/sweep.html", context)


def _record_room_from_form(request, drill) -> None:
    prefix = f"room-{request.POST.get('space', '')}"
    form = RoomForm(request.POST, prefix=prefix if f"{prefix}-result" in request.POST else None)
    if not form.is_valid():
        messages.error(request, _("Choose secure or a deficiency for the room."))
        return
    space = Space.objects.filter(pk=form.cleaned_data["space"]).first()
    if space is None:
        messages.error(request, _("This room belongs to another school."))
        return
    report = RoomReport(
        space=space,
        checked_at=timezone.now(),
        **{k: form.cleaned_data[k] for k in ("result", "deficiencies", "note", "idempotency_key")},
    )
    try:
        call_service(form, lambda: sweep_record(actor=request.user, drill=drill, report=report))
    except SweepConflict as conflict:
        messages.error(request, f"{conflict.message} ({conflict.existing})")
        return
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    if not form.errors:
        messages.success(request, _("%(room)s saved.") % {"room": space.name})


@login_required
@scoped_to(Drill)
def drill_report(request, pk):
    """The drill, or a real event's after-action report, as a PDF for the school and the board."""
    drill = get_for_user(Drill.objects.select_related("school"), request.user, pk=pk)
    timing = drill_timing(drill)
    moments = (("%Y-%m-%d %H:%M:%S", drill.started_at), ("%Y-%m-%d %H:%M:%S", drill.all_clear_at))
    started, cleared = (timezone.localtime(at).strftime(fmt) if at else "—" for fmt, at in moments)
    timing_lines = [
        (_("Announcement and alarm"), started),
        (_("All-clear"), cleared),
        (_("Rooms checked"), f"{timing.checked}/{timing.rooms}"),
        (_("Time to secure"), format_duration(timing.time_to_secure)),
        (_("Time to all-clear"), format_duration(timing.time_to_all_clear)),
    ]
    rooms = [
        f"{e.space.name}: {e.get_result_display()}"
        + (f" — {', '.join(e.deficiency_labels())}" if e.deficiencies else "")
        + (f" ({e.note})" if e.note else "")
        for e in drill.sweep_entries.select_related("space").order_by("space__sweep_order", "space__name")
    ]
    actions = [
        f"{a.description} — {a.owner.display_name}, {a.due_on:%Y-%m-%d} ({a.get_status_display()})"
        for a in CorrectiveAction.objects.visible_to(request.user).filter(drill=drill).select_related("owner")
    ]
    return exports.drill_report_pdf(
        drill,
        timing_lines=timing_lines,
        rooms=rooms,
        actions=actions,
        occurrence_id=linked_occurrence_id(drill, request.user),
    )
