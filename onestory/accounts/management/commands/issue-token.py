"""``onestory issue-token USERNAME``: issue an API token to a member of staff and print it."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onestory.accounts.models import User
from onestory.accounts.tokens.actions import MAX_EXPIRY_DAYS, TokenRefused, issue_token


class Command(BaseCommand):
    help = (
        "Issue an API token to a member of staff whose role may use the API, and print it. "
        "The token is shown this once and never stored; only its hash is kept."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="The account the token acts as.")
        parser.add_argument(
            "--name", default="Issued by command", help="What the token is for, in a few words."
        )
        parser.add_argument(
            "--expires-days",
            type=int,
            default=None,
            metavar="N",
            help=f"Stop working after N days (1 to {MAX_EXPIRY_DAYS}); without it, the token "
            "works until revoked.",
        )

    def handle(self, *args, **options) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no account with the username {options['username']}.")
        try:
            token, plain = issue_token(
                user=user, name=options["name"], expires_in_days=options["expires_days"], by=None
            )
        except TokenRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(plain)
        if options["verbosity"] >= 1:
            until = "until revoked"
            if token.expires_at:
                until = f"until {timezone.localtime(token.expires_at):%Y-%m-%d %H:%M %Z}"
            self.stderr.write(
                f"Token {token.pk} ('{token.name}') for {user.username} works {until}. "
                "Copy it now: it cannot be shown again."
            )
