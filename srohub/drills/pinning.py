"""Pinning a drill in the SRO's visit plan, through the planning app when it is there.

The planning app is another capability built alongside this one: when it is missing (or its
``visit_pin`` is not there yet) the drill is still scheduled and says it was not pinned.
"""

import importlib
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

PLANNING_SERVICES = "srohub.planning.services"


@dataclass(frozen=True)
class PinOutcome:
    pinned: bool
    note: str


def visit_pinner():
    """``srohub.planning.services.visit_pin`` when the planning app provides it, else None."""
    if not apps.is_installed("srohub.planning"):
        return None
    try:
        module = importlib.import_module(PLANNING_SERVICES)
    except ImportError as exc:
        if getattr(exc, "name", None) not in (PLANNING_SERVICES, "srohub.planning"):
            raise  # the module exists but is broken: that must not pass silently
        return None
    return getattr(module, "visit_pin", None)


def pin_drill_visit(*, actor, officer, school, scheduled_for: datetime, unannounced: bool) -> PinOutcome:
    """Pin the officer's visit for the drill's half-day. A refusal (another commitment then, a
    weekend) leaves the drill scheduled and says why. An unannounced drill is pinned as a plain
    school visit, so the plan the school office reads does not give it away."""
    if officer is None:
        return PinOutcome(False, _("No SRO invited: nothing to pin."))
    visit_pin = visit_pinner()
    if visit_pin is None:
        return PinOutcome(False, _("The visit plan is not available: the visit was not pinned."))
    local = timezone.localtime(scheduled_for)
    reason = _("School visit") if unannounced else _("Drill")
    try:
        with transaction.atomic():  # a savepoint: a refused pin must not undo the drill
            visit_pin(
                actor=actor,
                officer=officer,
                school=school,
                day=local.date(),
                half_day="am" if local.hour < 12 else "pm",
                reason=reason,
            )
    except (ValidationError, PermissionDenied) as exc:
        message = " ".join(getattr(exc, "messages", None) or [str(exc)])
        return PinOutcome(False, (_("Not pinned: %(why)s") % {"why": message})[:300])
    return PinOutcome(
        True,
        _("Pinned in %(officer)s's plan for %(day)s.")
        % {"officer": officer, "day": local.strftime("%Y-%m-%d %p")},
    )
