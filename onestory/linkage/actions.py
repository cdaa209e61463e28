"""Writes of the linkage: importing an extract, training a model, scoring pairs into the
review queue, and a person's decision on a pair. Each is one transaction (an import, one per
chunk) with an audit event."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import Agency
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.linkage import engine, queries, rules, standard
from onestory.linkage.models import (
    CandidateLink,
    Extract,
    ExtractStatus,
    LinkageModel,
    LinkStatus,
    SourceEvent,
    SourceRecord,
)
from onestory.people.models import Person

Progress = Callable[[str], None]


class ExtractInvalid(Exception):
    def __init__(self, problems: list[standard.Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class AlreadyImported(Exception):
    pass


@dataclass
class Imported:
    extract: Extract
    resumed_from: int
    records: int


def import_extract(
    *,
    content: bytes,
    file_name: str,
    agency: Agency,
    source: str,
    supplier: str,
    by_name: str,
    today: dt.date,
    chunk: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> Imported:
    """Import one extract: check the whole file first (every problem, by line, and nothing
    saved), then save it chunk by chunk. Stopped part way, the same file imported again
    carries on after the last chunk saved; its records are used only once all are in."""
    if source not in standard.Source.ALL:
        raise ValidationError(f"{source!r} is not a source the standard knows.")
    digest = hashlib.sha256(content).hexdigest()
    existing = Extract.objects.filter(agency=agency, digest=digest).first()
    if existing is not None and existing.status == ExtractStatus.COMPLETE:
        raise AlreadyImported(
            f"This file was imported on {existing.completed_at:%d %B %Y} "
            f"({existing.records_total} records)."
        )
    text = content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    checked = standard.check(reader, reader.fieldnames, today=today)
    if not checked.ok:
        raise ExtractInvalid(checked.problems)
    grouped = list(standard.records(checked.rows))
    with transaction.atomic():
        if existing is None:
            existing = Extract.objects.create(
                agency=agency,
                source=source,
                supplier=supplier,
                file_name=file_name,
                digest=digest,
                records_total=len(grouped),
                imported_by=by_name,
            )
            audit.record(
                action=AuditAction.CREATE,
                obj=existing,
                username=by_name,
                channel="command",
                reason=f"extract import started: {len(grouped)} records from {file_name}",
            )
    extract = existing
    resumed_from = extract.records_done
    for start in range(resumed_from, len(grouped), chunk):
        part = grouped[start : start + chunk]
        with transaction.atomic():
            made = SourceRecord.objects.bulk_create(
                [
                    SourceRecord(
                        extract=extract,
                        line=first.line,
                        record_id=first.record_id,
                        given_name=first.given_name,
                        family_name=first.family_name,
                        other_names=first.other_names,
                        date_of_birth=first.date_of_birth,
                        sex=first.sex,
                        postcode=first.postcode,
                        address=first.address,
                        phone=first.phone,
                        nhs_number=first.nhs_number,
                        other_identifier=first.other_identifier,
                    )
                    for first, _ in part
                ]
            )
            ids = dict(
                SourceRecord.objects.filter(
                    extract=extract, record_id__in=[first.record_id for first, _ in part]
                ).values_list("record_id", "pk")
            )
            SourceEvent.objects.bulk_create(
                [
                    SourceEvent(
                        record_id=ids[line.record_id],
                        event_id=line.event_id,
                        event_date=line.event_date,
                        event_kind=line.event_kind,
                        role=line.event_role,
                    )
                    for _, events in part
                    for line in events
                ]
            )
            done = start + len(made)
            Extract.objects.filter(pk=extract.pk).update(records_done=done)
        if progress is not None:
            progress(done, len(grouped))
    with transaction.atomic():
        Extract.objects.filter(pk=extract.pk).update(
            status=ExtractStatus.COMPLETE, completed_at=timezone.now()
        )
        extract.refresh_from_db()
        audit.record(
            action=AuditAction.UPDATE,
            obj=extract,
            username=by_name,
            channel="command",
            fields=["status"],
            reason=f"extract imported: {extract.records_total} records",
        )
    return Imported(extract, resumed_from, len(grouped))


def abandon_extract(*, extract: Extract, by_name: str) -> int:
    """Remove an import that stopped part way; a complete extract is kept."""
    if extract.status == ExtractStatus.COMPLETE:
        raise ValidationError("This extract was imported in full; it is kept.")
    with transaction.atomic():
        count = extract.records.count()
        audit.record(
            action=AuditAction.UPDATE,
            obj=extract,
            username=by_name,
            channel="command",
            reason=f"unfinished import abandoned: {count} records removed",
        )
        extract.delete()
    return count


def train_model(
    *, agency: Agency, by_name: str, seed: int = 1, progress: Progress | None = None
) -> LinkageModel:
    """Train a new version of the agency's model on its own records (no labels needed)."""
    persons = queries.linkage_persons(agency)
    settings, count = engine.train(persons, seed=seed, progress=progress)
    with transaction.atomic():
        latest = LinkageModel.objects.filter(agency=agency).first()
        model = LinkageModel.objects.create(
            agency=agency,
            version=(latest.version + 1) if latest else 1,
            trained_by=by_name,
            splink_version=engine.SPLINK_VERSION,
            settings=settings,
            records=count,
            seed=seed,
        )
        audit.record(
            action=AuditAction.CREATE,
            obj=model,
            username=by_name,
            channel="command",
            reason=f"linkage model {model.version} trained on {count} records",
        )
    return model


