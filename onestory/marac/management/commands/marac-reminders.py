"""``onestory marac-reminders``: email the owners of MARAC actions that are nearly due.

Run it once a day (from cron or a scheduler). Each action's owners are emailed once for
each due date, through Django's email backend, and each reminder is recorded, so running
it twice sends nothing twice.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onestory.marac.actions import send_reminders


class Command(BaseCommand):
    help = "Email reminders for open MARAC actions due within the reminder window."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days before the due date (default {settings.MARAC_REMINDER_DAYS}, "
            "from ONESTORY_MARAC_REMINDER_DAYS).",
        )
        parser.add_argument("--on", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, **options) -> None:
        days = options["days"] if options["days"] is not None else settings.MARAC_REMINDER_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        try:
            today = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on must be a date like 2026-03-27.") from None
        run = send_reminders(today=today, days_before=days)
        self.stdout.write(f"Sent {len(run.sent)} reminder{'s' if len(run.sent) != 1 else ''}.")
        for action_id in run.nobody_to_tell:
            self.stderr.write(
                f"MARAC action {action_id}: no representative or coordinator has an email "
                "address, so no reminder was sent."
            )
