"""``onestory load_demo``: load the made-up partnership used by the demo."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onestory.demo.partnership import DEMO_PASSWORD, load


class Command(BaseCommand):
    help = "Load the demonstration partnership (demo mode only). Safe to run again."

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "The demo partnership cannot be loaded when ONESTORY_ENV=production."
            )
        accounts = load()
        self.stdout.write(
            "Demo partnership loaded. Sign in at http://127.0.0.1:8000/account/sign-in/"
        )
        self.stdout.write(f"Every demo account's password is: {DEMO_PASSWORD}")
        for username, description in accounts:
            self.stdout.write(f"  {username:<22} {description}")
