"""``onestory list-tokens [USERNAME]``: list API tokens, never their secrets."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onestory.accounts.models import ApiToken, User


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else "-"


class Command(BaseCommand):
    help = (
        "List API tokens (all, or one account's): id, account, name, start, dates (local "
        "time) and status. Never the tokens themselves."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?", help="Only this account's tokens.")

    def handle(self, *args, **options) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        username = options["username"]
        if username:
            if not User.objects.filter(username=username).exists():
                raise CommandError(f"There is no account with the username {username}.")
            tokens = tokens.filter(user__username=username)
        if not tokens:
            self.stderr.write("No API tokens.")
            return
        self.stdout.write(
            "\t".join(["id", "user", "name", "starts", "issued", "last used", "expires", "status"])
        )
        for token in tokens:
            row = [
                str(token.pk),
                token.user.username,
                token.name,
                token.display_prefix,
                _when(token.created_at),
                _when(token.last_used_at),
                _when(token.expires_at),
                token.status.lower(),
            ]
            self.stdout.write("\t".join(row))
