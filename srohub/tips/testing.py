"""Test records of the tips app for one program world (one of each model), so route and persona
tests have something in and out of scope to ask for. They sit in 2020, closed and acknowledged:
they never escalate and never count in this year's measures."""

from datetime import UTC, datetime

from srohub.tips.models import (
    Author,
    EscalationStep,
    StepState,
    Tip,
    TipMessage,
    TipNote,
    TipSource,
    TipStatus,
)

RECEIVED = datetime(2020, 3, 2, 15, 0, tzinfo=UTC)


def populate_program_world(pw) -> dict:
    """A closed partner tip at ``pw.school`` routed to ``pw.officer``, with a question, a note and its
    sent notification step."""
    tip = Tip.objects.create(
        program=pw.program,
        number=f"T-TEST-{pw.program.pk:04d}",
        source=TipSource.PARTNER,
        school=pw.school,
        category="bullying",
        received_at=RECEIVED,
        narrative="Test tip",
        status=TipStatus.CLOSED,
        routed_kind="officer",
        routed_officer=pw.officer,
        acknowledged_at=RECEIVED,
        disposition="unfounded",
    )
    return {
        "tip": tip,
        "tip_message": TipMessage.objects.create(
            program=pw.program, tip=tip, author=Author.OFFICER, body="When?"
        ),
        "tip_note": TipNote.objects.create(program=pw.program, tip=tip, body="Spoke with the principal"),
        "tip_step": EscalationStep.objects.create(
            program=pw.program,
            tip=tip,
            step=0,
            target_kind="officer",
            target_officer=pw.officer,
            due_at=RECEIVED,
            state=StepState.SENT,
            sent_at=RECEIVED,
        ),
    }
