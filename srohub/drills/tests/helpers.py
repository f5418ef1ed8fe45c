"""Shared set-up for drill tests: a started drill at program A's school with three rooms."""

from datetime import timedelta

from django.utils import timezone

from srohub.core.roles import Role
from srohub.core.testing import SpaceFactory
from srohub.drills import services


def started_drill(world, *, announced=True, rooms=3, minutes_ago=10):
    """A lockdown drill at A's school, started ``minutes_ago``, and the school's rooms in walking order."""
    school = world.a.school
    spaces = [
        world.a.space,
        *[SpaceFactory(school=school, program=world.a.program) for _ in range(rooms - 1)],
    ]
    admin = world.users[Role.SCHOOL_ADMIN]
    start = timezone.now() - timedelta(minutes=minutes_ago)
    drill = services.drill_schedule(
        actor=admin, school=school, drill_type="lockdown", scheduled_for=start, announced=announced
    )
    drill = services.drill_start(actor=admin, drill=drill, started_at=start)
    return drill, spaces


def room_payload(space, *, key, result="secure", deficiencies=(), note="", minutes_ago=5):
    return {
        "space": space.pk,
        "result": result,
        "deficiencies": list(deficiencies),
        "note": note,
        "checked_at": (timezone.now() - timedelta(minutes=minutes_ago)).isoformat(),
        "idempotency_key": key,
    }
