"""`srohub token create|revoke|list`: a key printed once, stored as a hash, audited; clear errors."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from srohub.accounts.models import ApiToken
from srohub.audit.models import AuditAction, AuditEvent
from srohub.core.roles import Role

pytestmark = pytest.mark.django_db


def create_key(username: str, capsys, *extra) -> str:
    call_command("token", "create", username, *extra)
    return capsys.readouterr().out.strip()


def test_it_prints_a_new_key_once_and_stores_only_its_hash(world, capsys):
    partner = world.users[Role.TIP_PARTNER]

    key = create_key(partner.username, capsys, "--name", "Crime Stoppers intake")

    token = ApiToken.objects.get(user=partner)
    assert token.key_hash == ApiToken.hash_key(key) and key.startswith(token.key_prefix)
    assert token.name == "Crime Stoppers intake"
    event = AuditEvent.objects.get(action=AuditAction.TOKEN, object_type="accounts.apitoken")
    assert event.actor_label == "system" and "key_hash" not in event.after


def test_the_key_authenticates_until_it_is_revoked(world, capsys, client):
    partner = world.users[Role.TIP_PARTNER]
    key = create_key(partner.username, capsys)
    headers = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get("/api/v1/programs/", **headers).status_code == 200

    call_command("token", "revoke", key[:8])

    assert "Revoked" in capsys.readouterr().out
    assert ApiToken.objects.get(user=partner).revoked_at is not None
    assert client.get("/api/v1/programs/", **headers).status_code in (401, 403)


def test_it_lists_a_users_keys_without_the_keys(world, capsys):
    partner = world.users[Role.TIP_PARTNER]
    key = create_key(partner.username, capsys, "--name", "intake")

    call_command("token", "list", partner.username)

    listing = capsys.readouterr().out
    assert key[:8] in listing and "intake" in listing and key not in listing


def test_it_says_when_a_user_has_no_keys(world, capsys):
    call_command("token", "list", world.users[Role.EVALUATOR].username)
    assert "no API keys" in capsys.readouterr().out


@pytest.mark.parametrize("arguments", [("create", "nobody"), ("list", "nobody"), ("revoke", "zzzzzzzz")])
def test_it_exits_with_2_for_an_unknown_user_or_key(db, arguments):
    with pytest.raises(CommandError) as refused:
        call_command("token", *arguments)
    assert refused.value.returncode == 2


def test_it_refuses_a_key_for_an_inactive_user(world):
    user = world.users[Role.TIP_PARTNER]
    user.is_active = False
    user.save()
    with pytest.raises(CommandError, match="inactive"):
        call_command("token", "create", user.username)
