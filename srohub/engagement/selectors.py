"""Reads of the engagement log beyond a plain ``visible_to``: who is logging, where they are today,
and what other apps know (the planner's school of the day, the occurrences' enforcement counts)."""

from __future__ import annotations

from datetime import date

from django.apps import apps

from srohub.directory.models import Assignment, Officer, School


def officer_of(user, program_id: int) -> Officer | None:
    """The officer record of ``user`` in a program (None for anyone who is not an officer there)."""
    if getattr(user, "pk", None) is None:
        return None
    return Officer.objects.filter(program_id=program_id, user=user).first()


def officers_of(user) -> list[Officer]:
    """Every officer record of ``user`` (one per program they serve as an SRO in)."""
    if getattr(user, "pk", None) is None:
        return []
    return list(Officer.objects.filter(user=user).select_related("program").order_by("program_id"))


def assigned_schools(officer: Officer, on: date):
    """The schools ``officer`` is assigned to on ``on``, by name."""
    assignments = Assignment.objects.active_on(on).filter(officer=officer).values("school_id")
    return School.objects.filter(pk__in=assignments).order_by("name")


def last_activity_of(officer: Officer):
    from srohub.engagement.models import Activity

    return (
        Activity.objects.filter(officer=officer)
        .select_related("school", "topic", "material_version")
        .order_by("-occurred_on", "-pk")
        .first()
    )


def today_school_for(officer: Officer, on: date) -> School | None:
    """The school quick entry preselects: where the planner says the officer is (checked in, or
    the visit of the day), if it is one of their assignments; else their only or first school."""
    planned = _planned_school(officer, on)
    schools = assigned_schools(officer, on)
    if planned is not None and schools.filter(pk=planned.pk).exists():
        return planned
    return schools.first()


def _planned_school(officer: Officer, on: date) -> School | None:
    # The planning app is written alongside this one: without it (or its selector) fall back.
    if not apps.is_installed("srohub.planning"):
        return None
    try:
        from srohub.planning.selectors import current_school_for
    except ImportError:
        return None
    return current_school_for(officer=officer, on=on)


def enforcement_by_school(
    *, program_id: int, start: date, end: date, school_ids=None
) -> dict[int, int] | None:
    """Enforcement counts per school for a period (``school_ids`` None: the whole program), or None
    when not yet available.

    Issue 4: the denominator is "not yet available" (None, never zero) only while the occurrence
    capability is absent, i.e. the occurrences app or its ``enforcement_counts`` does not exist.
    Once it exists its answer is the truth: a school absent from it had no enforcement (0).
    """
    count = _occurrence_selector("enforcement_counts")
    if count is None:
        return None
    return dict(count(program_id=program_id, school_ids=school_ids, start=start, end=end))


def enforcement_by_officer(
    *, program_id: int, start: date, end: date, school_ids=None
) -> dict[int, int] | None:
    """Enforcement counts per officer for a period, at ``school_ids`` (None: every school), or None
    when not yet available (as :func:`enforcement_by_school`; an officer absent had none)."""
    count = _occurrence_selector("enforcement_counts_by_officer")
    if count is None:
        return None
    return dict(count(program_id=program_id, school_ids=school_ids, start=start, end=end))


def _occurrence_selector(name: str):
    """A selector of the occurrences app, or None while that capability is absent."""
    if not apps.is_installed("srohub.occurrences"):
        return None
    try:
        from srohub.occurrences import selectors
    except ImportError:
        return None
    return getattr(selectors, name, None)
