"""Who may call the API: API keys (``Authorization: Token <key>``) for integrations, the session
for the browser (with CSRF on writes), nobody else — and ``/api/v1/me/`` says what a caller reaches."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient, APIRequestFactory

from srohub.accounts.authentication import ApiTokenAuthentication, token_cache
from srohub.accounts.models import ApiToken
from srohub.accounts.services import membership_create, token_create, token_revoke
from srohub.audit.models import AuditAction, AuditEvent
from srohub.audit.services import SYSTEM
from srohub.core.roles import Role
from srohub.core.scoping import roles_of
from srohub.core.testing import ENDPOINTS_BY_NAME

pytestmark = pytest.mark.django_db

SPACES = ENDPOINTS_BY_NAME["spaces"]


def with_header(value: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=value)
    return client


@pytest.fixture
def admin_key(world):
    _token, key = token_create(actor=SYSTEM, user=world.users[Role.PROGRAM_ADMIN], name="integration")
    return key


def test_it_accepts_a_valid_key_and_scopes_it_like_its_user(world, admin_key):
    response = with_header(f"Token {admin_key}").get("/api/v1/schools/")
    assert response.status_code == 200
    assert {row["id"] for row in response.data["results"]} == {world.a.school.pk, world.a.other_school.pk}


def test_it_lets_a_key_write_without_a_csrf_token(world, admin_key):
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {admin_key}")
    assert client.post(SPACES.list_url, SPACES.create(world), format="json").status_code == 201


@pytest.mark.parametrize(
    "header",
    ["Token not-a-key-anyone-holds", "Token", "Token two words", "token   ", "Token \u00e9t\u00e9"],
    ids=["unknown", "no-key", "two-keys", "blank", "not-ascii"],
)
def test_it_refuses_a_malformed_or_unknown_key_with_401(world, header):
    response = with_header(header).get("/api/v1/schools/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_it_refuses_a_revoked_key(world, admin_key):
    token_revoke(actor=SYSTEM, token=ApiToken.objects.get(key_hash=ApiToken.hash_key(admin_key)))
    assert with_header(f"Token {admin_key}").get("/api/v1/schools/").status_code == 401


def test_it_refuses_the_key_of_a_deactivated_user(world, admin_key):
    user = world.users[Role.PROGRAM_ADMIN]
    user.is_active = False
    user.save()
    assert with_header(f"Token {admin_key}").get("/api/v1/schools/").status_code == 401


def test_it_refuses_anonymous_callers_with_401_and_says_how_to_authenticate(world):
    response = APIClient().get("/api/v1/schools/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_it_stores_only_a_hash_and_audits_the_issue(world):
    start = AuditEvent.objects.count()
    token, key = token_create(actor=SYSTEM, user=world.users[Role.SRO], name="phone")
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    event = AuditEvent.objects.get(pk__gt=0, object_type="accounts.apitoken", object_id=str(token.pk))
    assert AuditEvent.objects.count() == start + 1 and event.action == AuditAction.TOKEN
    assert "key_hash" not in event.after


def test_it_notes_when_a_key_was_last_used_without_writing_on_every_request(world, admin_key):
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(admin_key))
    client = with_header(f"Token {admin_key}")
    client.get("/api/v1/me/")
    token.refresh_from_db()
    first_use = token.last_used_at
    client.get("/api/v1/me/")
    token.refresh_from_db()
    assert first_use is not None and token.last_used_at == first_use
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(hours=1))
    token_cache.clear()  # as in a server process that has not seen the key yet
    client.get("/api/v1/me/")
    token.refresh_from_db()
    assert token.last_used_at > first_use


# ---------------------------------------------------------------- keys verified from memory


def test_it_verifies_a_key_once_and_then_answers_from_memory(world, admin_key, django_assert_num_queries):
    client = with_header(f"Token {admin_key}")
    assert client.get("/api/v1/me/").status_code == 200
    with django_assert_num_queries(0):
        # The key and the user's grants come from memory; /me/ itself reads nothing more.
        request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {admin_key}")
        user, _token = ApiTokenAuthentication().authenticate(request)
        assert roles_of(user) == {Role.PROGRAM_ADMIN}


def test_each_request_gets_its_own_copy_of_the_user(world, admin_key):
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {admin_key}")
    first, _ = ApiTokenAuthentication().authenticate(request)
    first.first_name = "changed by one request"
    second, _ = ApiTokenAuthentication().authenticate(request)
    assert second.first_name != "changed by one request" and second.pk == first.pk


def test_a_revoked_key_is_refused_at_once(world, admin_key):
    client = with_header(f"Token {admin_key}")
    assert client.get("/api/v1/schools/").status_code == 200
    token_revoke(actor=SYSTEM, token=ApiToken.objects.get(key_hash=ApiToken.hash_key(admin_key)))
    assert client.get("/api/v1/schools/").status_code == 401


def test_a_changed_membership_takes_effect_at_once(world):
    user = world.users[Role.SRO_SUPERVISOR]
    _token, key = token_create(actor=SYSTEM, user=user, name="integration")
    client = with_header(f"Token {key}")
    assert client.get(f"/api/v1/programs/{world.b.program.pk}/").status_code == 404
    membership_create(actor=SYSTEM, program=world.b.program, user=user, role=Role.EVALUATOR)
    assert client.get(f"/api/v1/programs/{world.b.program.pk}/").status_code == 200


def test_a_key_revoked_by_another_process_is_refused_once_memory_expires(world, admin_key, settings, monkeypatch):
    settings.SROHUB_API_TOKEN_CACHE_SECONDS = 10
    client = with_header(f"Token {admin_key}")
    assert client.get("/api/v1/schools/").status_code == 200
    ApiToken.objects.filter(key_hash=ApiToken.hash_key(admin_key)).update(revoked_at=timezone.now())
    assert client.get("/api/v1/schools/").status_code == 200  # still trusted from memory here
    later = time.monotonic() + 11
    monkeypatch.setattr("srohub.accounts.authentication.time.monotonic", lambda: later)
    assert client.get("/api/v1/schools/").status_code == 401


def test_no_memory_when_the_setting_is_zero(world, admin_key, settings):
    settings.SROHUB_API_TOKEN_CACHE_SECONDS = 0
    client = with_header(f"Token {admin_key}")
    assert client.get("/api/v1/schools/").status_code == 200
    ApiToken.objects.filter(key_hash=ApiToken.hash_key(admin_key)).update(revoked_at=timezone.now())
    assert client.get("/api/v1/schools/").status_code == 401


# ---------------------------------------------------------------- the browser's session


@pytest.fixture
def browser(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users[Role.PROGRAM_ADMIN])
    return client


def test_it_accepts_the_session_of_a_signed_in_browser(browser):
    assert browser.get("/api/v1/schools/").status_code == 200


def test_it_refuses_a_session_write_without_the_csrf_token(world, browser):
    rows = SPACES.model.objects.count()
    response = browser.post(SPACES.list_url, SPACES.create(world), format="json")
    assert response.status_code == 403 and "CSRF" in str(response.data["detail"])
    assert SPACES.model.objects.count() == rows


def test_it_accepts_a_session_write_with_the_csrf_token(world, browser):
    browser.get("/login/")  # sets the CSRF cookie, as the page that makes the request would
    token = browser.cookies["csrftoken"].value
    response = browser.post(SPACES.list_url, SPACES.create(world), format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


# ---------------------------------------------------------------- /api/v1/me/


def test_it_tells_the_caller_who_they_are_and_what_they_reach(world):
    office = world.users[Role.SCHOOL_OFFICE]
    response = world.client(office).get("/api/v1/me/")
    assert response.status_code == 200
    assert response.data == {
        "username": office.username,
        "name": office.display_name,
        "language": office.preferred_language,
        "grants": [
            {
                "program": world.a.program.pk,
                "role": Role.SCHOOL_OFFICE,
                "schools": [world.a.school.pk],
                "organization": None,
                "officer": None,
            }
        ],
    }


def test_it_says_a_program_wide_role_reaches_every_school(world):
    [grant] = world.client(world.users[Role.PROGRAM_ADMIN]).get("/api/v1/me/").data["grants"]
    assert grant["schools"] is None


def test_it_lists_one_grant_per_membership_of_the_outsider(world):
    grants = world.client(world.outsider).get("/api/v1/me/").data["grants"]
    assert sorted(g["role"] for g in grants) == sorted(Role.values)
    assert {g["program"] for g in grants} == {world.b.program.pk}
