"""Routing: which services fit a person, and why. Pure functions; the worker chooses.

``suggest`` takes what is known about the person and the directory's services, and returns
every service with its checks, best first: services recommended for the person's risk,
then services that fit and meet a need they have, then others that fit, then those that do
not fit (with the reasons, so the worker can see why a service is not offered).
High risk recommends the IDVA service and a referral to MARAC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from onestory.directory.choices import RiskBand, SupportKind
from onestory.directory.eligibility import Check, Circumstances, Eligibility, Verdict, checks


@dataclass(frozen=True)
class ServiceOption:
    """A service as routing sees it."""

    service_id: int
    name: str
    takes_referrals: bool
    eligibility: Eligibility


@dataclass(frozen=True)
class Suggestion:
    service_id: int
    name: str
    kind: str
    takes_referrals: bool
    checks: tuple[Check, ...]
    meets_need: bool
    recommended: str  # why this service is recommended, or ""

    @property
    def fits(self) -> bool:
        return all(check.verdict != Verdict.DOES_NOT_FIT for check in self.checks)

    @property
    def certain(self) -> bool:
        return all(check.verdict == Verdict.FITS for check in self.checks)

    @property
    def kind_label(self) -> str:
        return SupportKind(self.kind).label


@dataclass(frozen=True)
class Routing:
    recommended: list[Suggestion]
    fitting: list[Suggestion]  # fit and meet a need (or every fitting one, when no needs given)
    other: list[Suggestion]  # fit, but give support they were not said to need
    not_fitting: list[Suggestion]
    marac: str  # why to refer to MARAC too, or ""


# Kinds that are not support for a person; they are in the directory for other reasons.
NOT_ROUTED = frozenset({SupportKind.SCHOOL})


def recommendation(person: Circumstances, kind: str) -> str:
    """Why a kind of service is recommended for this person, or ""."""
    if kind == SupportKind.IDVA and person.risk_level == RiskBand.HIGH:
        return (
            "Recommended: their latest risk assessment is high, and IDVAs support people "
            "at high risk"
        )
    return ""


def marac_advice(person: Circumstances) -> str:
    if person.risk_level == RiskBand.HIGH:
        return "Their latest risk assessment is high: refer them to MARAC as well."
    if person.marac_eligible:
        return "Their latest risk assessment meets the MARAC criteria: refer them to MARAC as well."
    return ""


def _order(suggestion: Suggestion) -> tuple:
    return (not suggestion.meets_need, not suggestion.certain, suggestion.name.lower())


def suggest(person: Circumstances, services: Iterable[ServiceOption]) -> Routing:
    """Every service with its checks, sorted into recommended, fitting and not fitting."""
    recommended, fitting, other, not_fitting = [], [], [], []
    for option in services:
        kind = option.eligibility.kind
        if kind in NOT_ROUTED:
            continue
        suggestion = Suggestion(
            service_id=option.service_id,
            name=option.name,
            kind=kind,
            takes_referrals=option.takes_referrals,
            checks=tuple(checks(person, option.eligibility)),
            meets_need=kind in person.needs,
            recommended=recommendation(person, kind),
        )
        if not suggestion.fits:
            not_fitting.append(suggestion)
        elif suggestion.recommended:
            recommended.append(suggestion)
        elif suggestion.meets_need or not person.needs:
            fitting.append(suggestion)
        else:
            other.append(suggestion)
    return Routing(
        recommended=sorted(recommended, key=_order),
        fitting=sorted(fitting, key=_order),
        other=sorted(other, key=_order),
        not_fitting=sorted(not_fitting, key=_order),
        marac=marac_advice(person),
    )
