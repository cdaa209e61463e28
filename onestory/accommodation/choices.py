"""The fixed lists of safe accommodation: the statutory scheme types and what a unit takes."""

from __future__ import annotations

from django.db import models


class SchemeType(models.TextChoices):
    """The kinds of safe accommodation the Domestic Abuse Act 2021 (Part 4) counts."""

    REFUGE = "refuge", "Refuge"
    SPECIALIST = "specialist", "Specialist safe accommodation (including by and for)"
    DISPERSED_REFUGE = "dispersed_refuge", "Dispersed accommodation (refuge-level)"
    DISPERSED_SEMI = "dispersed_semi", "Dispersed accommodation (semi-independent)"
    SECOND_STAGE = "second_stage", "Second stage (move-on) accommodation"
    OTHER_EMERGENCY = "other_emergency", "Other domestic abuse emergency accommodation"
    SANCTUARY = "sanctuary", "Sanctuary scheme"


# Not safe accommodation under the Act, so never a scheme's type. Named so that the refusal
# can say why, when a form or an import offers it.
BED_AND_BREAKFAST = "bed_and_breakfast"


class Sexes(models.TextChoices):
    """Whom a unit takes as the adult of the household."""

    WOMEN = "women", "Women only"
    MEN = "men", "Men only"
    ANY = "any", "Women and men"


class OutOfUseReason(models.TextChoices):
    REPAIRS = "repairs", "Repairs or maintenance"
    DECORATION = "decoration", "Cleaning or decorating between stays"
    SAFETY = "safety", "Safety: the location may be known"
    STAFFING = "staffing", "Not enough staff to support a household"
    OTHER = "other", "Other"


class AdultSex(models.TextChoices):
    WOMAN = "woman", "A woman"
    MAN = "man", "A man"


class AskStatus(models.TextChoices):
    ASKED = "asked", "Waiting for the scheme"
    ACCEPTED = "accepted", "Accepted, waiting for a unit"
    OFFERED = "offered", "Unit offered"
    DECLINED = "declined", "Declined by the scheme"
    TAKEN = "taken", "Accepted by the survivor"
    REFUSED = "refused", "Declined by the survivor"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SchemeDeclineReason(models.TextChoices):
    NO_SPACE = "no_space", "No space"
    NEEDS_TOO_HIGH = "needs_too_high", "Needs higher than the service can meet"
    RISK_TO_RESIDENTS = "risk_to_residents", "Risk to other residents"
    NRPF = "nrpf", "No recourse to public funds"
    HOUSEHOLD_NOT_ACCEPTED = (
        "household_not_accepted",
        "Household not accepted (a man, older boys, too many children, pets)",
    )
    LOCATION_UNSAFE = "location_unsafe", "Location unsafe for this person"
    OTHER = "other", "Other"


class SurvivorDeclineReason(models.TextChoices):
    TOO_CLOSE = "too_close", "Too close to the person using harm"
    TOO_FAR = "too_far", "Too far from work, school or family"
    CANNOT_AFFORD = "cannot_afford", "Cannot afford it"
    CHANGED_MIND = "changed_mind", "Changed their mind"
    OTHER = "other", "Other"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Looking for a place"
    PLACED = "placed", "Place accepted"
    CLOSED = "closed", "Closed without a place"


class SupportType(models.TextChoices):
    """The support types the statutory return counts."""

    ADVOCACY = "advocacy", "Advocacy and safety planning"
    PREVENTION = "prevention", "Prevention advice"
    SPECIALIST = "specialist", "Specialist support for protected characteristics or complex needs"
    CHILDREN = "children", "Children's support"
    HOUSING = "housing", "Housing-related support"
    ADVICE = "advice", "Advice (money, legal, immigration)"
    COUNSELLING = "counselling", "Counselling and therapy"


class EndReason(models.TextChoices):
    PLANNED = "planned", "Planned move on"
    OTHER_SAFE_ACCOMMODATION = "moved_to_other", "Moved to other safe accommodation"
    ASKED_TO_LEAVE = "asked_to_leave", "Asked to leave"
    LEFT_UNPLANNED = "left_unplanned", "Left without a plan"
    RETURNED = "returned", "Returned to the person using harm"
    OTHER = "other", "Other"


class MoveOn(models.TextChoices):
    SOCIAL_RENT = "social_rent", "Social rent"
    PRIVATE_RENT = "private_rent", "Private rent"
    OWN_HOME = "own_home", "Own home"
    SAFE_ACCOMMODATION = "safe_accommodation", "Another safe accommodation"
    TEMPORARY = "temporary", "Temporary accommodation"
    FAMILY_FRIENDS = "family_friends", "Family or friends"
    RETURNED = "returned", "Returned to the person using harm"
    UNKNOWN = "unknown", "Unknown"


class MeasureKind(models.TextChoices):
    LOCKS = "locks", "Door and window locks"
    LETTERBOX = "letterbox", "Fireproof letterbox"
    ALARM = "alarm", "Alarm"
    CCTV = "cctv", "CCTV"
    SAFE_ROOM = "safe_room", "Safe room"
    OTHER = "other", "Other"


class LandlordPermission(models.TextChoices):
    NOT_NEEDED = "not_needed", "Not needed (they own the home)"
    ASKED = "asked", "Asked, waiting for an answer"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"


class FundPurpose(models.TextChoices):
    DEPOSIT = "deposit", "Deposit"
    RENT_IN_ADVANCE = "rent_in_advance", "Rent in advance"
    REMOVAL = "removal", "Removal"
    FURNITURE = "furniture", "Furniture"
    TRAVEL = "travel", "Travel"
    OTHER = "other", "Other"


class GrantStatus(models.TextChoices):
    APPLIED = "applied", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    PAID = "paid", "Paid"
