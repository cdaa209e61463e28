"""API tokens: how a program signs in to the API as one member of staff.

A token reads ``os_<prefix>_<secret>``. The prefix (8 hex characters) is shown in lists so a
person can tell their tokens apart; the secret is 32 random bytes from ``secrets``. Only a
SHA-256 hash of the whole token is stored, and the plain token is shown once, when it is
issued. See ``ApiToken`` for why a plain hash is enough.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

TOKEN_START = "os_"  # noqa: S105 (the fixed start of every token, not a secret)
PREFIX_LENGTH = 8  # hex characters
SECRET_BYTES = 32

# Writing "last used" on every request would turn every API read into a write; once a
# minute is enough to tell a live token from a forgotten one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def make_token() -> tuple[str, str]:
    """A new plain token and its visible prefix."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}", prefix


def hash_token(plain: str) -> str:
    """The SHA-256 hash, in hex, that stands for ``plain`` in the database."""
    return hashlib.sha256(plain.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self, at=None) -> ApiTokenQuerySet:
        """Tokens that still work: not revoked and not expired. Checked on every request."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )


class ApiToken(models.Model):
    """A bearer token that lets a program use the API as ``user``, under the user's role.

    Why SHA-256 and not a slow password hash: a slow hash (PBKDF2, Argon2) protects secrets
    that people choose, which are few enough to guess. This secret is 32 random bytes
    (256 bits) from ``secrets``, so nobody can guess it whatever the hash costs; a fast hash
    already keeps a stolen copy of the table useless, and lets each request find its token
    by the hash alone, through a unique index, without trying every token in turn.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, in a few words.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, help_text="Shown to tell tokens apart.")
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the token was issued with the issue-token command.",
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_START}{self.prefix}…)"

    @property
    def display_prefix(self) -> str:
        return f"{TOKEN_START}{self.prefix}"

    def is_expired(self, at=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (at or timezone.now())

    def is_active(self, at=None) -> bool:
        return self.revoked_at is None and not self.is_expired(at)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.is_expired():
            return "Expired"
        return "Active"

    def note_use(self, at=None) -> None:
        """Record that the token was used, at most once a minute."""
        at = at or timezone.now()
        if self.last_used_at is not None and at - self.last_used_at < LAST_USED_RESOLUTION:
            return
        # Conditional, so two requests in the same second do not both write.
        ApiToken.objects.filter(pk=self.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=at - LAST_USED_RESOLUTION)
        ).update(last_used_at=at)
        self.last_used_at = at
