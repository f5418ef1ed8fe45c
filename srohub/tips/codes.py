"""Tip numbers and passcodes: what an anonymous tipster writes down to come back.

The alphabet leaves out 0/O and 1/I/L so a code copied by hand or read aloud is not misread.
The passcode is stored only as a Django password hash; the tip number is not secret on its own.
"""

import secrets

from django.contrib.auth.hashers import check_password, make_password

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
# A hash of a passcode nobody has, checked when the tip number is unknown so that an unknown number
# and a wrong passcode take the same time.
_DECOY = make_password(None)


def _code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_tip_number() -> str:
    """ "T-" and 8 characters (30^8 ≈ 6.6·10^11 numbers): collisions are retried by the caller."""
    body = _code(8)
    return f"T-{body[:4]}-{body[4:]}"


def new_passcode() -> str:
    """10 characters (30^10 ≈ 5.9·10^14), shown once, in groups for copying by hand."""
    body = _code(10)
    return f"{body[:5]}-{body[5:]}"


def normalize(code: str) -> str:
    """What the tipster typed, compared as stored: upper case, without spaces or hyphens."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def canonical_tip_number(text: str) -> str:
    """A typed tip number ("t abcd efgh", "TABCDEFGH") in its stored form "T-ABCD-EFGH"."""
    body = normalize(text).removeprefix("T")
    return f"T-{body[:4]}-{body[4:]}" if len(body) == 8 else ""


def hash_passcode(passcode: str) -> str:
    return make_password(normalize(passcode))


def passcode_matches(passcode: str, stored_hash: str | None) -> bool:
    """Check a passcode against a stored hash (or the decoy, so timing says nothing)."""
    return check_password(normalize(passcode), stored_hash or _DECOY)
