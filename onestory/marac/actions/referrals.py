"""Writes for MARAC referrals: referring, the coordinator's check and listing, declining,
closing at MARAC, and the MARAC shares that go with them.

Each action takes keyword arguments and the acting user as ``by``, runs in one
transaction and leaves audit events. A refusal the user can put right raises
``ValidationError`` keyed by field (``__all__`` for the whole request); a refusal they
cannot (the wrong role or the wrong MARAC) raises ``PermissionDenied``.

Why MARAC shares are made here rather than through ``access.actions.grant_share``: that
action lets only the agency holding a record share it, and refuses a second share to an
agency that already has one. A MARAC case brings together people whose records several
agencies hold, and the coordinator, who holds none of them, lists the case; the law lets
the MARAC share for its own purpose, and the MARAC share must end at closure without
touching a consent share the agency already had. So these shares are made and ended here,
each recorded on the referral and audited as any share is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.models import LawfulBasis, Share
from onestory.accounts.models import Agency
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.marac import rules
from onestory.marac.models import (
    COUNTS_FOR_REPEATS,
    CRITERIA_FIELDS,
    OPEN_STATUSES,
    AgendaItem,
    Marac,
    MaracReferral,
    Meeting,
    ReferralStatus,
)
from onestory.people.models import Person
from onestory.risk.models import RiskAssessment

REFERRAL_FIELDS = [
    "marac",
    "perpetrators",
    "children",
    "children_in_household",
    "reason",
    "criteria",
    "judgement_reason",
    "repeat_of",
    "risk_assessment",
]


def require_coordinator(by, marac: Marac) -> None:
    if not (
        by.has_permission(Permission.COORDINATE_MARAC)
        and by.agency_id is not None
        and by.agency_id == marac.coordinating_agency_id
    ):
        raise PermissionDenied("Only this MARAC's coordinators may do this.")


def past_referrals(victim: Person, *, exclude: int | None = None) -> list[rules.PastReferral]:
    """The victim's MARAC referrals that count for the repeat rule, with their perpetrators."""
    referrals = (
        MaracReferral.objects.filter(victim=victim, status__in=COUNTS_FOR_REPEATS)
        .exclude(pk=exclude)
        .prefetch_related("perpetrators")
    )
    return [
        rules.PastReferral(r.pk, r.referred_on, frozenset(p.pk for p in r.perpetrators.all()))
        for r in referrals
    ]


def latest_assessment(victim: Person) -> RiskAssessment | None:
    return (
        RiskAssessment.objects.scored()
        .filter(person=victim)
        .order_by("-assessed_at", "-id")
        .first()
    )


