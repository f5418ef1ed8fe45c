"""Test helpers shared by every app: factories and a small two-program world with one user per role.

Persona tests take the ``world`` fixture: ``world.users[role]`` is in scope in program A,
``world.outsider`` holds every role in program B only, and ``world.b`` is program B's records.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import factory
from django.apps import apps
from rest_framework.test import APIClient

from srohub.accounts.models import Membership, User
from srohub.core.roles import Role
from srohub.directory.models import (
    Agreement,
    Assignment,
    Officer,
    Organization,
    OrganizationKind,
    Program,
    School,
    SchoolLevel,
    Space,
)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Test SRO Program {n}")
    slug = factory.Sequence(lambda n: f"test-program-{n}")
    province = "MB"
    duty_phone = "204-555-0100"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    program = factory.SubFactory(ProgramFactory)
    kind = OrganizationKind.SCHOOL_DIVISION
    name = factory.Sequence(lambda n: f"Test Division {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    program = factory.SubFactory(ProgramFactory)
    division = factory.SubFactory(OrganizationFactory, program=factory.SelfAttribute("..program"))
    name = factory.Sequence(lambda n: f"Test School {n}")
    code = factory.Sequence(lambda n: f"S{n:04d}")
    level = SchoolLevel.SENIOR_HIGH
    enrolment = 800
    latitude = 49.89
    longitude = -97.14


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    school = factory.SubFactory(SchoolFactory)
    program = factory.SelfAttribute("school.program")
    name = factory.Sequence(lambda n: f"Room {100 + n}")
    sweep_order = factory.Sequence(lambda n: n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook signature
        if create:
            obj.save()


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    program = factory.SubFactory(ProgramFactory)
    police_service = factory.SubFactory(
        OrganizationFactory, program=factory.SelfAttribute("..program"), kind=OrganizationKind.POLICE_SERVICE,
        name=factory.Sequence(lambda n: f"Test Police Service {n}"),
    )
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    badge_number = factory.Sequence(lambda n: f"B{n:05d}")
    service_start_date = date(2012, 9, 1)
    phone = "204-555-0111"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Memorandum of understanding {n}")
    effective_from = date(2019, 9, 1)

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook signature
        if create and extracted:
            obj.partners.set(extracted)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    officer = factory.SubFactory(OfficerFactory)
    school = factory.SubFactory(SchoolFactory, program=factory.SelfAttribute("..officer.program"))
    program = factory.SelfAttribute("school.program")
    role = "primary"
    start_date = date(2020, 9, 1)


@dataclass
class ProgramWorld:
    """One program's records: a division with two schools (only ``school`` is the users' scope)."""

    program: Program
    division: Organization
    police: Organization
    school: School
    other_school: School
    space: Space
    officer: Officer
    other_officer: Officer
    assignment: Assignment
    agreement: Agreement
    extras: dict = field(default_factory=dict)  # what each capability app's testing module added


@dataclass
class World:
    a: ProgramWorld
    b: ProgramWorld
    users: dict[str, User] = field(default_factory=dict)
    outsider: User | None = None

    def client(self, user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client


def build_program_world(slug: str) -> ProgramWorld:
    program = ProgramFactory(slug=slug, name=f"{slug} program")
    division = OrganizationFactory(program=program, name=f"{slug} Division")
    police = OrganizationFactory(program=program, kind=OrganizationKind.POLICE_SERVICE, name=f"{slug} Police")
    school = SchoolFactory(program=program, division=division, name=f"{slug} Collegiate")
    other_school = SchoolFactory(program=program, division=division, name=f"{slug} Elementary")
    officer = OfficerFactory(program=program, police_service=police)
    other_officer = OfficerFactory(program=program, police_service=police)
    assignment = AssignmentFactory(officer=officer, school=school, program=program)
    AssignmentFactory(officer=other_officer, school=other_school, program=program)
    space = SpaceFactory(school=school, program=program)
    agreement = AgreementFactory(program=program, partners=[police, division])
    pw = ProgramWorld(
        program=program, division=division, police=police, school=school, other_school=other_school,
        space=space, officer=officer, other_officer=other_officer, assignment=assignment, agreement=agreement,
    )
    for populate in _app_world_populators():
        pw.extras.update(populate(pw) or {})
    return pw


def _app_world_populators():
    """Each capability app's ``<app>.testing.populate_program_world(pw) -> dict``: one record of each
    of its models in the program, so route and persona tests have something to ask for."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.testing"
        # find_spec first, so an error inside an app's testing module is raised, not hidden.
        if config.name.startswith("srohub.") and config.name != "srohub.core" and find_spec(module_name):
            populate = getattr(import_module(module_name), "populate_program_world", None)
            if populate is not None:
                yield populate


