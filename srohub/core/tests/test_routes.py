"""Every route of the site, web page or API, checked without anyone writing a test for it.

The routes are enumerated from the URL resolver when the tests are collected, so an endpoint added
tomorrow is covered tomorrow:

- an anonymous visitor is refused (API: 401/403 for every method; web: sent to the login page),
  unless the view is public (``core.decorators.public`` or ``core.routes.FRAMEWORK_PUBLIC_VIEWS``);
- a user holding every role in program B asking for program A's record gets 404 for every method
  (or the 405 that the method gets for any id at all), while a user holding every role in program A
  does not get 404 (so the 404 means "out of scope", not "wrong URL");
- a malformed or unknown id is a 404, never a 500.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from rest_framework.permissions import AllowAny

from srohub.accounts.models import User
from srohub.audit.models import AuditAction
from srohub.audit.services import SYSTEM, audit_record
from srohub.core.routes import iter_routes
from srohub.core.testing import UserFactory, World, build_world, grant_every_role, record_of_program

pytestmark = pytest.mark.django_db

ROUTES = list(iter_routes())
PRIVATE_ROUTES = [route for route in ROUTES if not route.is_public]
PUBLIC_ROUTES = [route for route in ROUTES if route.is_public]
RECORD_ROUTES = [route for route in PRIVATE_ROUTES if route.record_kwargs]
UNSAFE_METHODS = ("post", "put", "patch", "delete")
MALFORMED_IDS = ("99999999999999999999", "0", "not-an-id")


def test_it_found_the_routes_it_is_meant_to_check():
    readable = {str(route) for route in ROUTES}
    assert {"login/", "healthz", "api/v1/me/", "schools/<int:pk>/"} <= readable
    assert RECORD_ROUTES, "no route with a record id was found: the walk over the URL resolver is broken"


@dataclass
class RoutedWorld:
    world: World
    insider: User  # program A's mirror of the outsider: every role in program A


@pytest.fixture(scope="module")
def routed(django_db_setup, django_db_blocker) -> RoutedWorld:
    """One world for the whole module, with an audit event per program so audit routes have a
    record to ask for. Building it for each of several hundred route tests would take minutes;
    each test still runs in its own transaction, rolled back after it, nested in this one."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        for program_world in (world.a, world.b):
            audit_record(actor=SYSTEM, action=AuditAction.CREATE, instance=program_world.school)
        yield RoutedWorld(world, grant_every_role(UserFactory(username="insider"), world.a))
        transaction.set_rollback(True)


def signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def request(client: Client, method: str, url: str):
    return getattr(client, method)(url, content_type="application/json")


def url_of(route, record_values: dict[str, str]) -> str:
    """The route's URL with its record arguments from ``record_values``, checked to reach this route."""
    values = {name: record_values.get(name, "1") for name in route.kwarg_names}
    if "format" in values:
        values["format"] = "json"
    url = route.url(**values)
    assert resolve(url).func is route.callback, f"{url} does not reach {route}: another route shadows it"
    return url


def record_values(route, program) -> dict[str, str]:
    """The URL arguments naming ``program``'s record for ``route``; fails when the route does not
    say which model it fetches, or when the world has no such record."""
    model = route.scoped_model
    if model is None:
        pytest.fail(
            f"Route {route} ({route.callback.__module__}.{route.callback.__name__}) takes "
            f"{route.record_kwargs} but does not declare which model they fetch, so no test can check "
            f"that it hides other programs' records. Declare it: @scoped_to(Model) on a function view "
            f"(srohub.core.decorators), `model = Model` on a class-based view or viewset, or "
            f"@plain_url_kwargs(...) (srohub.core.routes) for arguments that name no record."
        )
    record = record_of_program(model, program)
    if record is None:
        pytest.fail(
            f"Route {route} fetches {model.__name__}, but the test world has none in program "
            f"{program}: create one in srohub.core.testing.build_program_world."
        )
    return {name: _kwarg_value(route, name, model, record) for name in route.record_kwargs}


