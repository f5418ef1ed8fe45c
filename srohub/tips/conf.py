"""The tips app's settings, each read from Django settings with a default (docs/tips.md lists them).

Read at call time, not import time, so tests can change them with pytest-django's ``settings``
fixture, and a bad value fails loudly where it is used.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    # Life-safety tips: minutes without acknowledgement before the next step of the chain.
    "SROHUB_TIPS_ACK_MINUTES": 5,
    # Fuzzy school matching (rapidfuzz WRatio, 0-100): the best match must reach the threshold
    # and beat the next school by the margin, else the tip goes to the triage queue.
    "SROHUB_TIPS_MATCH_THRESHOLD": 85,
    "SROHUB_TIPS_MATCH_MARGIN": 5,
    "SROHUB_TIPS_NARRATIVE_MAX": 10_000,
    "SROHUB_TIPS_ANSWER_MAX": 4_000,
    # Anonymous follow-up: delay on a refused tip number/passcode, and the per-tip lock.
    "SROHUB_TIPS_PASSCODE_DELAY_SECONDS": 2.0,
    "SROHUB_TIPS_PASSCODE_MAX_FAILURES": 5,
    "SROHUB_TIPS_PASSCODE_LOCK_MINUTES": 15,
    # Anonymous form: proof-of-work difficulty (leading zero bits of SHA-256) and challenge lifetime.
    "SROHUB_TIPS_POW_BITS": 14,
    "SROHUB_TIPS_POW_MAX_AGE_SECONDS": 3600,
    # Per-address token bucket, held in memory only: submissions allowed in a burst, and the
    # seconds it takes to earn one more.
    "SROHUB_TIPS_RATE_BURST": 5,
    "SROHUB_TIPS_RATE_REFILL_SECONDS": 120,
    "SROHUB_TIPS_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    "SROHUB_TIPS_ATTACHMENTS_MAX": 3,
    # Where links in notifications point (no trailing slash).
    "SROHUB_BASE_URL": "http://localhost:8000",
    "SROHUB_SMS_BACKEND": "srohub.tips.sms.ConsoleSmsBackend",
}


def setting(name: str):
    """The value of one of the app's settings, checked to have the type of its default."""
    default = DEFAULTS[name]
    value = getattr(settings, name, default)
    expected = (int, float) if isinstance(default, float) else type(default)
    if not isinstance(value, expected) or isinstance(value, bool):
        raise ImproperlyConfigured(f"{name} must be a {type(default).__name__}, not {value!r}")
    if isinstance(value, int | float) and value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {value!r}")
    return value
