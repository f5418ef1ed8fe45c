from django.utils.translation import gettext_lazy as _

from srohub.core.navigation import NavItem
from srohub.drills.models import DRILL_READERS

NAV_ITEMS = [
    NavItem(_("Drills"), "drills:drill-list", DRILL_READERS),
    NavItem(_("Drill compliance"), "drills:compliance", DRILL_READERS),
]
