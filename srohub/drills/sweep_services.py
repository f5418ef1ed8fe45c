"""Recording the sweep, room by room, so that it survives a dropped connection.

Each room's result is saved on its own. A device that lost its connection replays its queue
later: the same room sent again is the same entry (the database holds one result per drill and
room), and a *different* result for a room someone already recorded is refused with theirs
(a conflict), never written over. Two people sweeping different floors never touch the same row.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from srohub.core.errors import Conflict
from srohub.core.services import authorize_create, create_record
from srohub.drills import rules
from srohub.drills.models import Deficiency, DrillStatus, SweepEntry, SweepResult
from srohub.drills.services import corrective_action_for_deficiency


class SweepConflict(Conflict):
    """Another result was already recorded for this room: the caller gets it back (409)."""

    default_message = gettext_lazy("Someone already recorded a different result for this room.")

    def __init__(self, existing: SweepEntry):
        super().__init__()
        self.existing = existing


@dataclass(frozen=True)
class RoomReport:
    space: object
    result: str
    deficiencies: list[str]
    note: str
    checked_at: datetime
    idempotency_key: str


def sweep_record(*, actor, drill, report: RoomReport) -> tuple[SweepEntry, bool]:
    """Save one room's result; returns (entry, created). A retry of the same room is the same
    entry (created False); a different result for it raises :class:`SweepConflict`."""
    authorize_create(actor, SweepEntry, program_id=drill.program_id, school_id=drill.school_id)
    _validate(drill, report)
    existing = _existing(drill, report)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _create(actor, drill, report), True
    except IntegrityError:
        # Another device saved this room between our look and our insert: answer as if we had looked later.
        existing = _existing(drill, report)
        if existing is None:
            raise
        return existing, False


def _existing(drill, report: RoomReport) -> SweepEntry | None:
    for entry in SweepEntry.objects.select_related("space").filter(drill=drill, space=report.space):
        if entry.idempotency_key == report.idempotency_key or entry.same_result_as(
            result=report.result, deficiencies=report.deficiencies, note=report.note
        ):
            return entry
        raise SweepConflict(entry)
    if SweepEntry.objects.filter(drill=drill, idempotency_key=report.idempotency_key).exists():
        raise ValidationError({"idempotency_key": _("This key was already used for another room.")})
    return None


def _create(actor, drill, report: RoomReport) -> SweepEntry:
    entry = create_record(
        actor=actor,
        instance=SweepEntry(
            program_id=drill.program_id,
            drill=drill,
            space=report.space,
            result=report.result,
            deficiencies=sorted(set(report.deficiencies)),
            note=report.note.strip(),
            checked_at=report.checked_at,
            idempotency_key=report.idempotency_key,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        ),
    )
    if entry.result == SweepResult.DEFICIENT:
        corrective_action_for_deficiency(actor=actor, entry=entry)
    return entry


def _validate(drill, report: RoomReport) -> None:
    errors = {}
    if drill.status not in (DrillStatus.IN_PROGRESS, DrillStatus.COMPLETED):
        # A completed drill still takes rooms a phone queued while offline before the all-clear.
        errors["drill"] = _("Start the drill before recording rooms.")
    if report.space.school_id != drill.school_id:
        errors["space"] = _("This room belongs to another school.")
    problem = rules.checked_at_problem(drill.started_at, report.checked_at, timezone.now())
    if problem and "drill" not in errors:
        errors["checked_at"] = problem
    errors.update(deficiency_problems(report.result, report.deficiencies, report.note))
    if not (report.idempotency_key or "").strip():
        errors["idempotency_key"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)


def deficiency_problems(result: str, deficiencies, note: str) -> dict[str, str]:
    """A secure room lists no deficiency; a deficient one at least one, from the list; "other"
    needs a note to say what."""
    codes = set(deficiencies or ())
    if result not in SweepResult.values:
        return {"result": _("Choose secure or deficiency.")}
    if codes - set(Deficiency.values):
        return {"deficiencies": _("Choose deficiencies from the list.")}
    if result == SweepResult.SECURE and codes:
        return {"deficiencies": _("A secure room has no deficiency.")}
    if result == SweepResult.DEFICIENT and not codes:
        return {"deficiencies": _("Choose at least one deficiency.")}
    if Deficiency.OTHER in codes and not (note or "").strip():
        return {"note": _("Say what the other deficiency was.")}
    return {}
