"""Who may see which referrals: the one place views fetch them from.

A referral is seen only by staff of its owning agency (the central point of contact, for
every referral made through the front door) whose role may triage. Anyone else gets 404,
and the refusal is audited, so a referral's existence does not leak. Location-secret
answers (safe-contact details, the postcode) are shown only to those whose role may see
location-secret fields, and never to a perpetrator service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from onestory.access.policy import may_see_location, refuse
from onestory.accounts.roles import Permission
from onestory.core.registry import FieldClass, fields_up_to
from onestory.intake.models import Referral


@dataclass(frozen=True)
class ReferralGrant:
    location: bool

    def visible_fields(self) -> set[str]:
        highest = FieldClass.LOCATION_SECRET if self.location else FieldClass.SPECIAL_CATEGORY
        return fields_up_to(Referral, highest)


def visible_referrals(user) -> QuerySet[Referral]:
    if (
        not user.is_authenticated
        or user.agency_id is None
        or not user.has_permission(Permission.TRIAGE)
    ):
        return Referral.objects.none()
    return Referral.objects.filter(owning_agency_id=user.agency_id)


def grant_for(user) -> ReferralGrant:
    """What a user who may see a referral sees of it."""
    return ReferralGrant(location=may_see_location(user, owner=True))


def get_referral_for_user(request: HttpRequest, referral_id: int) -> tuple[Referral, ReferralGrant]:
    """Fetch a referral for the signed-in user, or raise 404 (and audit the refusal)."""
    referral = (
        visible_referrals(request.user)
        .filter(pk=referral_id)
        .select_related("owning_agency", "assigned_to", "submitted_by", "area", "person")
        .first()
    )
    if referral is None:
        refuse(request, reason=f"referral {referral_id} not visible")
    return referral, grant_for(request.user)
