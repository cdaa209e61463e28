"""``onestory load_demo``: load the made-up Northshire partnership used by the demo."""

from django.core.management.base import BaseCommand, CommandError

from onestory.accounts.demo_secret import DEMO_TOTP_SECRET_BASE32
from onestory.demo.partnership import (
    DEMO_PASSWORD,
    DemoRefused,
    load,
    refuse_in_production,
)


class Command(BaseCommand):
    help = "Load the demonstration partnership (demo mode only). Safe to run again."

    def handle(self, *args, **options) -> None:
        try:
            refuse_in_production()
            accounts = load()
        except DemoRefused as refused:
            raise CommandError(str(refused)) from refused
        write = self.stdout.write
        write("The demo partnership of Northshire is loaded (every name in it is made up).")
        write("Sign in at http://127.0.0.1:8000/account/sign-in/ with one of these accounts:")
        write("")
        write(f"  {'username':<14} {'role':<26} agency")
        for account in accounts:
            write(f"  {account.username:<14} {account.role:<26} {account.agency}")
        write("")
        write(f"Every demo account's password is: {DEMO_PASSWORD}")
        write("Every demo account shares one two-step verification secret. Either add it to an")
        write(f"authenticator app: {DEMO_TOTP_SECRET_BASE32}")
        write("or get the current 6-digit code with: .venv/bin/onestory demo-code")
