from django.utils.translation import gettext_lazy as _

from srohub.core.navigation import NavItem
from srohub.core.roles import Role

PLANNER_ROLES = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR})

NAV_ITEMS = [
    NavItem(_("My plan"), "planning:my-plan", frozenset({Role.SRO})),
    NavItem(_("Visit plans"), "planning:plan-list", PLANNER_ROLES),
    NavItem(_("Territories"), "planning:territory-list", PLANNER_ROLES),
    NavItem(_("School calendars"), "planning:calendar", PLANNER_ROLES | {Role.DIVISION_LEAD}),
    NavItem(_("SRO visits"), "planning:my-school", frozenset({Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE})),
]
