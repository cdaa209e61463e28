"""What a front-door referral tells us about the person, carried over to their record.

A new record takes every detail the referral holds. When the referral is linked to a record
that already exists, ``compare`` sets each detail beside what the record holds, so the
worker sees what differs and takes only the details they choose; nothing is overwritten
unasked. The reading and comparing here are plain functions; ``carry_over`` writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from onestory.intake.choices import Gender
from onestory.intake.rules import children_text

# Where the front door's answer about gender fits the record's list; "prefer not to say or
# not known" says nothing the record should hold.
GENDER_ON_RECORD = {
    Gender.WOMAN: "woman",
    Gender.MAN: "man",
    Gender.NON_BINARY: "non_binary",
    Gender.OTHER: "other",
}

FROM_FRONT_DOOR = "Given at the front door"


class State(StrEnum):
    NEW = "new"  # the record holds nothing for it
    DIFFERS = "differs"  # the record holds something else
    SAME = "same"  # the record already holds it


STATE_LABELS = {
    State.NEW: "Not on the record",
    State.DIFFERS: "Different on the record",
    State.SAME: "Already on the record",
}


@dataclass(frozen=True)
class Offer:
    """One detail the referral gives: ``key`` names it, ``value`` is what gets recorded."""

    key: str
    label: str
    text: str
    value: object
    location_secret: bool = False


@dataclass(frozen=True)
class Held:
    """What the record holds for one detail: words to show and values to compare with."""

    text: str
    values: frozenset = frozenset()


@dataclass(frozen=True)
class Difference:
    offer: Offer
    held: str
    state: State

    @property
    def key(self) -> str:
        return self.offer.key

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def phone_key(value: str) -> str:
    """A phone number as digits only, with a leading 44 read as 0, for comparing."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def birth_year_from_age(age: int, today: dt.date) -> int:
    """The year someone of ``age`` was most probably born, as of ``today``."""
    return today.year - age


def offers(referral, *, today: dt.date) -> list[Offer]:
    """Every detail of the person the referral holds, in the order a record shows them."""
    found: list[Offer] = []
    if referral.date_of_birth is not None:
        found.append(
            Offer(
                "date_of_birth",
                "Date of birth",
                f"{referral.date_of_birth:%-d %B %Y}",
                referral.date_of_birth,
            )
        )
    elif referral.approximate_age is not None:
        year = birth_year_from_age(referral.approximate_age, today)
        found.append(
            Offer(
                "birth_year_estimate",
                "Estimated year of birth",
                f"{year} (aged about {referral.approximate_age})",
                year,
            )
        )
    gender = GENDER_ON_RECORD.get(referral.gender)
    if gender is not None:
        found.append(Offer("gender_identity", "Gender", referral.get_gender_display(), gender))
    if referral.other_names.strip():
        name = referral.other_names.strip()[:100]
        found.append(Offer("other_name", "Other name", name, name))
    if referral.interpreter_needed or referral.interpreter_language.strip():
        language = referral.interpreter_language.strip()
        words = "Needs an interpreter" if referral.interpreter_needed else "No interpreter"
        found.append(
            Offer(
                "interpreter",
                "Language",
                f"{words}{f' ({language})' if language else ''}",
                (referral.interpreter_needed, language[:60]),
            )
        )
    if referral.phone.strip():
        found.append(
            Offer(
                "phone",
                "Phone",
                f"{referral.phone.strip()}: safe to call {_yes_no(referral.safe_to_call)}, "
                f"voicemail {_yes_no(referral.voicemail_allowed)}, "
                f"text {_yes_no(referral.safe_to_text)}"
                + (f", {referral.safe_times.strip()}" if referral.safe_times.strip() else ""),
                {
                    "value": referral.phone.strip(),
                    "safe_to_use": referral.safe_to_call,
                    "voicemail_allowed": referral.voicemail_allowed,
                    "text_allowed": referral.safe_to_text,
                    "safe_times": referral.safe_times.strip()[:200],
                },
                location_secret=True,
            )
        )
    if referral.email.strip():
        found.append(
            Offer(
                "email",
                "Email",
                f"{referral.email.strip()}: safe to email {_yes_no(referral.safe_to_email)}",
                {
                    "value": referral.email.strip(),
                    "safe_to_use": referral.safe_to_email,
                    "voicemail_allowed": False,
                    "safe_times": "",
                },
                location_secret=True,
            )
        )
    if referral.safe_word.strip():
        word = referral.safe_word.strip()[:60]
        found.append(Offer("safe_word", "Safe word", word, word, location_secret=True))
    if referral.contact_only_through_professional:
        professional = referral.professional_contact.strip() or referral.referrer_name.strip()
        agency = referral.referrer_agency.strip() if not referral.professional_contact else ""
        found.append(
            Offer(
                "through_professional",
                "Contact only through a professional",
                professional or "Yes",
                (professional[:200], agency[:200]),
            )
        )
    if referral.children:
        children = [
            {
                "name": child["name"],
                "birth_year_estimate": (
                    birth_year_from_age(child["age"], today)
                    if child.get("age") is not None
                    else None
                ),
            }
            for child in referral.children
        ]
        found.append(
            Offer(
                "children",
                "Children who live with them",
                children_text(referral.children),
                children,
            )
        )
    if referral.postcode.strip():
        found.append(
            Offer(
                "postcode",
                "Postcode (kept secret)",
                referral.postcode.strip(),
                referral.postcode.strip(),
                location_secret=True,
            )
        )
    return found


