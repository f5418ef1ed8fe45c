"""Demo data of the tips app: four months of tips per school, routed like live ones, most handled
and closed (some linked to occurrences at the same school when the occurrences app has data), a
few in the triage queue, and one life-safety tip with its escalation trail. Deterministic given
``rng``; bulk inserts for volume (SEEDERS contract, docs/extension-points.md)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from srohub.directory.models import Assignment, AssignmentRole, School
from srohub.tips import rules
from srohub.tips.codes import ALPHABET
from srohub.tips.models import EscalationStep, StepState, Tip, TipCategory, TipMessage, TipStatus

MONTHS = 4
CATEGORY_WEIGHTS = {
    "bullying": 5,
    "online": 4,
    "drugs": 4,
    "violence": 2,
    "property": 2,
    "weapon": 1,
    "self_harm": 1,
    "gang": 1,
    "other": 2,
}
CLOSING = ["unfounded", "resolved_with_school", "resolved_with_school", "referred", "occurrence_opened"]
QUESTIONS = ["Which day did this happen?", "Do you know which grade they are in?", "Is it still going on?"]


@transaction.atomic
def seed_tips(*, program, rng: random.Random, scale: str, today: date) -> dict[str, int]:
    """Seed one program's tips (counts of what was created)."""
    schools = list(School.objects.filter(program=program, is_active=True).order_by("pk"))
    if not schools:
        return {"tips": 0}
    officers = _primary_officers(program, today)
    occurrences = _occurrences_by_school(program)
    numbers = _Numbers(program, rng)
    tips = [
        _tip(program, rng, school, officers, occurrences, numbers, today)
        for school in schools
        for _month in range(MONTHS)
        for _n in range(rng.choice((0, 0, 1, 1, 2)))
    ]
    tips += [_triage_tip(program, rng, numbers, today) for _n in range(max(1, len(schools) // 20))]
    Tip.objects.bulk_create(tips)
    steps = EscalationStep.objects.bulk_create(_first_step(tip) for tip in tips)
    messages = TipMessage.objects.bulk_create(_questions(rng, tips))
    urgent_steps = _life_safety_tip(program, schools[0], officers, numbers, today)
    return {
        "tips": len(tips) + 1,
        "tip_messages": len(messages),
        "escalation_steps": len(steps) + urgent_steps,
        "tips_linked_to_occurrences": sum(1 for t in tips if t.occurrence_id),
    }


class _Numbers:
    """Tip numbers drawn from ``rng`` (deterministic), never one already used in any program."""

    def __init__(self, program, rng: random.Random):
        self.rng, self.used = random.Random(f"{program.pk}:{rng.random()}"), set()

    def next(self) -> str:
        while True:
            body = "".join(self.rng.choice(ALPHABET) for _ in range(8))
            number = f"T-{body[:4]}-{body[4:]}"
            if number not in self.used and not Tip.objects.filter(number=number).exists():
                self.used.add(number)
                return number


def _primary_officers(program, today: date) -> dict[int, int]:
    rows = Assignment.objects.active_on(today).filter(program=program, role=AssignmentRole.PRIMARY)
    return dict(rows.values_list("school_id", "officer_id"))


def _occurrences_by_school(program) -> dict[int, list[int]]:
    """Occurrence ids per school, when the occurrences app is installed (links are optional)."""
    if not apps.is_installed("srohub.occurrences"):
        return {}
    found: dict[int, list[int]] = {}
    occurrence_model = apps.get_model("occurrences", "Occurrence")
    for pk, school_id in occurrence_model.objects.filter(program=program).values_list("pk", "school_id"):
        found.setdefault(school_id, []).append(pk)
    return found


def _received(rng: random.Random, today: date) -> datetime:
    day = today - timedelta(days=rng.randint(1, 30 * MONTHS))
    at = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59)))
    return timezone.make_aware(at)


