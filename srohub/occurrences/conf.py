"""The occurrences app's settings, each read from Django settings with a default (docs/occurrences.md).

Read at call time, so tests can change them with pytest-django's ``settings`` fixture; a bad value
fails loudly where it is used.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULTS = {
    # Largest attachment accepted (photos of damage, a scanned statement).
    "SROHUB_OCCURRENCE_ATTACHMENT_MAX_BYTES": 10 * 1024 * 1024,
    # How many files one occurrence may hold.
    "SROHUB_OCCURRENCE_ATTACHMENTS_MAX": 20,
}


def setting(name: str) -> int:
    """The value of one of the app's settings: a non-negative integer."""
    value = getattr(settings, name, DEFAULTS[name])
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ImproperlyConfigured(f"{name} must be a non-negative integer, not {value!r}")
    return value
