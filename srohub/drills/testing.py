"""Test records of the drills app for one program world (one of each model), so route and persona
tests have something in and out of scope to ask for. They sit in 2020: they never count towards
today's compliance."""

from datetime import UTC, date, datetime

from srohub.accounts.models import User
from srohub.drills.models import (
    CorrectiveAction,
    Drill,
    DrillStatus,
    Notice,
    Requirement,
    RequirementSet,
    SweepEntry,
)
from srohub.drills.presets import FALL_AND_SPRING

STARTED = datetime(2020, 3, 2, 15, 0, tzinfo=UTC)


def populate_program_world(pw) -> dict:
    """A 2019-2020 rule set for ``pw``'s division and a completed drill at ``pw.school``."""
    program, school = pw.program, pw.school
    rule_set = RequirementSet.objects.create(
        program=program,
        division=pw.division,
        school_year="2019-2020",
        preset="ontario",
        terms=list(FALL_AND_SPRING),
    )
    requirement = Requirement.objects.create(
        program=program, requirement_set=rule_set, drill_type="lockdown", per_year=2
    )
    drill = Drill.objects.create(
        program=program,
        school=school,
        drill_type="lockdown",
        scheduled_for=STARTED,
        status=DrillStatus.COMPLETED,
        started_at=STARTED,
        all_clear_at=STARTED.replace(minute=12),
        officer=pw.officer,
    )
    entry = SweepEntry.objects.create(
        program=program,
        drill=drill,
        space=pw.space,
        result="deficient",
        deficiencies=["lights_on"],
        checked_at=STARTED.replace(minute=4),
        idempotency_key=f"world-{program.pk}",
    )
    extras = {
        "drill_rules": rule_set,
        "drill_requirement": requirement,
        "drill": drill,
        "sweep_entry": entry,
        "drill_notice": Notice.objects.create(
            program=program,
            school=school,
            school_year="2019-2020",
            drill_type="lockdown",
            check_key="year",
            kind="reminder",
            deadline=date(2020, 6, 30),
            sent_on=date(2020, 6, 1),
            message="Reminder",
        ),
    }
    # The world's users are made after its records: the action's owner is the school's caretaker.
    owner = User.objects.create(username=f"caretaker-{program.slug}", first_name="Pat", last_name="Caretaker")
    extras["corrective_action"] = CorrectiveAction.objects.create(
        program=program,
        drill=drill,
        school=school,
        sweep_entry=entry,
        description="Turn the lights off",
        owner=owner,
        due_on=date(2020, 3, 16),
    )
    return extras