def refer_to_marac(
    *,
    marac: Marac | None,
    victim: Person,
    perpetrators: Iterable[Person],
    children: Iterable[Person] = (),
    children_in_household: int | None = None,
    reason: str,
    judgement: bool = False,
    judgement_reason: str = "",
    referred_on: date | None = None,
    by,
    request: HttpRequest | None = None,
) -> MaracReferral:
    """Refer a victim to a MARAC, with the people using harm and the children.

    The criteria met come from the victim's latest risk assessment, the referrer's
    professional judgement (with its reason) and the repeat rule; a referral meeting none
    is refused. The referral records the assessment it relies on; one older than
    ``MARAC_ASSESSMENT_MAX_AGE_DAYS`` before the referral is not enough on its own, so a
    new DASH or professional judgement (with its reason) is then needed. The MARAC's
    coordinating agency is given a MARAC share of the people so that the coordinator can
    check the referral.
    """
    if not by.has_permission(Permission.REFER_TO_MARAC):
        raise PermissionDenied("Your role does not allow MARAC referrals.")
    perpetrators, children = list(perpetrators), list(children)
    today = timezone.localdate()
    referred_on = referred_on or today
    if referred_on > today:
        raise ValidationError({"referred_on": "The referral date cannot be in the future"})
    reason, judgement_reason = reason.strip(), judgement_reason.strip()
    with transaction.atomic():
        # Lock the victim so two workers cannot refer her twice at the same moment.
        list(Person.objects.select_for_update().filter(pk=victim.pk).values_list("pk"))
        perpetrator_ids = {p.pk for p in perpetrators}
        earlier = past_referrals(victim)
        repeat_of = rules.repeat_of(
            earlier, referred_on=referred_on, perpetrator_ids=perpetrator_ids
        )
        assessment = latest_assessment(victim)
        max_age = settings.MARAC_ASSESSMENT_MAX_AGE_DAYS
        assessed_on = timezone.localdate(assessment.assessed_at) if assessment else None
        current = assessed_on is None or rules.assessment_is_current(
            assessed_on, referred_on, max_age_days=max_age
        )
        criteria = rules.criteria_met(
            assessment_criteria=assessment.criteria if assessment else [],
            judgement=judgement,
            judgement_reason=judgement_reason,
            repeat=repeat_of is not None,
            assessment_current=current,
        )
        open_on = None
        if marac is not None:
            open_on = (
                MaracReferral.objects.filter(
                    victim=victim,
                    marac=marac,
                    status__in=(ReferralStatus.SUBMITTED, ReferralStatus.LISTED),
                )
                .values_list("referred_on", flat=True)
                .first()
            )
        problems = rules.referral_problems(
            marac_active=marac.is_active if marac is not None else None,
            victim_id=victim.pk,
            perpetrator_ids=perpetrator_ids,
            child_ids={c.pk for c in children},
            reason=reason,
            judgement=judgement,
            judgement_reason=judgement_reason,
            criteria=criteria,
            open_referral_on=open_on,
            stale_assessment_on=None if current else assessed_on,
            max_age_days=max_age,
            children_in_household=children_in_household,
        )
        if problems:
            raise ValidationError(problems)
        referral = MaracReferral.objects.create(
            marac=marac,
            victim=victim,
            referring_agency_id=by.agency_id,
            referred_by=by,
            referred_on=referred_on,
            children_in_household=children_in_household,
            risk_assessment=assessment,
            assessment_current=current,
            judgement_reason=judgement_reason if judgement else "",
            reason=reason,
            repeat_of_id=repeat_of,
            **{name: name in criteria for name in CRITERIA_FIELDS},
        )
        referral.perpetrators.set(perpetrators)
        referral.children.set(children)
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=referral,
            person_id=victim.pk,
            fields=REFERRAL_FIELDS,
        )
        open_shares(
            referral,
            agencies=[marac.coordinating_agency],
            reason=f"Referred to {marac.name} for its coordinators to check",
            by=by,
            request=request,
        )
    return referral


def _people(referral: MaracReferral) -> list[tuple[Person, str]]:
    people = [(referral.victim, rules.VICTIM)]
    people += [(p, rules.PERPETRATOR) for p in referral.perpetrators.all()]
    people += [(c, rules.CHILD) for c in referral.children.all()]
    return people


def open_shares(
    referral: MaracReferral,
    *,
    agencies: Iterable[Agency],
    reason: str,
    by,
    request: HttpRequest | None = None,
) -> list[Share]:
    """Share the case's people with ``agencies`` for the MARAC, unless already shared."""
    now = timezone.now()
    have = set(referral.shares.active(now).values_list("person_id", "to_agency_id"))
    new = [
        Share(
            from_agency_id=person.owning_agency_id,
            to_agency=agency,
            person=person,
            scope=rules.share_scope(role, agency.kind),
            lawful_basis=LawfulBasis.MARAC,
            reason=reason,
            includes_location=False,  # never where anyone can be found
            granted_by=by,
            granted_at=now,
        )
        for agency in agencies
        for person, role in _people(referral)
        if person.owning_agency_id != agency.pk and (person.pk, agency.pk) not in have
    ]
    if not new:
        return []
    created = Share.objects.bulk_create(new)
    referral.shares.add(*created)
    for share in created:
        audit.record(
            action=AuditAction.SHARE_GRANTED,
            by=by,
            request=request,
            obj=share,
            fields=["to_agency", "scope", "lawful_basis", "reason"],
            reason=reason,
        )
    return created


def end_shares(
    referral: MaracReferral,
    *,
    reason: str,
    by,
    request: HttpRequest | None = None,
    agencies: Iterable[Agency] | None = None,
) -> int:
    """End the MARAC shares the case opened (to ``agencies`` only, when given); other
    shares of the same people stay."""
    now = timezone.now()
    shares = referral.shares.active(now)
    if agencies is not None:
        shares = shares.filter(to_agency__in=list(agencies))
    shares = list(shares)
    for share in shares:
        share.revoked_at = now
        share.revoked_by = by
        share.revoke_reason = reason
        share.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit.record(
            action=AuditAction.SHARE_REVOKED,
            by=by,
            request=request,
            obj=share,
            fields=["revoked_at", "revoked_by", "revoke_reason"],
            reason=reason,
        )
    return len(shares)


