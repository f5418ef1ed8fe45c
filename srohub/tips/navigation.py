from django.utils.translation import gettext_lazy as _

from srohub.core.navigation import NavItem
from srohub.tips.models import MEASURE_READERS, TIP_STAFF

NAV_ITEMS = [
    NavItem(_("Tips"), "tips:tip-list", TIP_STAFF),
    NavItem(_("Tip measures"), "tips:measures", MEASURE_READERS),
]