def held_by(person) -> dict[str, Held]:
    """What the person's record holds for each detail a referral can give."""
    held: dict[str, Held] = {}
    if person.date_of_birth is not None:
        held["date_of_birth"] = Held(
            f"{person.date_of_birth:%-d %B %Y}", frozenset({person.date_of_birth})
        )
    if person.birth_year_estimate is not None or person.date_of_birth is not None:
        year = person.birth_year_estimate or person.date_of_birth.year
        held["birth_year_estimate"] = Held(str(year), frozenset({year}))
    if person.gender_identity:
        held["gender_identity"] = Held(
            person.get_gender_identity_display(), frozenset({person.gender_identity})
        )
    names = [other.display_name for other in person.other_names.all()]
    if names:
        held["other_name"] = Held(", ".join(names), frozenset(n.lower() for n in names))
    if person.interpreter_needed or person.first_language:
        words = "Needs an interpreter" if person.interpreter_needed else "No interpreter"
        language = person.first_language
        held["interpreter"] = Held(
            f"{words}{f' ({language})' if language else ''}",
            frozenset({(person.interpreter_needed, language.lower())}),
        )
    contacts = [c for c in person.contact_methods.all() if c.is_current]
    phones = [c.value for c in contacts if c.kind == "phone"]
    emails = [c.value for c in contacts if c.kind == "email"]
    if phones:
        held["phone"] = Held(", ".join(phones), frozenset(phone_key(p) for p in phones))
    if emails:
        held["email"] = Held(", ".join(emails), frozenset(e.lower() for e in emails))
    plan = getattr(person, "safe_contact_plan", None)
    if plan is not None and plan.safe_word:
        held["safe_word"] = Held(plan.safe_word, frozenset({plan.safe_word.lower()}))
    if plan is not None and plan.only_through_professional:
        held["through_professional"] = Held(
            plan.professional_name, frozenset({plan.professional_name.lower()})
        )
    connected = [
        r.other_person.display_name for r in person.relationships.select_related("other_person")
    ] + [r.person.display_name for r in person.relationships_to.select_related("person")]
    if connected:
        held["children"] = Held(
            ", ".join(connected), frozenset(name.split(" ")[0].lower() for name in connected)
        )
    postcodes = [a.postcode for a in person.addresses.all() if a.postcode and a.is_current]
    if postcodes:
        held["postcode"] = Held(
            ", ".join(postcodes), frozenset(p.replace(" ", "").upper() for p in postcodes)
        )
    return held


def _comparable(offer: Offer):
    value = offer.value
    if offer.key == "phone":
        return phone_key(value["value"])
    if offer.key == "email":
        return value["value"].lower()
    if offer.key == "interpreter":
        return (value[0], value[1].lower())
    if offer.key == "through_professional":
        return value[0].lower()
    if offer.key == "postcode":
        return value.replace(" ", "").upper()
    if offer.key == "children":
        return frozenset(child["name"].split(" ")[0].lower() for child in value)
    if isinstance(value, str):
        return value.lower()
    return value


def _held_already(offer: Offer, on_record: Held) -> bool:
    if offer.key == "children":  # every child named is already connected
        return _comparable(offer) <= on_record.values
    return _comparable(offer) in on_record.values


def compare(found: list[Offer], held: dict[str, Held]) -> list[Difference]:
    """Each detail the referral gives beside what the record holds: new, different or same."""
    differences = []
    for offer in found:
        on_record = held.get(offer.key)
        if on_record is None:
            state = State.NEW
        elif _held_already(offer, on_record):
            state = State.SAME
        else:
            state = State.DIFFERS
        differences.append(Difference(offer, on_record.text if on_record else "", state))
    return differences
