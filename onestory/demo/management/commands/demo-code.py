"""``onestory demo-code``: the current two-step verification code of the demo accounts."""

import time
from binascii import unhexlify

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from onestory.accounts.demo_secret import DEMO_TOTP_KEY_HEX
from onestory.demo.partnership import DemoRefused, refuse_in_production

STEP_SECONDS = 30  # as django-otp's TOTPDevice and authenticator apps use


class Command(BaseCommand):
    help = "Print the current 6-digit sign-in code of the demo accounts (demo mode only)."
    # It reads no models or pages, so it need not wait for Django's checks of them.
    requires_system_checks = []

    def handle(self, *args, **options) -> None:
        try:
            refuse_in_production()
        except DemoRefused as refused:
            raise CommandError(str(refused)) from refused
        now = time.time()
        code = totp(unhexlify(DEMO_TOTP_KEY_HEX), step=STEP_SECONDS, digits=6)
        self.stdout.write(f"{code:06d}")
        if options["verbosity"] >= 1:
            seconds_left = STEP_SECONDS - int(now) % STEP_SECONDS
            self.stderr.write(f"This code changes in {seconds_left} seconds.")