def grant_role(user: User, pw: ProgramWorld, role: str) -> Membership:
    """A membership whose scope is ``pw``'s first school (or its division / unit, by role)."""
    kwargs = {"school": None, "organization": None}
    if role in {Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE}:
        kwargs["school"] = pw.school
    elif role == Role.DIVISION_LEAD:
        kwargs["organization"] = pw.division
    elif role in {Role.SRO, Role.SRO_SUPERVISOR}:
        kwargs["organization"] = pw.police
    return Membership.objects.create(program=pw.program, user=user, role=role, **kwargs)


def grant_every_role(user: User, pw: ProgramWorld) -> User:
    """Give ``user`` every role in ``pw``'s program and make them its officer: they reach it all."""
    for role in Role.values:
        grant_role(user, pw, role)
    pw.officer.user = user
    pw.officer.save()
    return user


def build_world() -> World:
    """Program A with one user per role (the SRO is A's officer), and program B with an outsider."""
    world = World(a=build_program_world("alpha"), b=build_program_world("bravo"))
    for role in Role.values:
        user = UserFactory(username=f"a_{role}")
        grant_role(user, world.a, role)
        world.users[role] = user
    sro = world.users[Role.SRO]
    world.a.officer.user = sro
    world.a.officer.save()
    world.outsider = grant_every_role(UserFactory(username="outsider"), world.b)
    return world


def record_of_program(model, program):
    """Any one record of ``model`` in ``program`` (through the model's declared program path)."""
    program_path = getattr(getattr(model, "access", None), "program_path", "program_id")
    return model.objects.filter(**{program_path: program.pk}).order_by("pk").first()


def api_rows(client: APIClient, url: str) -> list[dict]:
    """Every row of a paginated API list, following ``next`` links."""
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        rows.extend(response.data["results"])
        url = response.data["next"]
    return rows


# ---------------------------------------------------------------- the REST API, endpoint by endpoint

STAFF = frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR, Role.SRO, Role.SCHOOL_ADMIN, Role.SCHOOL_OFFICE,
                   Role.DIVISION_LEAD, Role.RECORDS_CUSTODIAN})
SUPERUSER = "superuser"  # not a role: the platform operator, the only one who may create a program
_unique_numbers = iter(range(1, 10**9))


def unique(prefix: str) -> str:
    """A value no other call returns, for fields that must be unique (names, codes, badges)."""
    return f"{prefix}{next(_unique_numbers)}"


@dataclass(frozen=True)
class Endpoint:
    """One REST collection as the persona tests see it; expectations come from PRODUCT.md's roles.

    ``readers`` are program A's roles that see ``record(world)``, ``writers`` those that may change
    it; ``create`` and ``patch`` build valid payloads; ``fresh`` builds a record nothing depends on,
    for endpoints that allow DELETE.
    """

    name: str
    model: type
    readers: frozenset[str]
    writers: frozenset[str]
    record: Callable[[World], Any]
    create: Callable[[World], dict]
    patch: Callable[[World], dict]
    fresh: Callable[[World], Any] | None = None
    creator: str = Role.PROGRAM_ADMIN

    def __str__(self) -> str:
        return self.name

    @property
    def list_url(self) -> str:
        return f"/api/v1/{self.name}/"

    def detail_url(self, pk) -> str:
        return f"/api/v1/{self.name}/{pk}/"

    def creator_user(self, world: World) -> User:
        if self.creator == SUPERUSER:
            return UserFactory(is_superuser=True, username=unique("operator"))
        return world.users[self.creator]


