"""Writes about drills: scheduling (and pinning the SRO's visit), real lockdowns, start, all-clear,
debrief, and the corrective actions that follow. Each is one audited transaction."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.accounts.models import Membership
from srohub.audit.services import SYSTEM
from srohub.core.services import authorize_change, authorize_create, change_record, create_record
from srohub.directory.selectors import assignments_on
from srohub.drills import rules
from srohub.drills.models import ActionStatus, CorrectiveAction, Drill, DrillStatus
from srohub.drills.notifications import notify_officer_invited
from srohub.drills.pinning import pin_drill_visit
from srohub.drills.selectors import linked_occurrence_id

DEFAULT_ACTION_DAYS = 14  # time to fix a deficiency unless the owner's due date says otherwise


def _person(actor):
    return None if actor is SYSTEM or not getattr(actor, "pk", None) else actor


def _check_officer(officer, school) -> None:
    if officer is not None and officer.program_id != school.program_id:
        raise ValidationError({"officer": _("The officer belongs to another program.")})


@transaction.atomic
def drill_schedule(
    *, actor, school, drill_type: str, scheduled_for: datetime, announced: bool = True, officer=None
) -> Drill:
    """Schedule a drill at ``school``; the SRO (by default the school's primary SRO that day) is
    invited and the drill is pinned in their visit plan when the planning app is there."""
    authorize_create(actor, Drill, program_id=school.program_id, school_id=school.pk)
    _check_officer(officer, school)
    officer = officer or assignments_on(school, timezone.localtime(scheduled_for).date())["primary"]
    pin = pin_drill_visit(
        actor=actor, officer=officer, school=school, scheduled_for=scheduled_for, unannounced=not announced
    )
    drill = create_record(
        actor=actor,
        instance=Drill(
            program_id=school.program_id,
            school=school,
            drill_type=drill_type,
            scheduled_for=scheduled_for,
            announced=announced,
            officer=officer,
            pinned_in_plan=pin.pinned,
            pin_note=pin.note,
            created_by=_person(actor),
        ),
    )
    if officer is not None:
        transaction.on_commit(lambda: notify_officer_invited(drill.pk))
    return drill


@transaction.atomic
def drill_record_real(*, actor, school, drill_type: str, started_at: datetime, officer=None) -> Drill:
    """Record a real lockdown (or other real event) as it happens: the same record as a drill,
    flagged real and already started, so the sweep and the after-action report follow."""
    authorize_create(actor, Drill, program_id=school.program_id, school_id=school.pk)
    _check_officer(officer, school)
    _refuse_future(started_at, "started_at")
    return create_record(
        actor=actor,
        instance=Drill(
            program_id=school.program_id,
            school=school,
            drill_type=drill_type,
            scheduled_for=started_at,
            announced=False,
            is_real=True,
            officer=officer,
            status=DrillStatus.IN_PROGRESS,
            started_at=started_at,
            pin_note=_("A real event is not pinned in a plan."),
            created_by=_person(actor),
        ),
    )


def _refuse_future(moment: datetime, field: str) -> None:
    if moment > timezone.now() + rules.CLOCK_TOLERANCE:
        raise ValidationError({field: _("This time is in the future.")})


def _require_status(drill: Drill, *allowed: str) -> None:
    if drill.status not in allowed:
        raise ValidationError(
            {
                "status": _("Not possible while the drill is %(status)s.")
                % {"status": drill.get_status_display().lower()}
            }
        )


@transaction.atomic
def drill_reschedule(*, actor, drill: Drill, changes: dict, expected_version: int | None = None) -> Drill:
    """Change a scheduled drill's time, type or announcement; only before it starts."""
    authorize_change(actor, drill)
    _require_status(drill, DrillStatus.SCHEDULED)
    allowed = {"scheduled_for", "drill_type", "announced", "officer"}
    if "officer" in changes:
        _check_officer(changes["officer"], drill.school)
    return change_record(actor, drill, {k: v for k, v in changes.items() if k in allowed}, expected_version)


@transaction.atomic
def drill_cancel(*, actor, drill: Drill) -> Drill:
    authorize_change(actor, drill)
    _require_status(drill, DrillStatus.SCHEDULED)
    return change_record(actor, drill, {"status": DrillStatus.CANCELLED})


@transaction.atomic
def drill_start(*, actor, drill: Drill, started_at: datetime | None = None) -> Drill:
    """Start the drill: the time of the announcement and alarm (now, unless given)."""
    authorize_change(actor, drill)
    _require_status(drill, DrillStatus.SCHEDULED)
    started_at = started_at or timezone.now()
    _refuse_future(started_at, "started_at")
    return change_record(actor, drill, {"started_at": started_at, "status": DrillStatus.IN_PROGRESS})


@transaction.atomic
def drill_all_clear(*, actor, drill: Drill, all_clear_at: datetime | None = None) -> Drill:
    """Give the all-clear: the drill is complete. Never before its start."""
    authorize_change(actor, drill)
    _require_status(drill, DrillStatus.IN_PROGRESS)
    all_clear_at = all_clear_at or timezone.now()
    _refuse_future(all_clear_at, "all_clear_at")
    if all_clear_at < drill.started_at:
        raise ValidationError(
            {
                "all_clear_at": _("The all-clear cannot be before the start (%(start)s).")
                % {"start": timezone.localtime(drill.started_at).strftime("%Y-%m-%d %H:%M")}
            }
        )
    return change_record(actor, drill, {"all_clear_at": all_clear_at, "status": DrillStatus.COMPLETED})


@transaction.atomic
def drill_debrief(
    *,
    actor,
    drill: Drill,
    debrief: str | None = None,
    after_action_report: str | None = None,
    expected_version: int | None = None,
) -> Drill:
    """Write the debrief, and for a real event its after-action report, once it has started."""
    authorize_change(actor, drill)
    _require_status(drill, DrillStatus.IN_PROGRESS, DrillStatus.COMPLETED)
    changes = {}
    if debrief is not None:
        changes["debrief"] = debrief
    if after_action_report is not None:
        if not drill.is_real and after_action_report:
            raise ValidationError({"after_action_report": _("Only a real event has an after-action report.")})
        changes["after_action_report"] = after_action_report
    return change_record(actor, drill, changes, expected_version)


@transaction.atomic
def drill_link_occurrence(
    *, actor, drill: Drill, occurrence_id: int | None, expected_version: int | None = None
) -> Drill:
    """Link a real event to its occurrence at the same school, or clear the link (None).

    The occurrence is fetched through the choke point as the actor: one they cannot see reads as
    "no such occurrence", and a link they cannot see is not theirs to clear (clearing it is then a
    no-op: to them there was no link)."""
    authorize_change(actor, drill)
    if occurrence_id is None:
        if drill.occurrence_id is None or (actor is not SYSTEM and linked_occurrence_id(drill, actor) is None):
            return drill
        return change_record(actor, drill, {"occurrence": None}, expected_version)
    if not drill.is_real:
        raise ValidationError({"occurrence": _("Only a real event links to an occurrence.")})
    occurrence = _occurrence_for(actor, occurrence_id)
    if occurrence.school_id != drill.school_id:
        raise ValidationError({"occurrence": _("This occurrence is at another school.")})
    return change_record(actor, drill, {"occurrence": occurrence}, expected_version)


def _occurrence_for(actor, occurrence_id: int):
    from srohub.occurrences.models import Occurrence  # noqa: PLC0415 - the other context, at its edge

    occurrences = Occurrence.objects.all() if actor is SYSTEM else Occurrence.objects.visible_to(actor)
    occurrence = occurrences.filter(pk=occurrence_id).first()
    if occurrence is None:
        raise ValidationError({"occurrence": _("No such occurrence.")})
    return occurrence


# ---------------------------------------------------------------- corrective actions


def _check_owner(owner, program_id: int) -> None:
    if not Membership.objects.filter(user=owner, program_id=program_id, is_active=True).exists():
        raise ValidationError({"owner": _("The owner must be a member of this program.")})


@transaction.atomic
def corrective_action_create(
    *, actor, drill: Drill, description: str, owner, due_on: date, sweep_entry=None
) -> CorrectiveAction:
    """Record what will be fixed after a drill, who owns it and by when."""
    authorize_create(actor, CorrectiveAction, program_id=drill.program_id, school_id=drill.school_id)
    _check_owner(owner, drill.program_id)
    if sweep_entry is not None and sweep_entry.drill_id != drill.pk:
        raise ValidationError({"sweep_entry": _("This room result belongs to another drill.")})
    return create_record(
        actor=actor,
        instance=CorrectiveAction(
            program_id=drill.program_id,
            drill=drill,
            school_id=drill.school_id,
            sweep_entry=sweep_entry,
            description=description,
            owner=owner,
            due_on=due_on,
        ),
    )


def corrective_action_for_deficiency(*, actor, entry) -> CorrectiveAction:
    """The corrective action a deficient room opens at once (the sweep authorized it): owned by
    whoever scheduled the drill, else by whoever recorded the room, due in two weeks."""
    drill = entry.drill
    owner = drill.created_by or _person(actor)
    description = ", ".join(entry.deficiency_labels()) + (f": {entry.note}" if entry.note else "")
    return create_record(
        actor=actor,
        instance=CorrectiveAction(
            program_id=drill.program_id,
            drill=drill,
            school_id=drill.school_id,
            sweep_entry=entry,
            description=f"{entry.space.name} — {description}"[:500],
            owner=owner,
            due_on=timezone.localdate() + timedelta(days=DEFAULT_ACTION_DAYS),
        ),
    )


@transaction.atomic
def corrective_action_update(
    *, actor, action: CorrectiveAction, changes: dict, expected_version: int | None = None
) -> CorrectiveAction:
    """Change an open action's description, owner or due date."""
    authorize_change(actor, action)
    if action.status != ActionStatus.OPEN:
        raise ValidationError({"status": _("A closed action cannot change; open a new one.")})
    if "owner" in changes:
        _check_owner(changes["owner"], action.program_id)
    allowed = {"description", "owner", "due_on"}
    return change_record(actor, action, {k: v for k, v in changes.items() if k in allowed}, expected_version)


@transaction.atomic
def corrective_action_close(
    *,
    actor,
    action: CorrectiveAction,
    closing_note: str,
    closed_on: date | None = None,
    expected_version: int | None = None,
):
    """Close an action, saying how it was fixed."""
    authorize_change(actor, action)
    if action.status != ActionStatus.OPEN:
        raise ValidationError({"status": _("This action is already closed.")})
    if not (closing_note or "").strip():
        raise ValidationError({"closing_note": _("Say how it was fixed.")})
    changes = {
        "status": ActionStatus.CLOSED,
        "closed_on": closed_on or timezone.localdate(),
        "closing_note": closing_note,
    }
    return change_record(actor, action, changes, expected_version)
