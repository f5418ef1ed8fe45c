"""Demo logins (password ``demo``): one user per role in the first seeded program.

They exist only when ``srohub seed --demo-logins`` asks for them (``make demo``), never in any other
path: a production setup has no account with a known password. They are created through the
accounts services, so each user, membership and officer link is in the audit trail like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from srohub.accounts.models import User
from srohub.accounts.services import membership_create, user_create
from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.directory.models import (
    Assignment,
    AssignmentRole,
    Officer,
    OfficerStatus,
    Organization,
    OrganizationKind,
    Program,
    School,
    SchoolLevel,
)
from srohub.directory.services import officer_update

DEMO_PASSWORD = "demo"
HIGH_SCHOOL_LEVELS = (SchoolLevel.SENIOR_HIGH, SchoolLevel.JUNIOR_HIGH, SchoolLevel.K12)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    first_name: str
    last_name: str
    phone: str = ""


# In the order they are listed to the person running the demo. sro1 and sro2 take their officer's name.
DEMO_LOGINS = (
    DemoLogin("admin", Role.PROGRAM_ADMIN, "Avery", "Castellane"),
    DemoLogin("supervisor", Role.SRO_SUPERVISOR, "Jordan", "Pellham", phone="204-555-0150"),
    DemoLogin("sro1", Role.SRO, "", ""),
    DemoLogin("sro2", Role.SRO, "", ""),
    DemoLogin("principal1", Role.SCHOOL_ADMIN, "Robin", "Ashgrove"),
    DemoLogin("office1", Role.SCHOOL_OFFICE, "Casey", "Brightmore"),
    DemoLogin("divisionlead", Role.DIVISION_LEAD, "Harper", "Linwood"),
    DemoLogin("evaluator", Role.EVALUATOR, "Quinn", "Ellesmere"),
    DemoLogin("custodian", Role.RECORDS_CUSTODIAN, "Sidney", "Marchbank"),
    DemoLogin("crimestoppers", Role.TIP_PARTNER, "Crime Stoppers", "(API client)"),
)


@dataclass(frozen=True)
class CreatedLogin:
    username: str
    role_label: str
    where: str


def create_demo_logins(program: Program) -> list[CreatedLogin]:
    """Create the demo users missing from the database (an existing username is left alone)."""
    existing = set(
        User.objects.filter(username__in=[login.username for login in DEMO_LOGINS]).values_list(
            "username", flat=True
        )
    )
    missing = [login for login in DEMO_LOGINS if login.username not in existing]
    if not missing:
        return []
    scope = DemoScope.of(program)
    return [
        CreatedLogin(login.username, Role(login.role).label, _create_login(program, login, scope))
        for login in missing
    ]


@dataclass
class DemoScope:
    """Where the demo users land: two busy officers and one of sro1's high schools."""

    police: Organization
    tip_line: Organization | None
    officers: dict[str, Officer]
    school: School

    @classmethod
    def of(cls, program: Program) -> DemoScope:
        sro1, sro2 = busiest_officers(program)[:2]
        return cls(
            police=sro1.police_service,
            tip_line=Organization.objects.filter(program=program, kind=OrganizationKind.TIP_LINE).first(),
            officers={"sro1": sro1, "sro2": sro2},
            school=high_school_of(sro1),
        )


def busiest_officers(program: Program) -> list[Officer]:
    """Active officers, the one primary for the most high schools today first (sro1 shows a full day)."""
    today = timezone.localdate()
    current = Q(assignments__start_date__lte=today) & (
        Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=today)
    )
    primary_high = current & Q(
        assignments__role=AssignmentRole.PRIMARY, assignments__school__level__in=HIGH_SCHOOL_LEVELS
    )
    officers = (
        Officer.objects.filter(program=program, status=OfficerStatus.ACTIVE, user__isnull=True)
        .select_related("police_service")
        .annotate(
            high_schools=Count("assignments", filter=primary_high),
            schools=Count("assignments", filter=current),
        )
        .order_by("-high_schools", "-schools", "badge_number")
    )
    return list(officers[:2])


def high_school_of(officer: Officer) -> School:
    """The officer's primary high school today (a senior high when there is one)."""
    today = timezone.localdate()
    primaries = Assignment.objects.active_on(today).filter(officer=officer, role=AssignmentRole.PRIMARY)
    schools = School.objects.filter(pk__in=primaries.values("school_id"), level__in=HIGH_SCHOOL_LEVELS)
    return min(schools, key=lambda s: (HIGH_SCHOOL_LEVELS.index(s.level), s.name))


def _create_login(program: Program, login: DemoLogin, scope: DemoScope) -> str:
    """Create the user and their membership; returns a few words on where it lands."""
    officer = scope.officers.get(login.username)
    first_name, last_name = (
        (officer.first_name, officer.last_name) if officer else (login.first_name, login.last_name)
    )
    user = user_create(
        actor=SYSTEM,
        username=login.username,
        password=DEMO_PASSWORD,
        first_name=first_name,
        last_name=last_name,
        phone=login.phone,
        email=f"{login.username}@demo.example",
    )
    school, organization, where = _scope_of(login.role, scope, officer)
    membership_create(
        actor=SYSTEM, program=program, user=user, role=login.role, school=school, organization=organization
    )
    if officer is not None:
        officer_update(actor=SYSTEM, officer=officer, changes={"user": user})
    return where


def _scope_of(role: str, scope: DemoScope, officer: Officer | None):
    """(school, organization, description) of the membership a role gets."""
    if role in (Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE):
        return scope.school, None, scope.school.name
    if role == Role.DIVISION_LEAD:
        return None, scope.school.division, scope.school.division.name
    if role == Role.SRO:
        today = timezone.localdate()
        count = Assignment.objects.active_on(today).filter(officer=officer).count()
        return None, scope.police, f"{officer.name}, {count} schools today"
    if role == Role.SRO_SUPERVISOR:
        return None, scope.police, scope.police.name
    if role == Role.TIP_PARTNER:
        return None, scope.tip_line, "API only: srohub token create crimestoppers"
    return None, None, "the whole program"
