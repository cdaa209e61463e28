"""Writes for MARACs and their meetings: setting up a MARAC and its members, scheduling,
research before a meeting, the discussion at it, and recording that it was held."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import Agency, Area
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.free_text import refuse_addresses
from onestory.marac import rules
from onestory.marac.actions.referrals import end_shares, open_shares, require_coordinator
from onestory.marac.models import (
    AgendaItem,
    Marac,
    Meeting,
    MeetingStatus,
    ReferralStatus,
    Research,
)


def create_marac(
    *, name: str, area: Area | None, members: Iterable[Agency], by, request=None
) -> Marac:
    """Set up a MARAC for an area, coordinated by the coordinator's own agency."""
    if not by.has_permission(Permission.COORDINATE_MARAC) or by.agency_id is None:
        raise PermissionDenied("Only MARAC coordinators set up MARACs.")
    members = list(members)
    name = name.strip()
    problems = rules.member_problems(agency.kind for agency in members)
    if not name:
        problems["name"] = "Enter the MARAC's name"
    elif Marac.objects.filter(name__iexact=name).exists():
        problems["name"] = "There is already a MARAC with this name"
    if area is None:
        problems["area"] = "Select the area the MARAC covers"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        marac = Marac.objects.create(name=name, area=area, coordinating_agency_id=by.agency_id)
        marac.members.set(members)
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=marac,
            fields=["name", "area", "members"],
        )
    return marac


def set_members(
    *, marac: Marac, members: Iterable[Agency], by, request: HttpRequest | None = None
) -> Marac:
    """Change which agencies sit on the MARAC.

    A new member is given MARAC shares of the cases listed now, so it can research them;
    an agency that leaves loses the MARAC shares it had.
    """
    require_coordinator(by, marac)
    members = list(members)
    problems = rules.member_problems(agency.kind for agency in members)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        before = set(marac.members.all())
        marac.members.set(members)
        audit.record(
            action=AuditAction.UPDATE, by=by, request=request, obj=marac, fields=["members"]
        )
        joined = [a for a in members if a not in before and a.is_active]
        left = [a for a in before if a not in members]
        listed = marac.referrals.filter(status=ReferralStatus.LISTED).select_related("victim")
        for referral in listed.prefetch_related("perpetrators", "children"):
            if joined:
                open_shares(
                    referral,
                    agencies=joined,
                    reason=f"Joined {marac.name} while the case is listed",
                    by=by,
                    request=request,
                )
            if left:
                end_shares(
                    referral,
                    agencies=left,
                    reason=f"Left {marac.name}",
                    by=by,
                    request=request,
                )
    return marac


def schedule_meeting(
    *,
    marac: Marac,
    meets_on: date | None,
    starts_at: time | None = None,
    venue: str = "",
    by,
    request: HttpRequest | None = None,
) -> Meeting:
    require_coordinator(by, marac)
    problems = rules.meeting_problems(meets_on=meets_on, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                marac=marac,
                meets_on=meets_on,
                starts_at=starts_at or time(10, 0),
                venue=venue.strip(),
            )
    except IntegrityError:
        raise ValidationError(
            {"meets_on": "This MARAC already meets at that date and time"}
        ) from None
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=meeting,
        fields=["meets_on", "starts_at", "venue"],
    )
    return meeting


def mark_held(*, meeting: Meeting, by, request: HttpRequest | None = None) -> Meeting:
    """Record that the meeting took place; cases not reached can be listed again."""
    require_coordinator(by, meeting.marac)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.SCHEDULED:
            raise ValidationError({rules.NON_FIELD: "This meeting is already marked as held"})
        if meeting.meets_on > timezone.localdate():
            raise ValidationError(
                {rules.NON_FIELD: "A meeting cannot be marked as held before its date"}
            )
        meeting.status = MeetingStatus.HELD
        meeting.held_recorded_at, meeting.held_recorded_by = timezone.now(), by
        meeting.save(update_fields=["status", "held_recorded_at", "held_recorded_by"])
        audit.record(
            action=AuditAction.UPDATE, by=by, request=request, obj=meeting, fields=["status"]
        )
    return meeting


def add_research(
    *,
    item: AgendaItem,
    known: str,
    risks: str = "",
    doing: str = "",
    by,
    request: HttpRequest | None = None,
) -> Research:
    """A member agency's representative records what their agency knows about a listed case.

    One piece of research per agency for each listing; writing again replaces it. Research
    from an agency that is not a member of the MARAC is refused.
    """
    if not by.has_permission(Permission.REPRESENT_AT_MARAC):
        raise PermissionDenied("Only MARAC representatives add research.")
    marac = item.meeting.marac
    member_ids = set(marac.members.values_list("pk", flat=True))
    problems = rules.research_problems(
        agency_id=by.agency_id,
        member_ids=member_ids,
        known=known,
        discussed=item.discussed_at is not None,
    )
    if not problems and item.meeting.status != MeetingStatus.SCHEDULED:
        problems = {
            rules.NON_FIELD: "This meeting has already taken place. Add research when the "
            "case is listed again"
        }
    if problems:
        raise ValidationError(problems)
    refuse_addresses({"known": known, "risks": risks, "doing": doing})
    with transaction.atomic():
        research, created = Research.objects.update_or_create(
            item=item,
            agency_id=by.agency_id,
            defaults={
                "known": known.strip(),
                "risks": risks.strip(),
                "doing": doing.strip(),
                "written_by": by,
            },
        )
        audit.record(
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            by=by,
            request=request,
            obj=research,
            person_id=item.referral.victim_id,
            fields=["known", "risks", "doing"],
        )
    return research


def record_discussion(
    *, item: AgendaItem, discussion: str, by, request: HttpRequest | None = None
) -> AgendaItem:
    """The coordinator records what the meeting said about a case, once it has been held."""
    require_coordinator(by, item.meeting.marac)
    discussion = discussion.strip()
    if not discussion:
        raise ValidationError({"discussion": "Record what the meeting discussed"})
    if item.meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({rules.NON_FIELD: "This meeting was cancelled"})
    if item.meeting.status == MeetingStatus.SCHEDULED:
        raise ValidationError(
            {rules.NON_FIELD: "Mark the meeting as held before recording what it discussed"}
        )
    refuse_addresses({"discussion": discussion})
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        first = item.discussed_at is None
        item.discussion = discussion
        item.discussed_by = by
        if first:
            item.discussed_at = timezone.now()
        item.save(update_fields=["discussion", "discussed_by", "discussed_at"])
        audit.record(
            action=AuditAction.CREATE if first else AuditAction.UPDATE,
            by=by,
            request=request,
            obj=item,
            person_id=item.referral.victim_id,
            fields=["discussion"],
        )
    return item