@dataclass
class Scored:
    suggested: int
    already_known: int
    victim_harm: int
    persons_linked: int


def _side(key: str) -> dict:
    if key.startswith("r"):
        return {"record_id": int(key[1:])}
    return {"person_id": int(key[1:])}


def score(
    *,
    agency: Agency,
    model: LinkageModel,
    threshold: float,
    by_name: str,
    progress: Progress | None = None,
) -> Scored:
    """Score every blocked pair; those at or above ``threshold`` that no one has decided
    and that are not a victim and the person harming her become suggestions to review."""
    persons = queries.linkage_persons(agency)
    found = engine.predict(persons, model.settings, threshold=threshold, progress=progress)
    forbidden = rules.victim_harm_pairs(queries.event_parts(agency))
    known = queries.known_pairs(agency)
    new, victim_harm, already = [], 0, 0
    for item in found:
        pair = (item["unique_id_l"], item["unique_id_r"])
        if frozenset(pair) in forbidden:
            victim_harm += 1
            continue
        if pair in known:
            already += 1
            continue
        left, right = _side(pair[0]), _side(pair[1])
        new.append(
            CandidateLink(
                agency=agency,
                model=model,
                left_key=pair[0],
                right_key=pair[1],
                left_record_id=left.get("record_id"),
                left_person_id=left.get("person_id"),
                right_record_id=right.get("record_id"),
                right_person_id=right.get("person_id"),
                match_probability=item["match_probability"],
                match_weight=item["match_weight"],
                evidence=[
                    {"comparison": e.comparison, "level": e.level, "weight": e.weight}
                    for e in rules.evidence(model.settings, item)
                ],
            )
        )
    with transaction.atomic():
        CandidateLink.objects.bulk_create(new, batch_size=2000)
        audit.record(
            action=AuditAction.CREATE,
            obj=model,
            username=by_name,
            channel="command",
            reason=(
                f"linkage scored: {len(new)} pairs to review, {already} already decided, "
                f"{victim_harm} victim and person using harm in one event left out"
            ),
        )
    return Scored(len(new), already, victim_harm, sum(1 for p in persons if p.key[0] == "p"))


def _require_reviewer(by, link: CandidateLink) -> None:
    if not by.has_permission(Permission.MERGE_PERSONS) or by.agency_id != link.agency_id:
        raise PermissionDenied("Only the agency's staff who may join records decide on links.")
    if link.status != LinkStatus.SUGGESTED:
        raise ValidationError(f"This pair was already {link.get_status_display().lower()}.")


def confirm_link(*, link: CandidateLink, by, reason: str = "", request=None) -> CandidateLink:
    """A person confirms the pair is one person. A OneStory person's side takes the
    extract's record onto their record; nothing else is merged. A pair whose confirming
    would join a victim and the person harming her in one event is refused."""
    _require_reviewer(by, link)
    pair = (link.left_key, link.right_key)
    clash = rules.joins_victim_and_harm(
        pair,
        confirmed=queries.confirmed_pairs(link.agency),
        forbidden=rules.victim_harm_pairs(queries.event_parts(link.agency)),
    )
    if clash is not None:
        raise ValidationError(
            "These records cannot be one person: through the links already confirmed, one "
            "is the victim and the other the person using harm in the same event."
        )
    person = link.left_person or link.right_person
    record = link.left_record or link.right_record
    if person is not None and record is not None:
        record.refresh_from_db(fields=["person"])
        if record.person_id not in (None, person.pk):
            raise ValidationError(
                "This agency record is already linked to another OneStory person. Merge the "
                "two people from the person's page first if they are one."
            )
    with transaction.atomic():
        locked = CandidateLink.objects.select_for_update().get(pk=link.pk)
        if locked.status != LinkStatus.SUGGESTED:
            raise ValidationError(f"This pair was already {locked.get_status_display().lower()}.")
        link.status = LinkStatus.CONFIRMED
        link.decided_by = by
        link.decided_at = timezone.now()
        link.reason = reason
        link.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        fields = ["status"]
        if person is not None and record is not None:
            SourceRecord.objects.filter(pk=record.pk).update(person=person)
            fields.append("source_records")
        for side in link.persons or [None]:
            audit.record(
                action=AuditAction.UPDATE,
                by=by,
                request=request,
                obj=link,
                person_id=side.pk if isinstance(side, Person) else None,
                fields=fields,
                reason=f"link confirmed ({link.left_key}, {link.right_key}) {reason}".strip(),
            )
    return link


def reject_link(*, link: CandidateLink, by, reason: str = "", request=None) -> CandidateLink:
    """A person decides the pair is two people; the pair is remembered and never
    suggested again."""
    _require_reviewer(by, link)
    with transaction.atomic():
        locked = CandidateLink.objects.select_for_update().get(pk=link.pk)
        if locked.status != LinkStatus.SUGGESTED:
            raise ValidationError(f"This pair was already {locked.get_status_display().lower()}.")
        link.status = LinkStatus.REJECTED
        link.decided_by = by
        link.decided_at = timezone.now()
        link.reason = reason
        link.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        for side in link.persons or [None]:
            audit.record(
                action=AuditAction.UPDATE,
                by=by,
                request=request,
                obj=link,
                person_id=side.pk if isinstance(side, Person) else None,
                fields=["status"],
                reason=f"link rejected ({link.left_key}, {link.right_key}) {reason}".strip(),
            )
    return link
