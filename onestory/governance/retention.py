"""Retention: people whose records all closed more than ``RETENTION_YEARS`` ago are deleted.

What "closed" means, kind by kind (decision 0046):

- a case: status closed, at ``closed_at``;
- a front-door referral: status closed, at ``outcome_at``;
- an onward referral: declined, withdrawn or completed, at ``closed_at``;
- a MARAC referral (as victim, person using harm or child): closed at MARAC or not taken
  to MARAC, at ``closed_at`` (or the day it was referred, when it has no closing time).

A person is removed only when they have at least one closed record, every record of those
four kinds is closed before the cut-off, no incident or assessment of theirs is newer, they
are 25 or older (or their date of birth is not known), no record merges into them or from
them, and no record about someone who is kept names them (as a person using harm, a child
or a connection). Anyone else is kept whole. Deleting a person deletes every row that is
about them (the rows the subject access document would copy) and their shares and
emergency access; the audit log is never touched: each removal appends an event naming the
person's number and what was deleted. Files stored for those rows (a case's documents) are
removed from storage once the deletion has committed, never before: a run that stops or keeps
the person leaves every file in place.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone

from onestory import audit
from onestory.access.models import EmergencyAccess, Share
from onestory.audit.models import AuditAction
from onestory.cases.choices import CaseStatus
from onestory.cases.models import Case
from onestory.core.registry import person_level_models
from onestory.intake.choices import Status as IntakeStatus
from onestory.intake.models import Referral
from onestory.marac.models import MaracReferral, ReferralStatus
from onestory.people.models import Person
from onestory.records.subject_access import SUBJECT_FIELDS, paths_to_person
from onestory.referrals.choices import Status as OnwardStatus
from onestory.referrals.models import OnwardReferral
from onestory.risk.models import Incident, RiskAssessment

# Kept until their 25th birthday: children's safeguarding records are kept at least that long.
YOUNGEST_AGE = 25

KINDS = ("cases", "front-door referrals", "onward referrals", "MARAC referrals")


def years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    """The same moment ``years`` calendar years earlier (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


@dataclass
class Plan:
    """What a run would do: the persons to delete, and how many records of each kind."""

    cutoff: datetime.datetime
    person_ids: list[int]
    counts: dict[int, Counter] = field(default_factory=dict)

    def total(self, kind: str) -> int:
        return sum(c[kind] for c in self.counts.values())


def _closed_records(ids: Iterable[int] | None = None) -> dict[str, models.QuerySet]:
    """Each kind's records with a person (subject) id and the moment they closed (None: open)."""
    ids_q = (lambda path: Q(**{f"{path}__in": ids})) if ids is not None else (lambda path: Q())
    return {
        "cases": Case.objects.filter(ids_q("person")).annotate(
            subject=models.F("person_id"),
            closed=models.Case(
                models.When(status=CaseStatus.CLOSED, then=models.F("closed_at")), default=None
            ),
        ),
        "front-door referrals": Referral.objects.filter(
            ids_q("person"), person__isnull=False
        ).annotate(
            subject=models.F("person_id"),
            closed=models.Case(
                models.When(status=IntakeStatus.CLOSED, then=models.F("outcome_at")),
                default=None,
            ),
        ),
        "onward referrals": OnwardReferral.objects.filter(ids_q("person")).annotate(
            subject=models.F("person_id"),
            closed=models.Case(
                models.When(
                    status__in=[
                        OnwardStatus.DECLINED,
                        OnwardStatus.WITHDRAWN,
                        OnwardStatus.COMPLETED,
                    ],
                    then=models.F("closed_at"),
                ),
                default=None,
            ),
        ),
    }


def _marac_rows(ids: Iterable[int] | None = None) -> list[tuple[int, datetime.datetime | None]]:
    """(person, closed) for every MARAC referral naming a person as victim, perpetrator or
    child. A referral counts as closed at ``closed_at``, or at the start of the day it was
    referred when it was closed without a time; one still open counts as None."""
    rows = []
    for path in ("victim", "perpetrators", "children"):
        qs = MaracReferral.objects.filter(**({f"{path}__in": ids} if ids is not None else {}))
        qs = qs.exclude(**{f"{path}__isnull": True})
        for person_id, status, closed_at, referred_on in qs.values_list(
            path, "status", "closed_at", "referred_on"
        ).iterator(chunk_size=5000):
            closed = None
            if status in (ReferralStatus.CLOSED, ReferralStatus.DECLINED):
                referred = timezone.make_aware(
                    datetime.datetime.combine(referred_on, datetime.time.min)
                )
                closed = max(closed_at or referred, referred)
            rows.append((person_id, closed))
    return rows


def plan(*, years: int, now: datetime.datetime | None = None) -> Plan:
    """The persons whose records all closed before the cut-off, and what each would lose."""
    now = now or timezone.now()
    cutoff = years_before(now, years)
    last_closed: dict[int, datetime.datetime] = {}
    keep: set[int] = set()
    counts: dict[int, Counter] = {}

    def see(person_id: int, kind: str, closed: datetime.datetime | None) -> None:
        counts.setdefault(person_id, Counter())[kind] += 1
        if closed is None or closed >= cutoff:
            keep.add(person_id)
        else:
            last_closed[person_id] = max(closed, last_closed.get(person_id, closed))

    for kind, qs in _closed_records().items():
        for person_id, closed in qs.values_list("subject", "closed").iterator(chunk_size=5000):
            see(person_id, kind, closed)
    for person_id, closed in _marac_rows():
        see(person_id, "MARAC referrals", closed)

    candidates = set(last_closed) - keep
    # Anything newer about them keeps them: an incident or an assessment after the cut-off.
    keep |= set(
        Incident.objects.filter(person__in=candidates, occurred_on__gte=cutoff.date()).values_list(
            "person_id", flat=True
        )
    )
    keep |= set(
        RiskAssessment.objects.filter(person__in=candidates, assessed_at__gte=cutoff).values_list(
            "person_id", flat=True
        )
    )
    youngest_born = years_before(now, YOUNGEST_AGE).date()
    persons = Person.objects.filter(pk__in=candidates - keep)
    keep |= set(
        persons.filter(
            Q(date_of_birth__gt=youngest_born)
            | Q(merged_into__isnull=False)
            | Q(merged_records__isnull=False)
        ).values_list("pk", flat=True)
    )
    chosen = candidates - keep
    chosen = _without_those_named_by_the_kept(chosen)
    return Plan(cutoff, sorted(chosen), {pk: counts[pk] for pk in sorted(chosen)})


def _links() -> list[tuple[type[models.Model], str, str]]:
    """(model, a path that only names a person, a path to the row's subject)."""
    links = []
    for model in person_level_models():
        paths = paths_to_person(model)
        subject = [p for p in paths if p.rsplit("__", 1)[-1] in SUBJECT_FIELDS]
        named = [p for p in paths if p not in subject]
        links += [(model, n, s) for n in named for s in subject if model is not Person]
    return links


def _without_those_named_by_the_kept(chosen: set[int]) -> set[int]:
    """Drop anyone named on a record whose subject is kept, until nothing changes."""
    links = _links()
    while True:
        named_by_kept = set()
        for model, named, subject in links:
            for person_id, subject_id in model._default_manager.filter(
                **{f"{named}__in": chosen}
            ).values_list(named, subject):
                if subject_id is not None and subject_id not in chosen:
                    named_by_kept.add(person_id)
        if not named_by_kept & chosen:
            return chosen
        chosen = chosen - named_by_kept


class Kept(Exception):
    """The person could not be deleted whole (another record depends on theirs)."""


def _rows_about(person_id: int) -> list[tuple[type[models.Model], list[int]]]:
    found = []
    for model in person_level_models():
        if model is Person:
            continue
        subject = [p for p in paths_to_person(model) if p.rsplit("__", 1)[-1] in SUBJECT_FIELDS]
        if not subject:
            continue
        condition = Q(pk__in=[])
        for path in subject:
            condition |= Q(**{path: person_id})
        pks = list(model._default_manager.filter(condition).values_list("pk", flat=True))
        if pks:
            found.append((model, pks))
    for model in (Share, EmergencyAccess):
        pks = list(model.objects.filter(person_id=person_id).values_list("pk", flat=True))
        if pks:
            found.append((model, pks))
    return found


def _stored_files(rows: list[tuple[type[models.Model], list[int]]]) -> list[tuple[object, str]]:
    """(storage, name) of every file held in a file field of ``rows``."""
    files: list[tuple[object, str]] = []
    for model, pks in rows:
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names = model._default_manager.filter(pk__in=pks).values_list(f.attname, flat=True)
                files += [(f.storage, name) for name in names if name]
    return files


def _remove_files(files: list[tuple[object, str]]) -> None:
    for storage, name in files:
        storage.delete(name)  # type: ignore[attr-defined]


def delete_person(*, person_id: int, plan_counts: Counter, cutoff: datetime.datetime) -> Counter:
    """Delete one person and every row about them in one transaction, and audit it.

    Rows are deleted in rounds: a row another still protects waits for the next round. If a
    round deletes nothing, a record outside this person's (someone else's) depends on one of
    theirs: nothing is deleted and ``Kept`` is raised.
    """
    deleted: Counter = Counter()
    with transaction.atomic():
        # Someone planned for deletion may since have been kept: a record about them that
        # names this person keeps this person too (try again once theirs has gone).
        for model, named, subject in _links():
            naming = model._default_manager.filter(**{named: person_id})
            others = naming.exclude(**{subject: person_id}).exclude(**{f"{subject}__isnull": True})
            if others.exists():
                raise Kept(f"person {person_id}: named on a record about someone still held")
        pending = _rows_about(person_id)
        files = _stored_files(pending)
        while pending:
            waiting = []
            for model, pks in pending:
                try:
                    with transaction.atomic():
                        _, per_model = model._default_manager.filter(pk__in=pks).delete()
                    deleted.update(per_model)
                except (ProtectedError, RestrictedError):
                    waiting.append((model, pks))
            if len(waiting) == len(pending):
                raise Kept(f"person {person_id}: another person's record depends on theirs")
            pending = waiting
        try:
            _, per_model = Person.objects.filter(pk=person_id).delete()
        except (ProtectedError, RestrictedError):
            raise Kept(f"person {person_id}: another record depends on theirs") from None
        deleted.update(per_model)
        transaction.on_commit(lambda: _remove_files(files))
        kinds = ", ".join(f"{kind} {plan_counts[kind]}" for kind in KINDS if plan_counts[kind])
        audit.record(
            action=AuditAction.RETENTION_DELETE,
            person_id=person_id,
            channel="command",
            reason=(
                f"records closed before {cutoff:%Y-%m-%d} deleted ({kinds}); "
                f"{sum(deleted.values())} rows"
            ),
        )
    return deleted
