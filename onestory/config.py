"""Settings from the environment: bad values are refused with a message saying how to fix them.

Kept apart from ``settings.py`` so the rules can be tested without loading Django.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class Env:
    """A view of the environment with typed, validated getters."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str | None = None) -> str:
        value = self.environ.get(name)
        if value is None or value == "":
            if default is None:
                raise ImproperlyConfigured(f"{name} must be set in the environment.")
            return default
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.str(name, default).strip().lower()
        if value not in choices:
            allowed = ", ".join(choices)
            raise ImproperlyConfigured(f"{name}={value!r} is not allowed; use one of: {allowed}.")
        return value

    def bool(self, name: str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a yes/no value; use 1/0, true/false, yes/no or on/off."
        )

    def int(self, name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
        raw = self.environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
        if value < minimum or (maximum is not None and value > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}{upper}.")
        return value

    def rate(self, name: str, default: str) -> Rate:
        return parse_rate(name, self.str(name, default))

    def list(self, name: str, default: list[str]) -> list[str]:
        raw = self.environ.get(name)
        if raw is None:
            return default
        return [part.strip() for part in raw.split(",") if part.strip()]


PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    def __str__(self) -> str:
        name = next(n for n, s in PERIODS.items() if s == self.seconds)
        return f"{self.count}/{name}"


def parse_rate(name: str, text: str) -> Rate:
    """``"30/hour"`` (second, minute, hour or day) as a ``Rate``; a clear error otherwise."""
    count, _, period = text.strip().partition("/")
    if not count.strip().isdigit() or int(count) < 1 or period.strip() not in PERIODS:
        raise ImproperlyConfigured(
            f"{name}={text!r} is not a rate; write a number of requests and a period, "
            "like 30/hour (second, minute, hour or day)."
        )
    return Rate(int(count), PERIODS[period.strip()])


def database_url(env: Env, base_dir: Path) -> str:
    """The database to use: ``DATABASE_URL``, or an SQLite file under ``var/`` for the demo."""
    default = f"sqlite:///{base_dir / 'var' / 'onestory.sqlite3'}"
    url = env.str("DATABASE_URL", default)
    if not url.startswith(("sqlite://", "postgres://", "postgresql://")):
        raise ImproperlyConfigured(
            "DATABASE_URL must start with sqlite:// or postgres:// "
            f"(for example postgres://user@127.0.0.1:5432/onestory); got {url.split(':', 1)[0]}://..."
        )
    return url


def secret_key(env: Env, *, production: bool, key_file: Path) -> str:
    """``SECRET_KEY`` from the environment; for the demo, one made once and kept in ``var/``."""
    value = env.environ.get("SECRET_KEY", "")
    if value:
        if production and len(value) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
        return value
    if production:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production mode (ONESTORY_ENV=production). "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(64)
    key_file.write_text(value)
    key_file.chmod(0o600)
    return value
