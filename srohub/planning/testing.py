"""Test records of the planning app for one program world (one of each model), so route and
persona tests have something in and out of scope to ask for.

Called by srohub.core.testing.build_program_world for every world, so the records sit in the past
(a closed check-in, a proposed plan of 2020): they never change today's presence or a new plan.
"""

from datetime import UTC, date, datetime

from srohub.planning.models import (
    Blackout,
    CalendarClosure,
    CheckIn,
    FeedToken,
    OfficerLeave,
    Plan,
    PlanningSettings,
    PlanStatus,
    PreferredSlot,
    PresenceRequest,
    TerritoryProposal,
    Visit,
)

DAY = date(2020, 3, 2)


def populate_program_world(pw) -> dict:
    """One record of each planning model in ``pw``'s program, at ``pw.school`` and for ``pw.officer``."""
    program, school, officer = pw.program, pw.school, pw.officer
    plan = Plan.objects.create(program=program, start_date=DAY, end_date=DAY, status=PlanStatus.PROPOSED)
    return {
        "plan": plan,
        "visit": Visit.objects.create(
            program=program, plan=plan, officer=officer, school=school, day=DAY, half_day="am"
        ),
        "check_in": CheckIn.objects.create(
            program=program,
            officer=officer,
            school=school,
            checked_in_at=datetime(2020, 3, 2, 14, tzinfo=UTC),
            checked_out_at=datetime(2020, 3, 2, 17, tzinfo=UTC),
        ),
        "feed": FeedToken.objects.create(program=program, officer=officer, token_hash=f"{program.pk:064d}"),
        "blackout": Blackout.objects.create(
            program=program, school=school, start_date=DAY, end_date=DAY, reason="Exams"
        ),
        "leave": OfficerLeave.objects.create(program=program, officer=officer, start_date=DAY, end_date=DAY),
        "closure": CalendarClosure.objects.create(
            program=program, division=pw.division, start_date=DAY, end_date=DAY, kind="pd_day", label="PD day"
        ),
        "presence_request": PresenceRequest.objects.create(
            program=program, school=school, requested_per_week=1
        ),
        "preferred_slot": PreferredSlot.objects.create(
            program=program, school=school, weekday=1, half_day="am", rank=1
        ),
        "settings": PlanningSettings.objects.create(program=program),
        "territory": TerritoryProposal.objects.create(program=program, assignment={}),
    }
