"""Writes for repeat MARAC cases: flagging the file when a new incident is recorded, and
the coordinator saying what they did about it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.marac import rules
from onestory.marac.actions.referrals import past_referrals, require_coordinator
from onestory.marac.models import RepeatFlag
from onestory.risk.models import Incident


@transaction.atomic
def flag_repeats_for_incident(*, incident: Incident) -> RepeatFlag | None:
    """Flag the victim's MARAC file when ``incident`` repeats one of her MARAC referrals.

    Called whenever an incident is recorded or its people using harm change, whichever
    agency records it. It keeps one flag for the incident, on the referral it repeats; a
    flag nobody has dealt with yet is moved or removed when the incident's details change.
    """
    match = rules.repeat_match(
        past_referrals(incident.person),
        incident_on=incident.occurred_on,
        perpetrator_ids={p.pk for p in incident.perpetrators.all()},
    )
    existing = list(RepeatFlag.objects.filter(incident=incident))
    for flag in existing:
        if flag.dealt_with_at is None and (match is None or flag.referral_id != match.referral_id):
            flag.delete()
    if match is None:
        return None
    flag = next((f for f in existing if f.referral_id == match.referral_id), None)
    if flag is not None:
        if flag.perpetrator_recorded != match.perpetrator_recorded:
            flag.perpetrator_recorded = match.perpetrator_recorded
            flag.save(update_fields=["perpetrator_recorded"])
        return flag
    flag = RepeatFlag.objects.create(
        referral_id=match.referral_id,
        incident=incident,
        perpetrator_recorded=match.perpetrator_recorded,
    )
    audit.record(
        action=AuditAction.CREATE,
        by=incident.recorded_by,
        obj=flag,
        person_id=incident.person_id,
        fields=["referral", "incident", "perpetrator_recorded"],
        reason="repeat MARAC case flagged",
    )
    return flag


def deal_with_flag(
    *, flag: RepeatFlag, note: str, by, request: HttpRequest | None = None
) -> RepeatFlag:
    """The coordinator records what they did about a repeat (listed it again, say)."""
    require_coordinator(by, flag.referral.marac)
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Say what you have done about this repeat"})
    with transaction.atomic():
        flag = RepeatFlag.objects.select_for_update().get(pk=flag.pk)
        if flag.dealt_with_at is not None:
            raise ValidationError({rules.NON_FIELD: "This repeat has already been dealt with"})
        flag.dealt_with_at, flag.dealt_with_by, flag.dealt_with_note = timezone.now(), by, note
        flag.save(update_fields=["dealt_with_at", "dealt_with_by", "dealt_with_note"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=flag,
            person_id=flag.referral.victim_id,
            fields=["dealt_with_at", "dealt_with_note"],
        )
    return flag
