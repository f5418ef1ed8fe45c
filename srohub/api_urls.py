"""The /api/v1/ routes: the directory, accounts and audit viewsets, each capability app's own
viewsets and paths (docs/extension-points.md), the caller's profile, and the OpenAPI schema."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

import srohub.accounts.schema  # noqa: F401 - registers the token authentication's OpenAPI description
from srohub.accounts.api import MembershipViewSet, MeView
from srohub.audit.api import AuditEventViewSet
from srohub.core.decorators import public
from srohub.core.routers import GroupedRouter
from srohub.directory.api import (
    AgreementViewSet,
    AssignmentViewSet,
    OfficerViewSet,
    OrganizationViewSet,
    ProgramViewSet,
    SchoolViewSet,
    SpaceViewSet,
)

router = GroupedRouter()
router.register("programs", ProgramViewSet, basename="program")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("schools", SchoolViewSet, basename="school")
router.register("spaces", SpaceViewSet, basename="space")
router.register("officers", OfficerViewSet, basename="officer")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("audit-events", AuditEventViewSet, basename="auditevent")


def capability_api_modules():
    """Each srohub app's ``api`` module that plugs itself in with ``register(router)``."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.api"
        # find_spec first, so an error inside an app's api module is raised, not hidden.
        if config.name.startswith("srohub.") and find_spec(module_name):
            module = import_module(module_name)
            if hasattr(module, "register"):
                yield module


capability_apis = list(capability_api_modules())
for module in capability_apis:
    module.register(router)

# The schema describes the API's shape, never its data: partners read it before they hold a key.
schema_view = public(SpectacularAPIView.as_view(permission_classes=[AllowAny]))
docs_view = public(SpectacularSwaggerView.as_view(url_name="api-schema", permission_classes=[AllowAny]))

urlpatterns = [
    path("schema/", schema_view, name="api-schema"),
    path("docs/", docs_view, name="api-docs"),
    path("me/", MeView.as_view(), name="api-me"),
    *(pattern for module in capability_apis for pattern in getattr(module, "api_urlpatterns", [])),
    path("", include(router.urls)),
]
