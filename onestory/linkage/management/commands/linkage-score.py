"""``onestory linkage-score``: suggest pairs for people to review."""

import getpass

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.linkage import actions
from onestory.linkage.management.commands._common import agency_named
from onestory.linkage.models import LinkageModel


class Command(BaseCommand):
    help = (
        "Score the agency's records with its latest model; pairs at or above the threshold "
        "that no one has decided become suggestions in the review queue. Nothing is linked."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--threshold", type=float, default=0.9)

    def handle(self, *args, agency: str, threshold: float, verbosity: int, **options) -> None:
        holder = agency_named(agency)
        if not 0 < threshold < 1:
            raise CommandError("--threshold is a probability between 0 and 1.")
        model = LinkageModel.objects.filter(agency=holder).first()
        if model is None:
            raise CommandError("Train a model first: onestory linkage-train.")
        say = (lambda m: self.stderr.write(m)) if verbosity >= 1 else None
        scored = actions.score(
            agency=holder, model=model, threshold=threshold, by_name=getpass.getuser(), progress=say
        )
        self.stdout.write(
            f"{scored.suggested:,} pairs to review; {scored.already_known:,} already decided; "
            f"{scored.victim_harm:,} left out as a victim and the person using harm in one event."
        )
