"""Life-safety tips escalate step by step until acknowledged; the steps live in the database, so a
worker that stops resumes, and no step is ever sent twice."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.testing import AssignmentFactory
from srohub.tips import escalation, notifications, services
from srohub.tips.models import EscalationStep, Tip
from srohub.tips.sms import LocmemSmsBackend
from srohub.tips.tests.helpers import make_partner, tip_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def life_safety_tip(world):
    """A life-safety tip at A's school, whose SRO has a backup; everyone has a phone."""
    AssignmentFactory(
        officer=world.a.other_officer, school=world.a.school, program=world.a.program, role="backup"
    )
    world.a.other_officer.phone = "204-555-0122"
    world.a.other_officer.save()
    supervisor = world.users[Role.SRO_SUPERVISOR]
    supervisor.phone = "204-555-0150"
    supervisor.save()
    partner = make_partner(world.a)
    response = partner.client.post(
        "/api/v1/tips/", tip_payload(school=world.a.school.pk, life_safety=True), format="json"
    )
    return Tip.objects.get(pk=response.data["id"])


def run_at(minutes: float, tip) -> int:
    return escalation.escalations_process(now=tip.created_at + timedelta(minutes=minutes, seconds=1))


def texts_to(phone: str) -> list[str]:
    return [m["body"] for m in LocmemSmsBackend.outbox if m["to"] == phone]


def test_it_escalates_backup_then_supervisor_then_duty_line_every_n_minutes(world, life_safety_tip):
    tip = life_safety_tip
    assert run_at(0, tip) == 1 and len(texts_to(world.a.officer.phone)) == 1
    assert run_at(4, tip) == 0  # not yet 5 minutes
    assert run_at(5, tip) == 1 and len(texts_to("204-555-0122")) == 1
    assert run_at(10, tip) == 1 and len(texts_to("204-555-0150")) == 1
    assert run_at(15, tip) == 1 and len(texts_to(world.a.program.duty_phone)) == 1
    assert run_at(20, tip) == 1 and len(texts_to(world.a.program.duty_phone)) == 2  # and again
    steps = list(EscalationStep.objects.filter(tip=tip).order_by("step"))
    assert [s.target.as_json()["kind"] for s in steps[:5]] == ["officer", "officer", "queue", "duty", "duty"]
    assert all(s.sent_at is not None for s in steps[:5]) and steps[5].state == "pending"


def test_it_stops_escalating_once_someone_acknowledges(world, life_safety_tip):
    tip = life_safety_tip
    run_at(0, tip)
    services.tip_acknowledge(actor=world.users[Role.SRO], tip=tip)
    assert run_at(60, tip) == 0
    assert list(EscalationStep.objects.filter(tip=tip).values_list("state", flat=True)) == [
        "sent",
        "cancelled",
    ]
    assert len(LocmemSmsBackend.outbox) == 1


def test_it_honours_the_configured_minutes(world, life_safety_tip, settings):
    settings.SROHUB_TIPS_ACK_MINUTES = 2
    run_at(0, life_safety_tip)
    assert run_at(2, life_safety_tip) == 1


def test_it_resumes_after_a_worker_dies_and_sends_no_step_twice(world, life_safety_tip, monkeypatch):
    tip = life_safety_tip
    run_at(0, tip)
    real_notify, calls = notifications.notify, []

    def dies_on_the_second_step(tip, target, step):
        calls.append(step)
        if step == 1 and calls.count(1) == 1:
            raise SystemExit("worker killed")  # the process dies inside the step's transaction
        return real_notify(tip, target, step)

    monkeypatch.setattr(notifications, "notify", dies_on_the_second_step)
    with pytest.raises(SystemExit):
        run_at(5, tip)
    assert EscalationStep.objects.get(tip=tip, step=1).state == "pending"  # rolled back, not lost
    assert run_at(5, tip) == 1  # the restarted worker resumes
    assert run_at(5, tip) == 0  # and a second run finds nothing to send
    assert len(texts_to("204-555-0122")) == 1
    sent = EscalationStep.objects.filter(tip=tip, state="sent").values_list("step", flat=True)
    assert sorted(sent) == [0, 1]


def test_it_refuses_a_second_row_for_the_same_step(life_safety_tip):
    step = EscalationStep.objects.get(tip=life_safety_tip, step=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationStep.objects.create(
            program=step.program, tip=step.tip, step=0, target_kind="duty", due_at=timezone.now()
        )
    again = escalation.step_create(tip=life_safety_tip, step=0, target=step.target, due_at=timezone.now())
    assert again.pk == step.pk


def test_it_is_run_by_the_escalate_command(world, life_safety_tip, capsys):
    call_command("tips", "escalate")
    assert "1 escalation step(s) handled." in capsys.readouterr().out
    assert EscalationStep.objects.get(tip=life_safety_tip, step=0).state == "sent"


def test_it_shows_the_escalation_steps_in_the_api(world, life_safety_tip):
    run_at(0, life_safety_tip)
    run_at(5, life_safety_tip)
    detail = world.client(world.users[Role.SRO_SUPERVISOR]).get(f"/api/v1/tips/{life_safety_tip.pk}/").data
    assert detail["routed_to"] == {"kind": "officer", "id": world.a.officer.pk}
    assert [(s["step"], s["state"]) for s in detail["escalations"]] == [
        (0, "sent"),
        (1, "sent"),
        (2, "pending"),
    ]
    assert detail["escalations"][1]["to"] == {"kind": "officer", "id": world.a.other_officer.pk}
    assert detail["escalations"][2]["due_at"] is not None
