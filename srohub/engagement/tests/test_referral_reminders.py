"""Reminders for referrals without an update: the program's number of days, once per period,
from the task and from `srohub referrals remind`."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from srohub.core.roles import Role
from srohub.engagement import services
from srohub.engagement.models import Referral
from srohub.engagement.referral_services import referral_reminders_send
from srohub.engagement.tasks import remind_stale_referrals
from srohub.engagement.testing import WORLD_DAY

pytestmark = pytest.mark.django_db


def test_it_reminds_the_referrer_once_after_the_programs_days(world, django_capture_on_commit_callbacks):
    referral = world.a.extras["referral"]
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            referral_reminders_send(today=WORLD_DAY + timedelta(days=13), program_id=world.a.program.pk) == 0
        )
        assert (
            referral_reminders_send(today=WORLD_DAY + timedelta(days=14), program_id=world.a.program.pk) == 1
        )
        assert (
            referral_reminders_send(today=WORLD_DAY + timedelta(days=15), program_id=world.a.program.pk) == 0
        )
    assert [m.to for m in mail.outbox] == [[referral.referred_by.email]]
    assert referral.person.given_name not in mail.outbox[0].body
    assert Referral.objects.get(pk=referral.pk).last_reminded_on == WORLD_DAY + timedelta(days=14)


def test_it_follows_the_programs_setting(world):
    services.settings_update(
        actor=world.users["program_admin"], program=world.a.program, referral_reminder_days=30
    )
    assert referral_reminders_send(today=WORLD_DAY + timedelta(days=20), program_id=world.a.program.pk) == 0
    assert referral_reminders_send(today=WORLD_DAY + timedelta(days=30), program_id=world.a.program.pk) == 1


def test_it_never_reminds_about_a_closed_referral(world):
    Referral.objects.filter(pk=world.a.extras["referral"].pk).update(status="closed", outcome="completed")
    assert referral_reminders_send(today=WORLD_DAY + timedelta(days=100), program_id=world.a.program.pk) == 0


def test_it_runs_as_a_task_and_as_a_command(world, capsys):
    day = (WORLD_DAY + timedelta(days=14)).isoformat()
    assert remind_stale_referrals.enqueue(today=day, program_id=world.a.program.pk).return_value == 1
    call_command(
        "referrals", "remind", "--today", (WORLD_DAY + timedelta(days=40)).isoformat(), "--days", "20"
    )
    assert "2 referral reminder(s)" in capsys.readouterr().out  # program A's again, and program B's
    with pytest.raises(CommandError):
        call_command("referrals", "remind", "--today", "tomorrow")


def test_it_marks_in_the_list_the_referrals_that_need_an_update(world):
    referral = world.a.extras["referral"]  # last updated in 2021: long past the 14 days
    client = Client()
    client.force_login(world.users[Role.SRO])
    assert "Needs an update" in client.get("/activities/referrals/").content.decode()
    Referral.objects.filter(pk=referral.pk).update(last_update_on=timezone.localdate())
    assert "Needs an update" not in client.get("/activities/referrals/").content.decode()
