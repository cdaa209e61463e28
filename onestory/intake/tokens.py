"""One-time submission tokens, signed so a form cannot make up or reuse another's.

A form carries a token from the moment it is shown; the referral it makes keeps the token,
and a second submission with the same token finds that referral instead of making another.
"""

from __future__ import annotations

import secrets

from django.core import signing

_SALT = "onestory.intake.submission"
LIFETIME_SECONDS = 2 * 24 * 60 * 60


def issue(purpose: str, **carried: str) -> str:
    """A signed token for one form, carrying a few short answers (like who is getting in touch)."""
    return signing.dumps(
        {"purpose": purpose, "token": secrets.token_urlsafe(24), **carried}, salt=_SALT
    )


def redeem(signed: str, purpose: str) -> dict | None:
    """The token and what it carries, or None if it was changed, is too old or is for elsewhere."""
    try:
        data = signing.loads(signed or "", salt=_SALT, max_age=LIFETIME_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("purpose") != purpose or "token" not in data:
        return None
    return data
