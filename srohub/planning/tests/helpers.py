"""Shared set-up for planning tests: a published plan with one visit, dates on school days."""

from datetime import date, timedelta

from django.utils import timezone

from srohub.planning.models import Plan, PlanStatus, Visit


def next_weekday(day: date) -> date:
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def published_plan_with_visit(pw, *, day: date | None = None, half: str = "am", officer=None, school=None):
    """A published plan of ``pw``'s program covering ``day`` (today) with one visit."""
    day = day or timezone.localdate()
    plan = Plan.objects.create(
        program=pw.program,
        start_date=day - timedelta(days=3),
        end_date=day + timedelta(days=10),
        status=PlanStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    visit = Visit.objects.create(
        program=pw.program,
        plan=plan,
        officer=officer or pw.officer,
        school=school or pw.school,
        day=day,
        half_day=half,
    )
    return plan, visit
