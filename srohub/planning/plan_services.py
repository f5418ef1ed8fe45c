"""Planning runs: request, execute (in a task), publish or discard; territory design and acceptance."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.core.services import authorize_change, create_in_program, update_record
from srohub.core.tasks import enqueue_with_write
from srohub.directory.models import Assignment, AssignmentRole, Program
from srohub.planning import rules
from srohub.planning.explanations import finding_to_data
from srohub.planning.instances import closures_by_division, visit_instance
from srohub.planning.models import Plan, PlanStatus, ProposalStatus, TerritoryProposal, Visit
from srohub.planning.plan_progress import progress_recorder
from srohub.planning.planner.solve import plan_visits
from srohub.planning.planner.visits import moved_visits
from srohub.planning.selectors import published_plan
from srohub.planning.services import require_ordered, settings_for

MAX_SECONDS = 300


def default_horizon(program: Program, start: date) -> tuple[date, date]:
    """The next ``horizon_weeks`` school weeks from ``start`` (4 by default), by the first division's
    calendar (breaks do not count as weeks)."""
    weeks = settings_for(program).horizon_weeks
    closures = next(iter(closures_by_division(program, start, start).values()), [])
    return start, rules.horizon_end(start, weeks, closures)


@transaction.atomic
def plan_request(
    *,
    actor,
    program: Program,
    start_date: date | None = None,
    end_date: date | None = None,
    seconds: int = 20,
) -> Plan:
    """Ask for a plan (the default horizon from the next Monday); the planner runs as a task."""
    if seconds < 1 or seconds > MAX_SECONDS:
        raise ValidationError({"seconds": _("Allow between 1 and %(max)s seconds.") % {"max": MAX_SECONDS}})
    if start_date is None:
        today = timezone.localdate()
        start_date = today + timezone.timedelta(days=(7 - today.weekday()) % 7)
    if end_date is None:
        start_date, end_date = default_horizon(program, start_date)
    require_ordered(start_date, end_date)
    if (end_date - start_date).days > 7 * 12:
        raise ValidationError({"end_date": _("Plan at most twelve weeks at a time.")})
    plan = create_in_program(
        actor,
        Plan,
        program=program,
        start_date=start_date,
        end_date=end_date,
        based_on=published_plan(program.pk, start_date),
        seconds_allowed=seconds,
        created_by=actor if actor is not SYSTEM else None,
    )
    from srohub.planning.tasks import run_plan  # noqa: PLC0415 - tasks import services

    enqueue_with_write(run_plan, plan.pk)
    return plan


def plan_execute(*, plan_id: int) -> Plan:
    """Run the planner for a queued plan and store the proposal (or why it cannot be planned).

    Called outside any transaction (the task worker's autocommit): each write below commits on its
    own, so the solver's progress reaches the plan page while it runs (``plan_progress``).
    """
    plan = Plan.objects.select_related("program", "based_on").get(pk=plan_id)
    if plan.status != PlanStatus.QUEUED:
        return plan
    update_record(
        actor=SYSTEM, instance=plan, changes={"status": PlanStatus.RUNNING, "progress_fraction": 0.0}
    )
    instance = visit_instance(plan.program, plan.start_date, plan.end_date, previous_plan=plan.based_on)
    solution = plan_visits(instance, seconds=plan.seconds_allowed, on_progress=progress_recorder(plan))
    return _store_solution(plan, instance, solution)


def _final_progress(solution) -> dict:
    """The run is over: the whole of the time it needed, and the final score and gap."""
    return {"progress_fraction": 1.0, "progress_objective": solution.objective, "progress_gap": solution.gap}


@transaction.atomic
def _store_solution(plan: Plan, instance, solution) -> Plan:
    if not solution.feasible:
        changes = {
            "status": PlanStatus.INFEASIBLE,
            "solve_seconds": solution.seconds,
            "findings": [finding_to_data(f) for f in solution.findings],
            **_final_progress(solution),
        }
        return update_record(actor=SYSTEM, instance=plan, changes=changes)
    pins = {(p.officer_id, p.school_id, p.slot.day, p.slot.half) for p in instance.pins}
    Visit.objects.bulk_create(
        Visit(
            program_id=plan.program_id,
            plan=plan,
            officer_id=v.officer_id,
            school_id=v.school_id,
            day=v.day,
            half_day=v.half,
        )
        for v in solution.visits
        if tuple(v) not in pins
    )
    changes = {
        "status": PlanStatus.PROPOSED,
        "objective": solution.objective,
        "bound": solution.bound,
        "solve_seconds": solution.seconds,
        "findings": [],
        "moved_visits": moved_visits(instance.previous, solution.visits) if instance.previous else None,
        **_final_progress(solution),
    }
    return update_record(actor=SYSTEM, instance=plan, changes=changes)


@transaction.atomic
def plan_publish(*, actor, plan: Plan) -> Plan:
    """Publish a proposal: it becomes what everyone sees; published plans it overlaps are superseded."""
    authorize_change(actor, plan)
    if plan.status != PlanStatus.PROPOSED:
        raise ValidationError({"status": _("Only a proposed plan can be published.")})
    overlapping = Plan.objects.filter(
        program_id=plan.program_id,
        status=PlanStatus.PUBLISHED,
        start_date__lte=plan.end_date,
        end_date__gte=plan.start_date,
    )
    for old in overlapping:
        update_record(actor=actor, instance=old, changes={"status": PlanStatus.SUPERSEDED})
    return update_record(
        actor=actor, instance=plan, changes={"status": PlanStatus.PUBLISHED, "published_at": timezone.now()}
    )


@transaction.atomic
def plan_discard(*, actor, plan: Plan) -> Plan:
    authorize_change(actor, plan)
    if plan.status not in {PlanStatus.PROPOSED, PlanStatus.INFEASIBLE, PlanStatus.FAILED}:
        raise ValidationError({"status": _("Only a proposal that is not published can be discarded.")})
    return update_record(actor=actor, instance=plan, changes={"status": PlanStatus.DISCARDED})


def plan_mark_failed(*, plan_id: int) -> None:
    plan = Plan.objects.get(pk=plan_id)
    update_record(actor=SYSTEM, instance=plan, changes={"status": PlanStatus.FAILED})


@transaction.atomic
def territory_request(*, actor, program: Program, seconds: int = 30) -> TerritoryProposal:
    """Design territories now (a few seconds at city scale) and keep the proposal for review."""
    from srohub.planning.planner.territory import design_territories  # noqa: PLC0415
    from srohub.planning.territories import territory_instance  # noqa: PLC0415 - heavier import

    instance = territory_instance(program)
    proposal = create_in_program(
        actor, TerritoryProposal, program=program, created_by=actor if actor is not SYSTEM else None
    )
    solution = design_territories(instance, seconds=seconds)
    changes = {
        "assignment": {str(k): v for k, v in solution.assignment.items()},
        "objective": solution.objective,
        "bound": solution.bound,
        "findings": [finding_to_data(f) for f in solution.findings],
    }
    if not solution.assignment:
        changes["status"] = ProposalStatus.INFEASIBLE
    return update_record(actor=SYSTEM, instance=proposal, changes=changes)


@transaction.atomic
def territory_edit(*, actor, proposal: TerritoryProposal, school_id: int, officer_id: int) -> TerritoryProposal:
    """The supervisor's edit of a proposal under review: ``school_id`` goes to ``officer_id``."""
    authorize_change(actor, proposal)
    _require_under_review(proposal)
    _check_cover(proposal, school_id, officer_id, field="officer")
    assignment = {**proposal.assignment, str(school_id): officer_id}
    return update_record(actor=actor, instance=proposal, changes={"assignment": assignment})


@transaction.atomic
def territory_discard(*, actor, proposal: TerritoryProposal) -> TerritoryProposal:
    """Set a proposal aside without changing any assignment."""
    authorize_change(actor, proposal)
    _require_under_review(proposal)
    return update_record(actor=actor, instance=proposal, changes={"status": ProposalStatus.DISCARDED})


@transaction.atomic
def territory_accept(
    *, actor, proposal: TerritoryProposal, on: date, edits: dict[int, int] | None = None
) -> int:
    """Accept a proposal (with the supervisor's edits): each school whose primary officer changes gets
    its current primary assignment ended the day before ``on`` and a new one from ``on``, through the
    directory's own service. Returns how many schools changed hands. Every edit is checked before
    anything is written, and the whole acceptance is one transaction."""
    from srohub.directory import services as directory  # noqa: PLC0415

    authorize_change(actor, proposal)
    _require_under_review(proposal)
    for school_id, officer_id in (edits or {}).items():
        _check_cover(proposal, school_id, officer_id, field="edits")
    wanted = {int(school): officer for school, officer in proposal.assignment.items()} | (edits or {})
    changed = 0
    for school_id, officer_id in sorted(wanted.items()):
        changed += _reassign(actor, directory, proposal.program_id, school_id, officer_id, on)
    update_record(
        actor=actor,
        instance=proposal,
        changes={"status": ProposalStatus.ACCEPTED, "assignment": {str(k): v for k, v in wanted.items()}},
    )
    audit_record(
        actor=actor, action=AuditAction.UPDATE, instance=proposal, after={"schools_changed": changed}
    )
    return changed


def _require_under_review(proposal: TerritoryProposal) -> None:
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError({"status": _("Only a proposal under review can be changed or accepted.")})


def _check_cover(proposal: TerritoryProposal, school_id, officer_id, *, field: str) -> None:
    """An edit names a school of the proposal and an active officer of the same program who may
    cover it (rules.may_cover_school); anything else is a 400, never a missing-record 500."""
    from srohub.directory.models import Officer, OfficerStatus, School  # noqa: PLC0415

    school = School.objects.filter(pk=school_id, program_id=proposal.program_id).first()
    if school is None or str(school_id) not in proposal.assignment:
        raise ValidationError({field: _("This school is not part of the proposal.")})
    officer = Officer.objects.filter(
        pk=officer_id, program_id=proposal.program_id, status=OfficerStatus.ACTIVE
    ).first()
    if officer is None:
        raise ValidationError({field: _("Choose an active officer of the program.")})
    if not rules.may_cover_school(school_language=school.language, speaks_french=officer.speaks_french):
        raise ValidationError(
            {field: _("%(school)s is a French-language school: choose a French-speaking officer.")
             % {"school": school.name}}
        )


def _reassign(actor, directory, program_id: int, school_id: int, officer_id: int, on: date) -> int:
    from srohub.directory.models import Officer, School  # noqa: PLC0415

    current = (
        Assignment.objects.active_on(on).filter(school_id=school_id, role=AssignmentRole.PRIMARY).first()
    )
    if current is not None and current.officer_id == officer_id:
        return 0
    school = School.objects.get(pk=school_id, program_id=program_id)
    officer = Officer.objects.get(pk=officer_id, program_id=program_id)
    if current is not None:
        directory.assignment_end(actor=actor, assignment=current, end_date=on - timezone.timedelta(days=1))
    directory.assignment_create(
        actor=actor,
        officer=officer,
        school=school,
        role=AssignmentRole.PRIMARY,
        start_date=on,
        note=str(_("Territory design")),
    )
    return 1
