"""Whether a service takes a person, as pure functions: facts in, checks with reasons out.

Each check says whether the service fits on one point (area, age, gender, risk level, side),
does not fit, or cannot be told because something about the person is not known yet.
Routing shows every check to the worker; an onward referral is refused only on a point
that is known not to fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from onestory.directory.choices import RiskBand, ServedGender, ServedSide, SupportKind


class Verdict(StrEnum):
    FITS = "fits"
    DOES_NOT_FIT = "does_not_fit"
    NOT_KNOWN = "not_known"


@dataclass(frozen=True)
class Circumstances:
    """What is known about the person, as routing needs it. None means not known."""

    area_codes: tuple[str, ...] = ()  # their area, then each area it lies in
    area_name: str = ""
    age: int | None = None
    gender: str | None = None  # a ServedGender value
    risk_level: str | None = None  # a RiskBand value, from the latest assessment
    side: str | None = None  # ServedSide.VICTIMS or ServedSide.PEOPLE_USING_HARM
    needs: frozenset[str] = frozenset()
    marac_eligible: bool = False


@dataclass(frozen=True)
class Eligibility:
    """Who a service takes. Empty sets mean "anyone" on that point."""

    kind: str
    minimum_age: int | None = None
    maximum_age: int | None = None
    genders: frozenset[str] = frozenset()
    risk_levels: frozenset[str] = frozenset()
    serves: str = ServedSide.VICTIMS
    area_codes: frozenset[str] = frozenset()
    area_names: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Check:
    topic: str
    verdict: Verdict
    text: str


def _join(words: Iterable[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _gender_words(genders: Iterable[str]) -> str:
    order = list(ServedGender)
    return _join(ServedGender(g).label.lower() for g in sorted(genders, key=order.index))


def _level_words(levels: Iterable[str]) -> str:
    order = list(RiskBand)
    return _join(RiskBand(level).label.lower() for level in sorted(levels, key=order.index))


def age_range_text(minimum: int | None, maximum: int | None) -> str:
    if minimum is None and maximum is None:
        return "any age"
    if maximum is None:
        return f"ages {minimum} and over"
    if minimum is None:
        return f"ages up to {maximum}"
    return f"ages {minimum} to {maximum}"


def check_area(person: Circumstances, service: Eligibility) -> Check:
    if not service.area_codes:
        return Check("area", Verdict.FITS, "Open to people from anywhere")
    covers = _join(service.area_names) or "its own areas"
    if not person.area_codes:
        return Check("area", Verdict.NOT_KNOWN, f"Where they live is not known; it covers {covers}")
    if set(person.area_codes) & service.area_codes:
        return Check("area", Verdict.FITS, f"Covers {person.area_name or 'where they live'}")
    return Check(
        "area",
        Verdict.DOES_NOT_FIT,
        f"Does not cover {person.area_name or 'where they live'}: it covers {covers}",
    )


def check_age(person: Circumstances, service: Eligibility) -> Check:
    low, high = service.minimum_age, service.maximum_age
    ages = age_range_text(low, high)
    if low is None and high is None:
        return Check("age", Verdict.FITS, "Takes people of any age")
    if person.age is None:
        return Check("age", Verdict.NOT_KNOWN, f"Their age is not known; it takes {ages}")
    if (low is not None and person.age < low) or (high is not None and person.age > high):
        return Check("age", Verdict.DOES_NOT_FIT, f"Takes {ages}; they are {person.age}")
    return Check("age", Verdict.FITS, f"Takes {ages}")


def check_gender(person: Circumstances, service: Eligibility) -> Check:
    if not service.genders or set(service.genders) >= set(ServedGender.values):
        return Check("gender", Verdict.FITS, "Takes people of any gender")
    takes = _gender_words(service.genders)
    if person.gender is None:
        return Check("gender", Verdict.NOT_KNOWN, f"Their gender is not known; it takes {takes}")
    if person.gender in service.genders:
        return Check("gender", Verdict.FITS, f"Takes {takes}")
    return Check("gender", Verdict.DOES_NOT_FIT, f"Takes {takes} only")


def check_risk(person: Circumstances, service: Eligibility) -> Check:
    if not service.risk_levels or set(service.risk_levels) >= set(RiskBand.values):
        return Check("risk", Verdict.FITS, "Takes people at any level of risk")
    takes = _level_words(service.risk_levels)
    if person.risk_level is None:
        return Check(
            "risk",
            Verdict.NOT_KNOWN,
            f"No risk assessment yet; it takes people at {takes} risk",
        )
    if person.risk_level in service.risk_levels:
        return Check("risk", Verdict.FITS, f"Takes people at {takes} risk")
    level = RiskBand(person.risk_level).label.lower()
    return Check(
        "risk",
        Verdict.DOES_NOT_FIT,
        f"Takes people at {takes} risk only; their latest assessment is {level}",
    )


def check_side(person: Circumstances, service: Eligibility) -> Check:
    if service.serves == ServedSide.BOTH:
        return Check("side", Verdict.FITS, "Works with victims and with people using harm")
    works_with = ServedSide(service.serves).label.lower()
    if person.side is None:
        return Check(
            "side",
            Verdict.NOT_KNOWN,
            f"Not yet recorded whether they are a victim or a person using harm; "
            f"it works with {works_with}",
        )
    if person.side == service.serves:
        return Check("side", Verdict.FITS, f"Works with {works_with}")
    if person.side == ServedSide.VICTIMS:
        return Check(
            "side",
            Verdict.DOES_NOT_FIT,
            "Works with people using harm: a victim or survivor is never referred here",
        )
    return Check(
        "side",
        Verdict.DOES_NOT_FIT,
        "Works with victims and survivors: a person using harm is never referred here",
    )


CHECKS = (check_area, check_age, check_gender, check_risk, check_side)


def checks(person: Circumstances, service: Eligibility) -> list[Check]:
    """Every point on which the service fits the person, or does not, with a reason."""
    return [check(person, service) for check in CHECKS]


def refusals(person: Circumstances, service: Eligibility) -> list[str]:
    """Why the service does not take the person, for the points known not to fit."""
    return [c.text for c in checks(person, service) if c.verdict == Verdict.DOES_NOT_FIT]


def kind_label(kind: str) -> str:
    return SupportKind(kind).label
