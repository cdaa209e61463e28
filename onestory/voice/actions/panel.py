"""Writes for the lived-experience panel and the "you said, we did" log (their rules are in
rules.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.voice.models import LogEntry, PanelContribution, PanelMember
from onestory.voice.rules import contribution_problems, member_problems


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def add_member(*, agency, by, **details) -> PanelMember:
    _raise(member_problems(details, today=timezone.localdate()))
    member = PanelMember(agency=agency, added_by=by, joined_on=timezone.localdate(), **details)
    member.full_clean()
    member.save()
    audit.record(action=AuditAction.CREATE, by=by, obj=member)
    return member


@transaction.atomic
def record_contribution(
    *, member: PanelMember, activity: str, took_part_on, hours, voucher_pence: int, by
) -> PanelContribution:
    _raise(
        contribution_problems(
            activity=activity,
            took_part_on=took_part_on,
            hours=hours,
            voucher_pence=voucher_pence,
            today=timezone.localdate(),
        )
    )
    contribution = PanelContribution.objects.create(
        agency_id=member.agency_id,
        member=member,
        activity=activity.strip(),
        took_part_on=took_part_on,
        hours=hours,
        voucher_pence=voucher_pence,
        recorded_by=by,
    )
    audit.record(action=AuditAction.CREATE, by=by, obj=contribution)
    return contribution


@transaction.atomic
def withdraw(*, member: PanelMember, by) -> int:
    """Someone leaves the panel: their details are deleted; what they took part in stays,
    tied to nobody. Returns how many contributions were kept."""
    current = PanelMember.objects.select_for_update().get(pk=member.pk)
    kept = PanelContribution.objects.filter(member=current).update(member=None)
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        reason=f"panel member {current.pk} withdrew; details deleted, {kept} contributions kept",
    )
    current.delete()
    return kept


@transaction.atomic
def add_log_entry(*, agency, by, **fields) -> LogEntry:
    problems = {}
    for name, message in (
        ("you_said", "Enter what was raised"),
        ("response", "Enter the response"),
        ("owner", "Enter who owns the response"),
    ):
        if not (fields.get(name) or "").strip():
            problems[name] = message
    if fields.get("raised_on") is None:
        problems["raised_on"] = "Enter the date it was raised"
    elif fields["raised_on"] > timezone.localdate():
        problems["raised_on"] = "The date it was raised must be today or in the past"
    _raise(problems)
    entry = LogEntry(agency=agency, written_by=by, **fields)
    entry.full_clean()
    entry.save()
    audit.record(action=AuditAction.CREATE, by=by, obj=entry)
    return entry


@transaction.atomic
def publish_log_entry(*, entry: LogEntry, by) -> LogEntry:
    current = LogEntry.objects.select_for_update().get(pk=entry.pk)
    if current.published_on is not None:
        raise ValidationError({"__all__": "This entry is already published"})
    if not current.what_changed.strip():
        raise ValidationError({"__all__": "Say what changed before publishing"})
    current.published_on = timezone.localdate()
    current.save(update_fields=["published_on"])
    audit.record(action=AuditAction.UPDATE, by=by, obj=current, fields=["published_on"])
    return current
