"""Rules for shares and emergency access, as pure functions (no database, no request).

The actions in ``onestory.access.actions`` gather the facts, ask these rules, and refuse
with the messages they return, so a form can show each message next to its field.
"""

from __future__ import annotations

from datetime import datetime

from onestory.access.models.shares import LawfulBasis, ShareScope
from onestory.accounts.models.agencies import AgencyKind

# A reason short enough to say nothing ("urgent", "needed") is refused.
EMERGENCY_REASON_MIN_LENGTH = 20

# Agencies that never receive a record: commissioners see figures only.
NEVER_RECEIVE = {AgencyKind.COMMISSIONER}


def share_problems(
    *,
    owning_agency_id: int,
    to_agency_id: int | None,
    to_agency_kind: str,
    to_agency_active: bool,
    already_shared: bool,
    scope: str,
    lawful_basis: str,
    reason: str,
    includes_location: bool,
    granter_sees_location: bool,
    expires_at: datetime | None,
    now: datetime,
) -> dict[str, str]:
    """What is wrong with a proposed share, as {argument name: message}; empty when it may go.

    ``granter_sees_location`` is whether the person granting may see location-secret fields
    themselves: nobody passes on what they may not see.
    """
    problems: dict[str, str] = {}
    if to_agency_id is None:
        problems["to_agency"] = "Select the agency to share this record with"
    elif to_agency_id == owning_agency_id:
        problems["to_agency"] = "Your agency already holds this record: choose another agency"
    elif not to_agency_active:
        problems["to_agency"] = "This agency is no longer part of the partnership"
    elif to_agency_kind in NEVER_RECEIVE:
        problems["to_agency"] = (
            "Commissioners see figures only: a record cannot be shared with them"
        )
    elif already_shared:
        problems["to_agency"] = (
            "This agency already has an active share of this record. "
            "Revoke it first if you need to change it"
        )

    if scope not in ShareScope.values:
        problems["scope"] = "Select how much of the record to share"
    if lawful_basis not in LawfulBasis.values:
        problems["lawful_basis"] = "Select the lawful basis for sharing"
    elif lawful_basis != LawfulBasis.CONSENT and not reason.strip():
        problems["reason"] = "Explain why this record needs to be shared on this basis"

    if includes_location:
        if to_agency_kind == AgencyKind.PERPETRATOR_SERVICE:
            problems["includes_location"] = (
                "Location details are never shared with a perpetrator service"
            )
        elif not granter_sees_location:
            problems["includes_location"] = (
                "You cannot share location details, because your role does not let you see them"
            )

    if expires_at is not None and expires_at <= now:
        problems["expires_at"] = "The date the share ends must be in the future"
    return problems


def emergency_reason_problem(reason: str) -> str | None:
    """Why a reason for emergency access is not enough, or None when it will do."""
    text = " ".join(reason.split())
    if not text:
        return "Enter why you need to see this record now"
    if len(text) < EMERGENCY_REASON_MIN_LENGTH:
        return (
            f"Your reason must be at least {EMERGENCY_REASON_MIN_LENGTH} characters: "
            "say what has happened and why it cannot wait"
        )
    return None