def list_case(
    *, referral: MaracReferral, meeting: Meeting, by, request: HttpRequest | None = None
) -> AgendaItem:
    """The coordinator has checked a referral and lists it for a meeting.

    The member agencies are then given MARAC shares of the people in the case, so their
    representatives can research it.
    """
    require_coordinator(by, referral.marac)
    with transaction.atomic():
        referral = (
            MaracReferral.objects.select_for_update().select_related("marac").get(pk=referral.pk)
        )
        problems = listing_problems(referral, meeting)
        if problems:
            raise ValidationError(problems)
        now = timezone.now()
        last = meeting.items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=meeting, referral=referral, position=last + 1, listed_by=by, listed_at=now
        )
        if referral.checked_at is None:
            referral.checked_by, referral.checked_at = by, now
        referral.status = ReferralStatus.LISTED
        referral.save(update_fields=["status", "checked_by", "checked_at"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=referral,
            person_id=referral.victim_id,
            fields=["status", "checked_by", "agenda"],
            reason=f"listed for the meeting on {meeting.meets_on.isoformat()}",
        )
        members = referral.marac.members.filter(is_active=True)
        open_shares(
            referral,
            agencies=members,
            reason=f"Listed for {referral.marac.name} on "
            f"{meeting.meets_on.day} {meeting.meets_on:%B %Y}",
            by=by,
            request=request,
        )
    return item


def listing_problems(referral: MaracReferral, meeting: Meeting) -> dict[str, str]:
    if meeting.marac_id != referral.marac_id:
        return {"meeting": "Choose a meeting of the MARAC this case was referred to"}
    if not meeting.is_open or meeting.meets_on < timezone.localdate():
        return {"meeting": "Choose a meeting that has not happened yet"}
    if referral.status not in (ReferralStatus.SUBMITTED, ReferralStatus.LISTED):
        return {rules.NON_FIELD: "This case is closed, so it cannot be listed"}
    waiting = (
        referral.agenda_items.filter(discussed_at__isnull=True, meeting__status="scheduled")
        .select_related("meeting")
        .first()
    )
    if waiting is not None:
        day = waiting.meeting.meets_on
        return {
            "meeting": f"This case is already on the agenda for {day.day} {day:%B %Y} "
            "and has not been discussed yet"
        }
    return {}


def decline_referral(
    *, referral: MaracReferral, reason: str, by, request: HttpRequest | None = None
) -> MaracReferral:
    """The coordinator does not take a referral to MARAC, and says why."""
    require_coordinator(by, referral.marac)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why this referral is not going to MARAC"})
    with transaction.atomic():
        referral = MaracReferral.objects.select_for_update().get(pk=referral.pk)
        if referral.status != ReferralStatus.SUBMITTED:
            raise ValidationError(
                {rules.NON_FIELD: "Only a referral waiting for its check can be declined"}
            )
        referral.status = ReferralStatus.DECLINED
        referral.decline_reason = reason
        referral.checked_by, referral.checked_at = by, timezone.now()
        referral.save(update_fields=["status", "decline_reason", "checked_by", "checked_at"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=referral,
            person_id=referral.victim_id,
            fields=["status", "decline_reason"],
        )
        end_shares(referral, reason="MARAC referral declined", by=by, request=request)
    return referral


def close_case(
    *, referral: MaracReferral, note: str = "", by, request: HttpRequest | None = None
) -> MaracReferral:
    """Close a case at MARAC. Every MARAC share it opened ends now, so the members'
    representatives lose sight of it on their next request."""
    require_coordinator(by, referral.marac)
    with transaction.atomic():
        referral = MaracReferral.objects.select_for_update().get(pk=referral.pk)
        problems = rules.closure_problems(
            status=referral.status,
            discussed=referral.agenda_items.filter(discussed_at__isnull=False).exists(),
            open_actions=referral.actions.filter(status__in=OPEN_STATUSES).count(),
        )
        if problems:
            raise ValidationError(problems)
        referral.status = ReferralStatus.CLOSED
        referral.closed_by, referral.closed_at = by, timezone.now()
        referral.closure_note = note.strip()
        referral.save(update_fields=["status", "closed_by", "closed_at", "closure_note"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=referral,
            person_id=referral.victim_id,
            fields=["status", "closed_at", "closure_note"],
        )
        end_shares(referral, reason="Case closed at MARAC", by=by, request=request)
    return referral
