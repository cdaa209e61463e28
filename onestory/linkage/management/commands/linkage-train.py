"""``onestory linkage-train``: train a new version of an agency's linkage model."""

import getpass

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.linkage import actions
from onestory.linkage.management.commands._common import agency_named


class Command(BaseCommand):
    help = (
        "Train the agency's linkage model on its imported extracts and OneStory persons, "
        "without labels, and save it as a new version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, agency: str, seed: int, verbosity: int, **options) -> None:
        holder = agency_named(agency)
        say = (lambda m: self.stderr.write(m)) if verbosity >= 1 else None
        try:
            model = actions.train_model(
                agency=holder, by_name=getpass.getuser(), seed=seed, progress=say
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Trained linkage model {model.version} on {model.records:,} records.")
