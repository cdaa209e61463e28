"""``onestory revoke-token ID``: revoke an API token; it fails from the next request."""

from django.core.management.base import BaseCommand, CommandError

from onestory.accounts.models import ApiToken
from onestory.accounts.tokens.actions import revoke_token


class Command(BaseCommand):
    help = "Revoke an API token by its id (see list-tokens). It stops working straight away."

    def add_arguments(self, parser) -> None:
        parser.add_argument("token_id", type=int, metavar="ID", help="The token's id.")

    def handle(self, *args, **options) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=options["token_id"]).first()
        if token is None:
            raise CommandError(f"There is no API token with the id {options['token_id']}.")
        if revoke_token(token=token, by=None):
            self.stdout.write(
                f"Revoked token {token.pk} ('{token.name}') of {token.user.username}."
            )
        else:
            self.stdout.write(f"Token {token.pk} was already revoked; nothing changed.")
