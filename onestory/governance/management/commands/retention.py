"""``onestory retention``: delete people whose records all closed more than the retention
period ago. A dry run unless ``--apply``: it first says exactly what it would delete.

Run it on a schedule (from cron, say once a week). With ``--apply`` each person is deleted
in a transaction of their own, so stopping it part-way leaves whole people deleted and
whole people kept; each deletion appends an audit event. The audit log is never changed.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onestory.governance import retention


class Command(BaseCommand):
    help = (
        "Delete people whose records all closed before the retention period "
        "(a dry run unless --apply)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help=f"Years to keep closed records (default {settings.RETENTION_YEARS}, "
            "from ONESTORY_RETENTION_YEARS).",
        )
        parser.add_argument("--apply", action="store_true", help="Delete; without it, only say.")

    def handle(self, *args, **options) -> None:
        years = options["years"] if options["years"] is not None else settings.RETENTION_YEARS
        if years < 1:
            raise CommandError("--years must be 1 or more.")
        plan = retention.plan(years=years)
        verb = "Deleting" if options["apply"] else "Would delete"
        self.stdout.write(
            f"{verb} {len(plan.person_ids)} "
            f"{'person' if len(plan.person_ids) == 1 else 'people'} whose records all closed "
            f"before {plan.cutoff:%Y-%m-%d %H:%M} ({years} years):"
        )
        for kind in retention.KINDS:
            self.stdout.write(f"  {kind}: {plan.total(kind)}")
        if not options["apply"]:
            for person_id in plan.person_ids:
                counts = plan.counts[person_id]
                kinds = ", ".join(f"{k} {counts[k]}" for k in retention.KINDS if counts[k])
                self.stdout.write(f"  person {person_id} ({kinds})")
            self.stdout.write("Dry run: nothing was deleted. Run again with --apply to delete.")
            return
        done = 0
        total = len(plan.person_ids)
        pending = list(plan.person_ids)
        reasons: dict[int, str] = {}
        # Someone named on another's record waits until that record has gone: go round again
        # while a round deletes anyone.
        while pending:
            waiting = []
            for person_id in pending:
                try:
                    deleted = retention.delete_person(
                        person_id=person_id,
                        plan_counts=plan.counts[person_id],
                        cutoff=plan.cutoff,
                    )
                except retention.Kept as reason:
                    waiting.append(person_id)
                    reasons[person_id] = str(reason)
                    continue
                done += 1
                self.stdout.write(
                    f"  [{done}/{total}] deleted person {person_id} ({sum(deleted.values())} rows)"
                )
            if len(waiting) == len(pending):
                break
            pending = waiting
        for person_id in pending:
            self.stdout.write(f"  kept {reasons[person_id]}")
        self.stdout.write(
            f"Deleted {done}; kept {len(pending)}. The audit log records each deletion."
        )
