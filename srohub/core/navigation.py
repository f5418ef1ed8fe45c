"""What each role sees in the menu.

The directory's pages come first, then each capability app's own ``<app>/navigation.py``
``NAV_ITEMS`` (docs/extension-points.md) in INSTALLED_APPS order, then the admin pages.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from srohub.core.roles import ADMIN_ROLES, DIRECTORY_READERS, Role
from srohub.core.scoping import grants_for


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


EVERYONE = frozenset(Role.values) - {Role.TIP_PARTNER}
OVERVIEW_ROLES = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.EVALUATOR, Role.DIVISION_LEAD})

DIRECTORY_ITEMS = [
    NavItem(_("Today"), "home", EVERYONE),
    # The school office has one school: "Today" already is its page.
    NavItem(_("Schools"), "directory:school-list", DIRECTORY_READERS - {Role.SCHOOL_OFFICE}),
    NavItem(_("Officers"), "directory:officer-list",
            frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.RECORDS_CUSTODIAN})),
    NavItem(_("Partners"), "directory:organization-list",
            frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR})),
    NavItem(_("Program overview"), "directory:overview", OVERVIEW_ROLES),
]
ADMIN_ITEMS = [
    NavItem(_("Import"), "directory:import", ADMIN_ROLES),
    NavItem(_("People and roles"), "directory:membership-list", ADMIN_ROLES),
    NavItem(_("Audit trail"), "audit:event-list", ADMIN_ROLES),
]


@cache
def all_items() -> tuple[NavItem, ...]:
    """The whole menu, assembled once per process."""
    return (*DIRECTORY_ITEMS, *_app_items(), *ADMIN_ITEMS)


def _app_items() -> list[NavItem]:
    items = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.navigation"
        # find_spec first, so an error inside an app's navigation module is raised, not hidden.
        if config.name.startswith("srohub.") and config.name != "srohub.core" and find_spec(module_name):
            items.extend(import_module(module_name).NAV_ITEMS)
    return items


def navigation_for(user) -> list[NavItem]:
    roles = {g.role for g in grants_for(user)}
    return [item for item in all_items() if roles & item.roles]


def current_item_url(items: list[NavItem], path: str) -> str | None:
    """The url of the menu item ``path`` is under (the longest match), for ``aria-current``."""
    # "Today" ("/") only ever redirects to a landing page, so it never matches as a prefix.
    matches = [item.url for item in items if item.url != "/" and path.startswith(item.url)]
    return max(matches, key=len, default=None)
