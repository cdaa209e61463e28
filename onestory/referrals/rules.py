"""The rules of onward referrals, as pure functions (no database, no request).

- the consent rule: a referral goes only with the person's consent to share with that kind
  of service, or on another lawful basis recorded with a reason;
- the transitions: which status may follow which, and which side (sending or receiving
  agency) may make each change;
- what travels: which location-secret details go with a referral to each kind of service.

The actions in ``onestory.referrals.actions`` gather the facts, ask these rules, and refuse
with the messages they return, keyed by the argument they are about.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from onestory.access.models.shares import LawfulBasis
from onestory.accounts.models.agencies import AgencyKind
from onestory.directory.choices import NEED_KINDS, RiskBand, SupportKind
from onestory.intake.choices import Service as ConsentKind
from onestory.referrals.choices import Basis, Consent, DeclineReason, Event, Status

# --- Consent ---------------------------------------------------------------------------------

# The front door asks whether a person agrees to their details going to each kind of service;
# this says which answer covers each kind of support in the directory. A kind with no answer
# needs consent recorded on the referral itself.
CONSENT_FOR_KIND: dict[str, ConsentKind | None] = {
    SupportKind.OUTREACH: ConsentKind.OUTREACH,
    SupportKind.IDVA: ConsentKind.IDVA,
    SupportKind.SAFE_ACCOMMODATION: ConsentKind.REFUGE,
    SupportKind.CHILDREN: ConsentKind.CHILDREN,
    SupportKind.EARLY_HELP: ConsentKind.CHILDREN,
    SupportKind.SCHOOL: ConsentKind.CHILDREN,
    SupportKind.PERPETRATOR: ConsentKind.PERPETRATOR,
    SupportKind.SANCTUARY: ConsentKind.HOUSING,
    SupportKind.HOUSING: ConsentKind.HOUSING,
    SupportKind.COUNSELLING: ConsentKind.HEALTH,
    SupportKind.MENTAL_HEALTH: ConsentKind.HEALTH,
    SupportKind.SUBSTANCE_USE: ConsentKind.HEALTH,
    SupportKind.LEGAL: None,
}

# The basis a referral's share is granted on.
SHARE_BASIS = {
    Basis.CONSENT: LawfulBasis.CONSENT,
    Basis.HIGH_RISK: LawfulBasis.VITAL_INTERESTS,
    Basis.SAFEGUARDING: LawfulBasis.SAFEGUARDING,
}


def consent_problems(
    *,
    basis: str,
    basis_reason: str,
    consent: str,
    consent_note: str,
    consent_on_file: bool,
    risk_level: str | None,
) -> dict[str, str]:
    """What stops a referral going on this basis, as {argument: message}; empty when it may.

    ``consent_on_file`` is whether the front door recorded the person's consent to share
    with this kind of service; ``consent`` is what they said when asked about this referral.
    """
    problems: dict[str, str] = {}
    if consent not in Consent.values:
        problems["consent"] = "Select whether they agreed to this referral"
    elif consent == Consent.GIVEN and not consent_note.strip():
        problems["consent_note"] = "Say when and how they agreed"
    if basis not in Basis.values:
        problems["basis"] = "Select the lawful basis for this referral"
        return problems
    if basis == Basis.CONSENT:
        if consent == Consent.REFUSED:
            problems["basis"] = (
                "They did not agree to this referral. Refer them only on another lawful basis, "
                "and say why"
            )
        elif consent != Consent.GIVEN and not consent_on_file:
            problems["consent"] = (
                "No consent to share with this kind of service is recorded. Record that they "
                "agreed, or choose another lawful basis and say why"
            )
        return problems
    if basis == Basis.HIGH_RISK and risk_level != RiskBand.HIGH:
        problems["basis"] = (
            "Their latest risk assessment is not high risk, so high risk cannot be the basis"
        )
    if not basis_reason.strip():
        problems["basis_reason"] = "Explain why they must be referred on this basis"
    return problems


def needs_problem(needs: list[str]) -> str | None:
    if not set(needs) <= {kind.value for kind in NEED_KINDS}:
        return "Choose their needs from the list"
    return None


# --- Transitions -----------------------------------------------------------------------------


class Side(StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"


@dataclass(frozen=True)
class Transition:
    side: Side
    from_statuses: frozenset[Status]
    to_status: Status


TRANSITIONS: dict[Event, Transition] = {
    Event.ACCEPT: Transition(Side.RECEIVER, frozenset({Status.SENT}), Status.ACCEPTED),
    Event.DECLINE: Transition(Side.RECEIVER, frozenset({Status.SENT}), Status.DECLINED),
    Event.WITHDRAW: Transition(
        Side.SENDER, frozenset({Status.SENT, Status.ACCEPTED}), Status.WITHDRAWN
    ),
    Event.COMPLETE: Transition(Side.RECEIVER, frozenset({Status.ACCEPTED}), Status.COMPLETED),
}

# Changes after which the receiving agency no longer sees the record through this referral.
ENDS_SHARE = frozenset({Event.DECLINE, Event.WITHDRAW})


class TransitionRefused(Exception):
    """The referral cannot make that change now; the message says why."""


class WrongSide(Exception):
    """That change is for the other agency to make."""


def next_status(current: str, event: Event, sides: set[Side]) -> Status:
    """The status after ``event``, for a user on ``sides``; raises when it may not happen."""
    transition = TRANSITIONS[Event(event)]
    if transition.side not in sides:
        raise WrongSide(
            "Only the agency that sent this referral can withdraw it"
            if transition.side == Side.SENDER
            else "Only the agency that received this referral can do that"
        )
    if current not in transition.from_statuses:
        label = Status(current).label.lower()
        raise TransitionRefused(f"This referral is {label}, so it cannot be {_past(event)} now")
    return transition.to_status


def _past(event: Event) -> str:
    return {
        Event.ACCEPT: "accepted",
        Event.DECLINE: "declined",
        Event.WITHDRAW: "withdrawn",
        Event.COMPLETE: "completed",
    }[Event(event)]


def events_for(status: str, sides: set[Side]) -> list[Event]:
    """The changes a user on ``sides`` may make to a referral in ``status``."""
    return [
        event
        for event, transition in TRANSITIONS.items()
        if transition.side in sides and status in transition.from_statuses
    ]


def decline_problems(reason: str, note: str) -> dict[str, str]:
    if reason not in DeclineReason.values:
        return {"reason": "Select why you are declining this referral"}
    if reason == DeclineReason.OTHER and not note.strip():
        return {"note": "Say why you are declining this referral"}
    return {}


# --- What travels ----------------------------------------------------------------------------

# Kinds of support whose work needs the person's safe contact details and current address:
# they make first contact and plan safety with the person where they live.
LOCATION_NEEDED_BY = frozenset({SupportKind.OUTREACH, SupportKind.IDVA, SupportKind.SANCTUARY})


def location_travels(*, service_kind: str, agency_kind: str) -> bool:
    """Whether location-secret details go with a referral to this service.

    A refuge needs the current risk, not the old safe address; a perpetrator service never
    receives a victim's contact details or location, whatever kind of support it offers.
    """
    if agency_kind == AgencyKind.PERPETRATOR_SERVICE or service_kind == SupportKind.PERPETRATOR:
        return False
    return service_kind in LOCATION_NEEDED_BY


@dataclass(frozen=True)
class HandoverScope:
    """What the handover summary shows one receiving agency."""

    story: bool  # the story as the front door heard it
    contact: bool  # safe contact details: numbers, safe times, safe word, current address
    names_of_others: bool  # the names of the people they are connected to
    referrer: bool  # who told the front door


def handover_scope(*, location: bool, perpetrator_service: bool, own_words: bool) -> HandoverScope:
    """A perpetrator service hears only the person's own words, and nobody else's name."""
    if perpetrator_service:
        return HandoverScope(story=own_words, contact=False, names_of_others=False, referrer=False)
    return HandoverScope(story=True, contact=location, names_of_others=True, referrer=True)
