import copy
import threading
import time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from srohub.accounts.models import ApiToken
from srohub.core.scoping import grants_for


class TokenCache:
    """Recently verified API keys of this process: key hash → (valid until, token with its user).

    An API client (a tip line's server posting tips) sends the same key with every request; looking
    it up and rebuilding its grants cost two queries and about 2 ms each time. A key is trusted
    from memory for ``SROHUB_API_TOKEN_CACHE_SECONDS`` (0 turns the cache off): revoking a key or
    changing its user's memberships forgets it at once in this process, and in the other server
    processes within that many seconds. Each request gets its own copy of the user.
    """

    MAX_ENTRIES = 1024

    def __init__(self):
        self._entries: dict[str, tuple[float, ApiToken]] = {}
        self._lock = threading.Lock()

    def get(self, key_hash: str) -> ApiToken | None:
        entry = self._entries.get(key_hash)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, key_hash: str, token: ApiToken) -> None:
        seconds = settings.SROHUB_API_TOKEN_CACHE_SECONDS
        if seconds <= 0:
            return
        grants_for(token.user)  # computed once here, carried by every copy of the user
        with self._lock:
            if len(self._entries) >= self.MAX_ENTRIES:
                self._entries.clear()
            self._entries[key_hash] = (time.monotonic() + seconds, token)

    def forget(self, *, key_hash: str | None = None, user_id: int | None = None) -> None:
        with self._lock:
            if key_hash is not None:
                self._entries.pop(key_hash, None)
            if user_id is not None:
                for cached_hash, (_until, token) in list(self._entries.items()):
                    if token.user_id == user_id:
                        self._entries.pop(cached_hash, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


token_cache = TokenCache()


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <key>`` against hashed, revocable keys."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        key_hash = ApiToken.hash_key(key)
        token = token_cache.get(key_hash) or self._verified_token(key_hash)
        self._note_use(token)
        return copy.copy(token.user), token

    def _verified_token(self, key_hash: str) -> ApiToken:
        token = (
            ApiToken.objects.select_related("user").filter(key_hash=key_hash, revoked_at__isnull=True).first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        token_cache.put(key_hash, token)
        return token

    @staticmethod
    def _note_use(token: ApiToken) -> None:
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            # Coarse on purpose: a write per request would serialize API clients on SQLite.
            token.last_used_at = now
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)

    def authenticate_header(self, request):
        return self.keyword
