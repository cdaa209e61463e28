"""The settings module as a whole, loaded in a fresh process with a given environment."""

import os
import subprocess
import sys

import pytest


def _load_settings(**environ: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONESTORY_", "SECRET_KEY"))}
    env.update(environ)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import onestory.settings as s; print(s.DEBUG, s.SECURE_HSTS_SECONDS)",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_it_refuses_production_without_a_secret_key():
    result = _load_settings(ONESTORY_ENV="production", ONESTORY_ALLOWED_HOSTS="onestory.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production mode" in result.stderr


def test_it_refuses_debug_in_production():
    result = _load_settings(ONESTORY_ENV="production", ONESTORY_DEBUG="1", SECRET_KEY="x" * 64)
    assert "ONESTORY_DEBUG cannot be on when ONESTORY_ENV=production" in result.stderr


PRODUCTION = {
    "ONESTORY_ENV": "production",
    "SECRET_KEY": "x" * 64,
    "ONESTORY_ALLOWED_HOSTS": "onestory.example",
    "ONESTORY_EMAIL_HOST": "smtp.partnership.example",
    "ONESTORY_EMAIL_FROM": "OneStory <onestory@partnership.example>",
}


def test_it_turns_on_hsts_in_production():
    result = _load_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "31536000"]


@pytest.mark.parametrize("missing", ["ONESTORY_EMAIL_HOST", "ONESTORY_EMAIL_FROM"])
def test_production_needs_somewhere_to_send_email_from(missing):
    result = _load_settings(**{k: v for k, v in PRODUCTION.items() if k != missing})
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_demo_mode_prints_email_instead_of_sending_it():
    result = subprocess.run(
        [sys.executable, "-c", "import onestory.settings as s; print(s.EMAIL_BACKEND)"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("ONESTORY_")},
        check=False,
    )
    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize("bad", ["staging", "dev"])
def test_it_names_the_allowed_environments(bad):
    result = _load_settings(ONESTORY_ENV=bad)
    assert "use one of: demo, production" in result.stderr


def test_the_console_command_runs_django_management_commands():
    command = os.path.join(os.path.dirname(sys.executable), "onestory")
    result = subprocess.run([command, "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