def _kwarg_value(route, name: str, model, record) -> str:
    if name in {"pk", "id", f"{model._meta.model_name}_pk"}:
        return str(record.pk)
    field_name = name.removesuffix("_pk")
    if hasattr(record, f"{field_name}_id"):  # schools/<school_pk>/spaces/<pk>/: the space's school
        return str(getattr(record, f"{field_name}_id"))
    if hasattr(record, name):  # a slug or another natural key
        return str(getattr(record, name))
    pytest.fail(
        f"Route {route}: cannot tell which value of {model.__name__} the URL argument {name!r} takes."
    )


def probe_methods(route) -> tuple[str, ...]:
    """The methods to try on a route: every method of an API route; GET and POST for a web page."""
    if route.is_api:
        return tuple(sorted(route.api_methods))
    return ("get", "post")


# ---------------------------------------------------------------- anonymous visitors


@pytest.mark.parametrize("route", PRIVATE_ROUTES, ids=str)
def test_it_refuses_anonymous_visitors(route, routed):
    values = {}
    if route.record_kwargs and route.scoped_model is not None:
        record = record_of_program(route.scoped_model, routed.world.a.program)
        values = {name: str(record.pk) for name in route.record_kwargs} if record else {}
    url = url_of(route, values)
    for method in probe_methods(route):
        response = request(Client(), method, url)
        if route.is_api:
            assert response.status_code in (401, 403), (method, url, response.status_code)
        elif response.status_code != 405:
            assert response.status_code == 302, (method, url, response.status_code)
            assert response["Location"] == redirect_to_login(url)["Location"], (method, url)


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=str)
def test_it_answers_public_routes_without_an_error(route, db):
    response = Client().get(url_of(route, {}))
    assert response.status_code < 500
    if route.is_api:
        assert list(route.permission_classes) == [AllowAny], "a public API view says so with AllowAny"


# ---------------------------------------------------------------- another program's records


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_it_answers_another_programs_record_with_404(route, routed):
    url = url_of(route, record_values(route, routed.world.a.program))
    outsider = signed_in(routed.world.outsider)
    for method in probe_methods(route):
        response = request(outsider, method, url)
        assert answers_as_if_missing(outsider, method, route, response), (
            f"{method.upper()} {url} by an outsider: {response.status_code}"
        )
    own = signed_in(routed.insider).get(url)
    assert own.status_code != 404 and own.status_code < 500, (
        f"GET {url} by a user with every role in the record's program got {own.status_code}: "
        "the URL does not reach the record, so the 404 above proves nothing"
    )


@pytest.mark.parametrize("route", RECORD_ROUTES, ids=str)
def test_it_answers_unknown_or_malformed_ids_with_404(route, routed):
    client = signed_in(routed.insider)
    for bad_id in MALFORMED_IDS:
        url = route.url(**{name: ("json" if name == "format" else bad_id) for name in route.kwarg_names})
        if resolve_or_none(url) is not route.callback:
            continue  # the URL pattern itself refuses this id (e.g. <int:pk> and "not-an-id")
        for method in probe_methods(route):
            response = request(client, method, url)
            # 405: the view refuses this method whatever the id, which says nothing about any record.
            assert response.status_code in (404, 405), f"{method.upper()} {url}: {response.status_code}"


def answers_as_if_missing(client, method: str, route, response) -> bool:
    """404, or a 405 that the same method also gets for an id that exists nowhere (a method the
    view refuses for every record says nothing about this one)."""
    if response.status_code != 405:
        return response.status_code == 404
    nowhere = url_of(route, dict.fromkeys(route.record_kwargs, "987654321"))
    return request(client, method, nowhere).status_code == 405


def resolve_or_none(url: str):
    try:
        return resolve(url).func
    except Resolver404:
        return None
