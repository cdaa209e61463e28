"""Merging two records of the same person, decided by a manager, never automatically.

The record kept takes over everything that pointed at the other (names, contact details,
addresses, relationships, and other areas' records such as risk assessments). Anything
that cannot move without breaking a rule (a relationship between the two records, or one
the kept record already has) stays on the merged record, which is kept, marked
``merged_into``, and leads to the kept one. Shares and emergency access stay where they
were: they were granted for that record, not for the one kept.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.people.actions import PERSON_DETAILS
from onestory.people.models import NameKind, Person, PersonName

# Grants of access belong to the record they were given for.
STAYS_WITH_THE_RECORD = {"access.share", "access.emergencyaccess"}


def merge_problem(*, by, keep: Person, merge: Person) -> str | None:
    """Why these two records cannot be merged by ``by``, or None."""
    if keep.pk == merge.pk:
        return "Choose two different records."
    if not by.has_permission(Permission.MERGE_PERSONS):
        return "Your role does not allow merging records."
    if keep.owning_agency_id != by.agency_id or merge.owning_agency_id != by.agency_id:
        return "You can only merge records your agency holds."
    if keep.merged_into_id is not None or merge.merged_into_id is not None:
        return "One of these records has already been merged into another."
    return None


def _repoint(keep: Person, merge: Person) -> tuple[set[str], set[str]]:
    """Point every record that refers to ``merge`` at ``keep``; return what moved and stayed."""
    moved, stayed = set(), set()
    for relation in Person._meta.related_objects:
        model = relation.related_model
        label = model._meta.label_lower
        if label in STAYS_WITH_THE_RECORD or relation.many_to_many:
            continue
        column = relation.field.name
        if relation.one_to_one and model.objects.filter(**{column: keep}).exists():
            if model.objects.filter(**{column: merge}).exists():
                stayed.add(label)
            continue
        for pk in model.objects.filter(**{column: merge}).values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).update(**{column: keep})
                moved.add(label)
            except IntegrityError:
                stayed.add(label)
    return moved, stayed


def _fill_gaps(keep: Person, merge: Person) -> set[str]:
    """Details the kept record lacks are taken from the merged one; the kept record's win."""
    filled = set()
    for name in sorted(PERSON_DETAILS - {"given_name", "family_name"}):
        mine, theirs = getattr(keep, name), getattr(merge, name)
        if theirs not in ("", None, [], False) and mine in ("", None, [], False):
            setattr(keep, name, theirs)
            filled.add(name)
    return filled


def _keep_the_other_name(keep: Person, merge: Person, by) -> bool:
    """The merged record's name becomes another name of the kept person, if it differs."""
    if (merge.given_name, merge.family_name) == (keep.given_name, keep.family_name):
        return False
    known = keep.other_names.filter(
        given_name=merge.given_name, family_name=merge.family_name
    ).exists()
    if known:
        return False
    PersonName.objects.create(
        person=keep,
        kind=NameKind.ALIAS,
        given_name=merge.given_name,
        family_name=merge.family_name,
        created_by=by,
    )
    return True


@transaction.atomic
def merge_persons(*, by, keep: Person, merge: Person, reason: str = "") -> Person:
    """Merge ``merge`` into ``keep``; both keep their history and the audit names both."""
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    merge = Person.objects.select_for_update().get(pk=merge.pk)
    problem = merge_problem(by=by, keep=keep, merge=merge)
    if problem:
        raise ValidationError(problem)
    moved, stayed = _repoint(keep, merge)
    keep.refresh_from_db()
    filled = _fill_gaps(keep, merge)
    if filled:
        keep.full_clean()
        keep.save(update_fields=filled)
    named = _keep_the_other_name(keep, merge, by)
    merge.merged_into = keep
    merge.merged_at = timezone.now()
    merge.merged_by = by
    merge.save(update_fields=["merged_into", "merged_at", "merged_by"])
    note = f" Reason: {reason.strip()}" if reason.strip() else ""
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        obj=merge,
        fields={"merged_into", "merged_at", "merged_by"},
        reason=f"merged into person {keep.pk}; kept: {', '.join(sorted(stayed)) or 'nothing'}"
        + note,
    )
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        obj=keep,
        fields=filled | ({"other_names"} if named else set()),
        reason=f"person {merge.pk} merged into this record; moved: "
        f"{', '.join(sorted(moved)) or 'nothing'}" + note,
    )
    return keep