def _membership_of(world: World, role: str) -> Membership:
    return Membership.objects.get(user=world.users[role], program=world.a.program)


ENDPOINTS = [
    Endpoint(
        "programs", Program, STAFF | {Role.EVALUATOR, Role.TIP_PARTNER}, frozenset({Role.PROGRAM_ADMIN}),
        record=lambda w: w.a.program,
        create=lambda w: {"name": unique("Program "), "slug": unique("program-"), "province": "MB"},
        patch=lambda w: {"duty_phone": "204-555-0199"},
        creator=SUPERUSER,
    ),
    Endpoint(
        "organizations", Organization, STAFF | {Role.EVALUATOR}, frozenset({Role.PROGRAM_ADMIN}),
        record=lambda w: w.a.police,
        create=lambda w: {"program": w.a.program.pk, "kind": "community_agency", "name": unique("Agency ")},
        patch=lambda w: {"phone": "204-555-0123"},
        fresh=lambda w: OrganizationFactory(program=w.a.program, kind=OrganizationKind.COMMUNITY_AGENCY),
    ),
    Endpoint(
        "agreements", Agreement, (STAFF | {Role.EVALUATOR}) - {Role.SCHOOL_OFFICE},
        frozenset({Role.PROGRAM_ADMIN}),
        record=lambda w: w.a.agreement,
        create=lambda w: {"program": w.a.program.pk, "title": unique("MOU "), "effective_from": "2024-09-01",
                          "partners": [w.a.police.pk, w.a.division.pk]},
        patch=lambda w: {"title": unique("Amended MOU ")},
    ),
    Endpoint(
        "schools", School, STAFF | {Role.EVALUATOR}, frozenset({Role.PROGRAM_ADMIN}),
        record=lambda w: w.a.school,
        create=lambda w: {"program": w.a.program.pk, "division": w.a.division.pk, "name": unique("School "),
                          "code": unique("C"), "level": "elementary"},
        patch=lambda w: {"enrolment": 901},
    ),
    Endpoint(
        "spaces", Space, STAFF | {Role.EVALUATOR}, frozenset({Role.PROGRAM_ADMIN, Role.SCHOOL_ADMIN}),
        record=lambda w: w.a.space,
        create=lambda w: {"school": w.a.school.pk, "name": unique("Room ")},
        patch=lambda w: {"floor": "2"},
        fresh=lambda w: SpaceFactory(school=w.a.school, program=w.a.program),
    ),
    Endpoint(
        "officers", Officer, STAFF, frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR}),
        record=lambda w: w.a.officer,
        create=lambda w: {"program": w.a.program.pk, "first_name": "Sam", "last_name": unique("Officer"),
                          "badge_number": unique("B"), "police_service": w.a.police.pk,
                          "service_start_date": "2015-01-05"},
        patch=lambda w: {"rank": "Sergeant"},
    ),
    Endpoint(
        "assignments", Assignment, STAFF, frozenset({Role.PROGRAM_ADMIN, Role.SRO_SUPERVISOR}),
        record=lambda w: w.a.assignment,
        # A.officer's earlier stint at A.school: visible to every reader of the school, overlapping nothing.
        create=lambda w: {"officer": w.a.officer.pk, "school": w.a.school.pk, "role": "backup",
                          "start_date": "2012-09-01", "end_date": "2013-06-30"},
        patch=lambda w: {"note": unique("Covers sports days ")},
    ),
    Endpoint(
        "memberships", Membership, frozenset({Role.PROGRAM_ADMIN}), frozenset({Role.PROGRAM_ADMIN}),
        record=lambda w: _membership_of(w, Role.EVALUATOR),
        create=lambda w: {"program": w.a.program.pk, "user": UserFactory().username, "role": "evaluator"},
        patch=lambda w: {"role": Role.RECORDS_CUSTODIAN},
    ),
]
ENDPOINTS_BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
