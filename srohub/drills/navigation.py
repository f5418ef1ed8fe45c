from django.utils.translation import gettext_lazy as _

from srohub.core.navigation import NavItem
from srohub.core.roles import Role
from srohub.drills.models import DRILL_READERS

NAV_ITEMS = [
    NavItem(_("Drills"), "drills:drill-list", DRILL_READERS),
    NavItem(_("Drill compliance"), "drills:compliance", DRILL_READERS),
    NavItem(_("Corrective actions"), "drills:action-list", DRILL_READERS - {Role.SCHOOL_OFFICE}),
    NavItem(_("Drill rules"), "drills:rule-list", DRILL_READERS),
]
