from django.utils.translation import gettext_lazy as _

from srohub.core.navigation import NavItem
from srohub.core.roles import Role
from srohub.occurrences.reporting import COUNT_READERS

NAV_ITEMS = [
    NavItem(_("Occurrences"), "occurrences:occurrence-list", frozenset({Role.SRO, Role.SRO_SUPERVISOR})),
    NavItem(
        _("Youth records past their period"),
        "occurrences:occurrence-list",
        frozenset({Role.RECORDS_CUSTODIAN}),
    ),
    NavItem(_("Report a crime"), "occurrences:report", frozenset({Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE})),
    NavItem(_("Shared by police"), "occurrences:disclosure-list", frozenset({Role.SCHOOL_ADMIN})),
    NavItem(_("Occurrence counts"), "occurrences:counts", COUNT_READERS),
]
