"""Flood resistance for the anonymous tip form, without tracing anyone.

- **Rate limit**: a token bucket per client address, held in this process's memory only, keyed by
  an HMAC of the address with a salt drawn at start-up and never written anywhere. Why memory and
  not the database or a shared cache: a stored (even hashed — IPv4 has only 2^32 values) address
  next to a tip's time would let anyone with the data find who sent the tip, which is the one thing
  a tip line promises never to allow. The price: each server process counts on its own and a
  restart forgets (a flood still meets the proof of work and the size limits).
- **Proof of work**: the page carries a challenge signed by the server (with its time); the
  browser finds a nonce whose SHA-256 with the challenge starts with N zero bits (hashcash). Cheap
  for one tip, costly for thousands. Each challenge is accepted once (remembered in memory until it
  expires).
- **Honeypot**: a field people never see; a bot that fills it is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time

from django.conf import settings
from django.core import signing

from srohub.tips.conf import setting
from srohub.tips.rules import proof_of_work_ok

_SALT = secrets.token_bytes(32)  # per process, never stored: the bucket keys cannot be reversed
_SIGNING_SALT = "srohub.tips.proof-of-work"
MAX_NONCE_LENGTH = 32


class TokenBucket:
    """Per-key token buckets: ``burst`` requests at once, then one more every ``refill_seconds``."""

    def __init__(self):
        self._buckets: dict[bytes, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._pruned_at = 0.0

    def allow(self, key: bytes, *, burst: int, refill_seconds: float, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._prune(now, burst, refill_seconds)
            tokens, at = self._buckets.get(key, (float(burst), now))
            tokens = min(float(burst), tokens + (now - at) / max(refill_seconds, 1e-9))
            allowed = tokens >= 1
            self._buckets[key] = (tokens - 1 if allowed else tokens, now)
            return allowed

    def _prune(self, now: float, burst: int, refill_seconds: float) -> None:
        """Forget buckets that have filled up again: they behave exactly like unknown keys."""
        if now - self._pruned_at < refill_seconds:
            return
        self._pruned_at = now
        full = [
            key
            for key, (tokens, at) in self._buckets.items()
            if tokens + (now - at) / refill_seconds >= burst
        ]
        for key in full:
            del self._buckets[key]

    def __len__(self) -> int:
        return len(self._buckets)


class SpentChallenges:
    """Challenges already used, remembered until they would have expired anyway."""

    def __init__(self):
        self._until: dict[bytes, float] = {}
        self._lock = threading.Lock()

    def spend(self, challenge: str, *, max_age: float) -> bool:
        """Mark a challenge used; False if it already was."""
        key = hashlib.sha256(challenge.encode()).digest()
        now = time.monotonic()
        with self._lock:
            for old in [k for k, until in self._until.items() if until < now]:
                del self._until[old]
            if key in self._until:
                return False
            self._until[key] = now + max_age
            return True


_buckets = TokenBucket()
_spent = SpentChallenges()


def reset_memory() -> None:
    """Forget every bucket and spent challenge (tests; a restart does the same)."""
    global _buckets, _spent
    _buckets, _spent = TokenBucket(), SpentChallenges()


def client_address(request) -> str:
    """The address the request came from (the first X-Forwarded-For hop behind a TLS proxy),
    used only as a bucket key here, never stored."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def rate_allows(address: str) -> bool:
    key = hmac.new(_SALT, address.encode(), hashlib.sha256).digest()
    return _buckets.allow(
        key,
        burst=setting("SROHUB_TIPS_RATE_BURST"),
        refill_seconds=setting("SROHUB_TIPS_RATE_REFILL_SECONDS"),
    )


def new_challenge() -> tuple[str, int]:
    """A signed, timestamped challenge and the number of zero bits its proof must have."""
    bits = setting("SROHUB_TIPS_POW_BITS")
    return signing.dumps({"r": secrets.token_hex(8), "b": bits}, salt=_SIGNING_SALT, compress=False), bits


def proof_accepted(challenge: str, nonce: str) -> bool:
    """Whether ``nonce`` solves a challenge this server issued, not expired and not used before."""
    max_age = setting("SROHUB_TIPS_POW_MAX_AGE_SECONDS")
    if not challenge or not nonce or len(nonce) > MAX_NONCE_LENGTH:
        return False
    try:
        issued = signing.loads(challenge, salt=_SIGNING_SALT, max_age=max_age)
    except signing.BadSignature:
        return False
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    return proof_of_work_ok(digest, int(issued.get("b", 0))) and _spent.spend(challenge, max_age=max_age)


def solve(challenge: str, bits: int) -> str:
    """Find a nonce for ``challenge`` (what the browser's script does; used by tests and tools)."""
    nonce = 0
    while not proof_of_work_ok(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest(), bits):
        nonce += 1
    return str(nonce)
