"""Shared set-up for tip tests: a Crime Stoppers partner of program A with its own API client."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from rest_framework.test import APIClient

from srohub.accounts.models import Membership
from srohub.core.roles import Role
from srohub.core.testing import OrganizationFactory, UserFactory
from srohub.directory.models import OrganizationKind


@dataclass
class Partner:
    organization: object
    user: object
    client: APIClient


def make_partner(program_world, name: str = "Crime Stoppers") -> Partner:
    """A tip line organization of the program and a user (API client) submitting for it."""
    organization = OrganizationFactory(
        program=program_world.program, kind=OrganizationKind.TIP_LINE, name=name
    )
    user = UserFactory()
    Membership.objects.create(
        program=program_world.program, user=user, role=Role.TIP_PARTNER, organization=organization
    )
    client = APIClient()
    client.force_authenticate(user)
    return Partner(organization, user, client)


def tip_payload(**overrides) -> dict:
    payload = {
        "category": "weapon",
        "life_safety": False,
        "received_at": (timezone.now() - timedelta(minutes=3)).isoformat(),
        "narrative": "A student showed a knife in the east stairwell after lunch.",
        "reference": "CS-2026-0001",
    }
    payload.update(overrides)
    return payload
