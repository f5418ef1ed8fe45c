"""Reads of the directory. Callers pass records already fetched through the choke point."""

import importlib
from datetime import date

from django.apps import apps
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.directory.models import Assignment, AssignmentRole, Officer, School


def assignments_on(school: School, on: date) -> dict[str, Officer | None]:
    """The primary and backup officer of ``school`` on ``on`` (None where there is none)."""
    found = {AssignmentRole.PRIMARY: None, AssignmentRole.BACKUP: None}
    for assignment in (
        Assignment.objects.active_on(on).filter(school=school).select_related("officer").order_by("start_date")
    ):
        if found[assignment.role] is None:
            found[assignment.role] = assignment.officer
    return {"primary": found[AssignmentRole.PRIMARY], "backup": found[AssignmentRole.BACKUP]}


def officer_contact(officer: Officer | None) -> dict | None:
    if officer is None:
        return None
    return {"id": officer.pk, "name": officer.name, "phone": officer.phone, "status": officer.status}


def school_sro(*, school: School, on: date) -> dict:
    """"Who is our SRO?": the answer for a school office on a date.

    ``expected_on_site`` and ``on_site_now`` come from the visit plan and check-ins; until a plan
    covers the date they are ``None`` (unknown), never a guess.
    """
    officers = assignments_on(school, on)
    presence = _presence(school, officers["primary"], on)
    return {
        "date": on.isoformat(),
        "school": {"id": school.pk, "name": school.name},
        "primary": officer_contact(officers["primary"]),
        "backup": officer_contact(officers["backup"]),
        "expected_on_site": presence["expected_on_site"],
        "on_site_now": presence["on_site_now"],
        "contact_when_absent": contact_when_absent(school, officers),
    }


def _presence(school: School, officer: Officer | None, on: date) -> dict:
    """Presence from the planning app's visit plan and check-ins; unknown (None) until it has one."""
    presence_for = _planning_presence_reader()
    if officer is None or presence_for is None:
        return {"expected_on_site": None, "on_site_now": None}
    return presence_for(school=school, officer=officer, on=on)


def _planning_presence_reader():
    """``srohub.planning.selectors.presence_for`` once the planning app provides it, else None.

    Planning is an optional capability built after the directory: until its selector exists the
    answer is "unknown", never a crash.
    """
    module_name = "srohub.planning.selectors"
    if not apps.is_installed("srohub.planning"):
        return None
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise  # the module exists but is broken: that must not pass silently
        return None
    return getattr(module, "presence_for", None)


def contact_when_absent(school: School, officers: dict) -> list[dict]:
    """Who the office calls when the SRO is not in: the backup, then the supervisors, then the duty line."""
    contacts = []
    backup = officers.get("backup")
    if backup is not None and backup.status == "active":
        contacts.append({"kind": "backup", "name": backup.name, "phone": backup.phone})
    supervisors = (
        Membership.objects.filter(program_id=school.program_id, role=Role.SRO_SUPERVISOR, is_active=True)
        .select_related("user")
        .order_by("user__last_name")
    )
    for membership in supervisors:
        user = membership.user
        contacts.append({"kind": "supervisor", "name": user.display_name, "phone": user.phone})
    if school.program.duty_phone:
        contacts.append({"kind": "duty", "name": _("SRO unit duty line"), "phone": school.program.duty_phone})
    return contacts


def with_primary_flag(schools, day: date):
    """Annotate ``has_primary``: whether a primary SRO is assigned to the school on ``day``."""
    primary = Assignment.objects.active_on(day).filter(school=OuterRef("pk"), role=AssignmentRole.PRIMARY)
    return schools.annotate(has_primary=Exists(primary))
