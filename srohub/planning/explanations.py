"""The planner's findings in words a supervisor understands (translated when shown)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HALF = {"am": gettext_lazy("morning"), "pm": gettext_lazy("afternoon")}
MESSAGES = {
    "school_minimum_exceeds_open_slots": gettext_lazy(
        "%(school)s needs %(needed)s visits but only %(open)s half-days are open after blackout dates, "
        "holidays and officer leave."
    ),
    "officer_overcommitted": gettext_lazy(
        "%(officer)s is the only officer for %(schools)s schools that need %(needed)s half-day visits, "
        "but works only %(open)s half-days in the period. Add a backup or lower the minimums."
    ),
    "pin_on_closed_day": gettext_lazy(
        "%(school)s has a fixed commitment on %(day)s (%(half)s) but the school is closed that day."
    ),
    "pin_on_leave": gettext_lazy(
        "%(officer)s has a fixed commitment at %(school)s on %(day)s (%(half)s) but is on leave that day."
    ),
    "pins_clash_officer": gettext_lazy("%(officer)s has two fixed commitments on %(day)s (%(half)s)."),
    "pins_clash_school": gettext_lazy("%(school)s has two fixed commitments on %(day)s (%(half)s)."),
    "blocked_by_minimums": gettext_lazy(
        "The schools' minimum visits cannot all be met with the officers available "
        "(%(count)s schools fall short, e.g. %(schools)s). Lower a minimum or add a backup officer."
    ),
    "blocked_by_travel": gettext_lazy(
        "The travel limit between two schools on one day makes the minimums impossible. Raise the limit."
    ),
    "blocked_by_pins": gettext_lazy(
        "The fixed commitments leave too little time for the other schools' minimum visits."
    ),
    "blocked_by_calendar": gettext_lazy(
        "Blackout dates and holidays leave too few school days for the minimum visits "
        "(%(count)s schools fall short, e.g. %(schools)s)."
    ),
    "blocked_by_combination": gettext_lazy(
        "The minimums, fixed commitments, travel limit and calendar cannot all hold together."
    ),
    "no_solution_in_time": gettext_lazy(
        "No plan was found within %(seconds)s seconds. Allow more time and run again."
    ),
    "no_french_speaking_officer": gettext_lazy(
        "No French-speaking officer can cover the French-language schools: %(schools)s."
    ),
}


def finding_to_data(finding) -> dict:
    """A finding as JSON (dates and names as text) for storing on a plan."""
    return {"code": finding.code, "params": {k: str(v) for k, v in finding.params.items()}}


def describe(data: dict) -> str:
    """The sentence for a stored finding, in the current language."""
    template = MESSAGES.get(data.get("code"))
    if template is None:
        return _("The plan cannot be made (%(code)s).") % {"code": data.get("code")}
    params = dict(data.get("params", {}))
    if "half" in params:
        params["half"] = HALF.get(params["half"], params["half"])
    try:
        return str(template) % params
    except (KeyError, ValueError, TypeError):
        return str(template)
