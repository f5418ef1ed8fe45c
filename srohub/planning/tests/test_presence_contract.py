"""The cross-app contract: presence_for, officer_available_on, current_school_for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from srohub.audit.services import SYSTEM
from srohub.directory.selectors import school_sro
from srohub.planning import presence_services, services
from srohub.planning.models import OfficerLeave, VisitStatus
from srohub.planning.selectors import current_school_for, officer_available_on, presence_for
from srohub.planning.tests.helpers import published_plan_with_visit

pytestmark = pytest.mark.django_db


def test_it_answers_unknown_while_no_plan_covers_the_date(world):
    today = timezone.localdate()
    assert presence_for(school=world.a.school, officer=world.a.officer, on=today) == {
        "expected_on_site": None,
        "on_site_now": None,
    }
    assert officer_available_on(officer=world.a.officer, on=today) is None
    assert current_school_for(officer=world.a.officer, on=today) is None


def test_it_expects_the_officer_on_a_planned_day_and_not_on_others(world):
    today = timezone.localdate()
    published_plan_with_visit(world.a, day=today)
    assert presence_for(school=world.a.school, officer=world.a.officer, on=today)["expected_on_site"] is True
    tomorrow = today + timedelta(days=1)
    assert (
        presence_for(school=world.a.school, officer=world.a.officer, on=tomorrow)["expected_on_site"] is False
    )
    assert presence_for(school=world.a.school, officer=world.a.officer, on=today)["on_site_now"] is False


def test_it_counts_a_missed_visit_as_not_expected(world):
    today = timezone.localdate()
    _, visit = published_plan_with_visit(world.a, day=today)
    visit.status = VisitStatus.MISSED
    visit.save()
    assert presence_for(school=world.a.school, officer=world.a.officer, on=today)["expected_on_site"] is False


def test_it_shows_on_site_now_after_check_in_and_not_after_check_out(world):
    today = timezone.localdate()
    published_plan_with_visit(world.a, day=today)
    entry = presence_services.check_in(
        actor=world.users["sro"], officer=world.a.officer, school=world.a.school
    )
    assert presence_for(school=world.a.school, officer=world.a.officer, on=today)["on_site_now"] is True
    assert current_school_for(officer=world.a.officer, on=today) == world.a.school
    presence_services.check_out(actor=world.users["sro"], check_in=entry)
    assert presence_for(school=world.a.school, officer=world.a.officer, on=today)["on_site_now"] is False


def test_it_reports_leave_as_unavailable_and_a_planned_day_as_available(world):
    today = timezone.localdate()
    published_plan_with_visit(world.a, day=today)
    assert officer_available_on(officer=world.a.officer, on=today) is True
    OfficerLeave.objects.create(
        program=world.a.program, officer=world.a.officer, start_date=today, end_date=today
    )
    assert officer_available_on(officer=world.a.officer, on=today) is False


def test_it_finds_the_planned_school_for_a_day(world):
    day = timezone.localdate() + timedelta(days=2)
    published_plan_with_visit(world.a, day=day, half="am")
    assert current_school_for(officer=world.a.officer, on=day) == world.a.school
    assert current_school_for(officer=world.a.other_officer, on=day) is None


def test_it_makes_a_pin_count_as_presence_without_a_plan(world):
    day = timezone.localdate() + timedelta(days=1)
    while day.weekday() > 4:
        day += timedelta(days=1)
    services.visit_pin(
        actor=SYSTEM,
        officer=world.a.officer,
        school=world.a.school,
        day=day,
        half_day="pm",
        reason="Lockdown drill",
    )
    assert presence_for(school=world.a.school, officer=world.a.officer, on=day)["expected_on_site"] is True


def test_it_feeds_the_directorys_who_is_our_sro_answer(world):
    today = timezone.localdate()
    published_plan_with_visit(world.a, day=today)
    answer = school_sro(school=world.a.school, on=today)
    assert answer["expected_on_site"] is True
    assert answer["primary"]["id"] == world.a.officer.pk
