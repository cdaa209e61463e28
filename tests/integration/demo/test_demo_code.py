"""``onestory demo-code``: the current sign-in code of the demo accounts."""

import os
import re
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.demo.partnership import load


def demo_code() -> str:
    out = StringIO()
    call_command("demo-code", stdout=out, stderr=StringIO())
    return out.getvalue().strip()


@pytest.mark.django_db
def test_it_prints_a_code_the_demo_accounts_accept():
    load()
    code = demo_code()
    assert re.fullmatch(r"[0-9]{6}", code)
    device = TOTPDevice.objects.get(user__username="caseworker")
    assert device.verify_token(code)


def test_it_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="cannot be used when ONESTORY_ENV=production"):
        demo_code()


def _run(**environ: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONESTORY_", "SECRET_KEY"))}
    env.update(environ)
    command = os.path.join(os.path.dirname(sys.executable), "onestory")
    return subprocess.run(
        [command, "demo-code"], capture_output=True, text=True, env=env, check=False
    )


def test_it_runs_from_the_console_command():
    result = _run()
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"[0-9]{6}\n", result.stdout)
    assert "This code changes in" in result.stderr


def test_the_console_command_refuses_it_in_production():
    result = _run(
        ONESTORY_ENV="production",
        SECRET_KEY="x" * 64,
        ONESTORY_ALLOWED_HOSTS="onestory.example",
        ONESTORY_EMAIL_HOST="smtp.partnership.example",
        ONESTORY_EMAIL_FROM="onestory@partnership.example",
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "cannot be used when ONESTORY_ENV=production" in result.stderr
