"""Who may see which onward referrals: the one place views fetch them from.

An onward referral is seen by staff of the agency that sent it and of the agency that runs
the service it went to, whose role may view persons. The receiving agency sees it only while
it may see the person (the referral's share, or another), so revoking the share hides the
referral on the receiving agency's next request. Anyone else gets 404, and the refusal is
audited, so a referral's existence does not leak.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from onestory.access.policy import Grant, grant_for, refuse
from onestory.accounts.roles import Permission
from onestory.referrals.models import OnwardReferral
from onestory.referrals.rules import Side
from onestory.referrals.transitions import sides_of


def visible_onward_referrals(user) -> QuerySet[OnwardReferral]:
    """Referrals sent or received by the user's agency (the person may no longer be shared)."""
    if (
        not user.is_authenticated
        or user.agency_id is None
        or not user.has_permission(Permission.VIEW_PERSON)
    ):
        return OnwardReferral.objects.none()
    return OnwardReferral.objects.filter(
        Q(from_agency_id=user.agency_id) | Q(to_agency_id=user.agency_id)
    )


def get_onward_referral_for_user(
    request: HttpRequest, onward_referral_id: int
) -> tuple[OnwardReferral, set[Side], Grant]:
    """Fetch a referral with the user's sides and grant to its person, or 404 (audited)."""
    referral = (
        visible_onward_referrals(request.user)
        .filter(pk=onward_referral_id)
        .select_related(
            "person",
            # Read with the referral for the handover, which decides what of it to show.
            "person__safe_contact_plan",
            "service__organisation",
            "from_agency",
            "to_agency",
            "sent_by",
            "share",
        )
        .first()
    )
    grant = grant_for(request.user, referral.person) if referral is not None else None
    if referral is None or grant is None:
        refuse(
            request,
            person_id=referral.person_id if referral is not None else None,
            reason=f"onward referral {onward_referral_id} not visible",
        )
    return referral, sides_of(request.user, referral), grant