def _tip(program, rng, school, officers, occurrences, numbers, today) -> Tip:
    received = _received(rng, today)
    officer_id = officers.get(school.pk)
    target = rules.Target(rules.OFFICER, officer_id=officer_id) if officer_id else rules.SUPERVISOR_QUEUE
    tip = _base_tip(program, rng, numbers, received, target, school=school)
    age = timezone.now() - received
    if age > timedelta(hours=2):
        tip.acknowledged_at = received + timedelta(minutes=min(600, rng.expovariate(1 / 25)))
        tip.status = TipStatus.ACKNOWLEDGED
    if age > timedelta(days=10):
        _close(tip, rng, occurrences.get(school.pk, []))
    return tip


def _close(tip: Tip, rng: random.Random, occurrence_ids: list[int]) -> None:
    disposition = rng.choice(CLOSING)
    if disposition == "occurrence_opened" and not occurrence_ids:
        disposition = "resolved_with_school"
    tip.disposition, tip.status = disposition, TipStatus.CLOSED
    tip.disposed_at = tip.acknowledged_at + timedelta(days=rng.randint(1, 7))
    if disposition == "occurrence_opened":
        tip.occurrence_id = rng.choice(occurrence_ids)
    elif disposition == "referred":
        tip.referred_to = rng.choice(["Child and Family Services", "Mental health therapist", "RCMP"])


def _triage_tip(program, rng, numbers, today) -> Tip:
    text = rng.choice(["the school by the river", "my school", "the one near the mall"])
    return _base_tip(program, rng, numbers, _received(rng, today), rules.TRIAGE_QUEUE, school_text=text)


def _base_tip(program, rng, numbers, received, target: rules.Target, **fields) -> Tip:
    category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
    web = rng.random() < 0.6
    return Tip(
        program=program,
        number=numbers.next(),
        source="web" if web else "partner",
        category=category,
        received_at=received,
        narrative=f"Demo tip ({TipCategory(category).label}).",
        passcode_hash=make_password(None) if web else "",  # unusable: demo tips cannot be opened
        routed_kind=target.kind,
        routed_officer_id=target.officer_id,
        routed_queue=target.queue,
        **fields,
    )


def _first_step(tip: Tip) -> EscalationStep:
    """Sent when the tip came in: the demo's past tips were notified."""
    return EscalationStep.first_of(
        tip, due_at=tip.received_at, state=StepState.SENT, sent_at=tip.received_at, recipients=1
    )


def _questions(rng: random.Random, tips: list[Tip]):
    for tip in tips:
        if tip.source == "web" and tip.acknowledged_at and rng.random() < 0.3:
            yield TipMessage(program_id=tip.program_id, tip=tip, author="officer", body=rng.choice(QUESTIONS))


def _life_safety_tip(program, school, officers, numbers, today) -> int:
    """A weapon tip two days ago, escalated twice (5 minutes apart), acknowledged at minute 12."""
    received = timezone.make_aware(datetime.combine(today - timedelta(days=2), time(13, 5)))
    officer_id = officers.get(school.pk)
    routed = rules.Target(rules.OFFICER, officer_id=officer_id) if officer_id else rules.SUPERVISOR_QUEUE
    tip = Tip.objects.create(
        program=program,
        number=numbers.next(),
        source="partner",
        school=school,
        category="weapon",
        life_safety=True,
        received_at=received,
        narrative="Demo life-safety tip: a student with a knife.",
        routed_kind=routed.kind,
        routed_officer_id=routed.officer_id,
        routed_queue=routed.queue,
        status=TipStatus.ACKNOWLEDGED,
        acknowledged_at=received + timedelta(minutes=12),
    )
    chain = rules.escalation_chain(routed=routed, backup=None, has_duty_line=bool(program.duty_phone))
    steps = []
    for step in range(4):
        target = rules.target_for_step(chain, step)
        sent = step < 3
        steps.append(
            EscalationStep(
                program=program,
                tip=tip,
                step=step,
                target_kind=target.kind,
                target_officer_id=target.officer_id,
                target_queue=target.queue,
                due_at=received + timedelta(minutes=5 * step),
                state=StepState.SENT if sent else StepState.CANCELLED,
                sent_at=received + timedelta(minutes=5 * step) if sent else None,
                recipients=1 if sent else 0,
            )
        )
    EscalationStep.objects.bulk_create(steps)
    return len(steps)


SEEDERS = [seed_tips]
