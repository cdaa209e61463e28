"""The lived-experience panel's rules and writes, and the "you said, we did" log's.

Safe contact follows the front door's rules (``intake.rules.referral_problems``): a number
marked safe to call must be given, a number or address given must say whether it is safe,
and there must be at least one safe way to reach the person.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.intake.rules import referral_problems
from onestory.voice.models import LogEntry, PanelContribution, PanelMember

CONTACT_FIELDS = (
    "phone",
    "safe_to_call",
    "voicemail_allowed",
    "safe_to_text",
    "email",
    "safe_to_email",
    "safe_times",
    "safe_word",
    "contact_only_through_professional",
    "professional_contact",
)
MOST_HOURS = Decimal(24)


def member_problems(values: dict) -> dict[str, str]:
    """What is wrong with a panel member's details, by field."""
    problems = {}
    if not (values.get("name") or "").strip():
        problems["name"] = "Enter the name they would like to be called"
    contact = {name: values.get(name) for name in CONTACT_FIELDS}
    for field, message in referral_problems(contact, today=timezone.localdate()).items():
        problems.setdefault(field, str(message))
    return problems


def contribution_problems(
    *, activity: str, took_part_on: dt.date | None, hours, voucher_pence: int, today: dt.date
) -> dict[str, str]:
    problems = {}
    if not activity.strip():
        problems["activity"] = "Enter what they took part in"
    if took_part_on is None:
        problems["took_part_on"] = "Enter the date they took part"
    elif took_part_on > today:
        problems["took_part_on"] = "The date they took part must be today or in the past"
    if hours is None or hours <= 0:
        problems["hours"] = "Enter the hours, more than 0"
    elif hours > MOST_HOURS:
        problems["hours"] = "Enter the hours for one day, 24 or fewer"
    if voucher_pence < 0:
        problems["voucher_pence"] = "Vouchers cannot be less than £0"
    return problems


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def add_member(*, agency, by, **details) -> PanelMember:
    _raise(member_problems(details))
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
