"""Rules for schemes and units, as pure functions: each returns the problems it finds, by
field, in the words the person fixing them needs. An empty result means the input is good."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from onestory.accommodation.choices import BED_AND_BREAKFAST, OutOfUseReason, SchemeType, Sexes


def scheme_problems(*, scheme_type: str, by_and_for: bool, specialist_group: str) -> dict:
    problems = {}
    if scheme_type == BED_AND_BREAKFAST:
        problems["scheme_type"] = (
            "Bed and breakfast with shared facilities is not safe accommodation, "
            "so it cannot be a scheme"
        )
    elif scheme_type not in SchemeType.values:
        problems["scheme_type"] = "Select the type of safe accommodation"
    if by_and_for and not specialist_group.strip():
        problems["specialist_group"] = "Say which group a by and for service is run for"
    return problems


def unit_problems(
    *,
    bed_spaces: int,
    sexes: str,
    max_children: int,
    boys_up_to_age: int | None,
) -> dict:
    problems = {}
    if bed_spaces < 1:
        problems["bed_spaces"] = "A unit must have at least one bed space"
    elif max_children >= bed_spaces:
        problems["max_children"] = (
            f"A unit with {bed_spaces} bed space{'s' if bed_spaces != 1 else ''} can take "
            f"at most {bed_spaces - 1} children, leaving room for an adult"
        )
    if max_children < 0:
        problems["max_children"] = "Enter 0 or more children"
    if sexes not in Sexes.values:
        problems["sexes"] = "Select whom the unit takes"
    if boys_up_to_age is not None and max_children == 0:
        problems["boys_up_to_age"] = "Leave the age of boys empty for a unit that takes no children"
    elif boys_up_to_age is not None and not 0 <= boys_up_to_age <= 17:
        problems["boys_up_to_age"] = "Enter an age from 0 to 17, or leave it empty"
    return problems


def out_of_use_problems(
    *, reason: str, details: str, expected_back_on: date | None, today: date
) -> dict:
    problems = {}
    if reason not in OutOfUseReason.values:
        problems["reason"] = "Select why the unit is out of use"
    elif reason == OutOfUseReason.OTHER and not details.strip():
        problems["details"] = "Say why the unit is out of use"
    if expected_back_on is not None and expected_back_on < today:
        problems["expected_back_on"] = "The date it is expected back must be today or later"
    return problems


# Where an ask may go next, and who moves it: the scheme answers an ask; the survivor
# answers an offer; taking one place withdraws every other open ask.
SCHEME_MOVES = {
    "asked": {"accepted", "offered", "declined"},
    "accepted": {"offered", "declined"},
}
SURVIVOR_MOVES = {"offered": {"taken", "refused"}}
OPEN_ASKS = frozenset({"asked", "accepted", "offered"})


def scheme_answer_problems(
    *, current: str, answer: str, reason: str, details: str, unit_problems: list[str]
) -> dict:
    """Whether a scheme may give ``answer`` to an ask now at ``current``."""
    if answer not in SCHEME_MOVES.get(current, set()):
        return {"answer": "This request has already been answered"}
    problems = {}
    if answer == "declined":
        if not reason:
            problems["reason"] = "Select why the scheme cannot take them"
        elif reason == "other" and not details.strip():
            problems["details"] = "Say why the scheme cannot take them"
    if answer == "offered" and unit_problems:
        problems["unit"] = unit_problems[0]
    return problems


def survivor_answer_problems(*, current: str, answer: str, reason: str, details: str) -> dict:
    if answer not in SURVIVOR_MOVES.get(current, set()):
        return {"answer": "Only an offered place can be accepted or declined"}
    if answer == "refused":
        if not reason:
            return {"reason": "Select why they declined the place"}
        if reason == "other" and not details.strip():
            return {"details": "Say why they declined the place"}
    return {}


def household_problems(*, adults: int, children: list[dict], from_area: str, schemes: int) -> dict:
    problems = {}
    if adults < 1:
        problems["adults"] = "A household has at least one adult"
    for number, child in enumerate(children, start=1):
        if child.get("sex") not in ("girl", "boy") or not 0 <= int(child.get("age", -1)) <= 17:
            problems["children"] = (
                f"Give child {number}'s age (0 to 17) and whether a girl or a boy"
            )
            break
    if not from_area.strip():
        problems["from_area"] = "Enter where the household is coming from"
    if schemes < 1:
        problems["schemes"] = "Select at least one scheme to ask"
    return problems


def in_partnership_area(area_codes: Sequence[str], partnership: Collection[str]) -> bool:
    """Whether a place is inside the partnership's area.

    ``area_codes`` is the place's area and the areas above it (a ward, its district, its
    local authority), or nothing when the place is outside every area OneStory knows or is
    not known; ``partnership`` is the codes of the areas the partnership covers.
    """
    return any(code in partnership for code in area_codes)


def placement_areas(
    *,
    from_codes: Sequence[str],
    scheme_codes: Sequence[str] | None,
    partnership: Collection[str],
) -> tuple[bool, bool | None]:
    """Out of area both ways: whether the household came from inside the partnership's area,
    and whether the place it took is inside it (``None`` until a place is taken, given by
    ``scheme_codes`` being ``None``)."""
    came_from_inside = in_partnership_area(from_codes, partnership)
    if scheme_codes is None:
        return came_from_inside, None
    return came_from_inside, in_partnership_area(scheme_codes, partnership)


def arrival_problems(
    *,
    ask_status: str,
    occupied: bool,
    out_of_use: bool,
    household_size: int,
    bed_spaces: int,
    arrived_on: date | None,
    today: date,
) -> dict:
    """Whether a household may arrive in a unit."""
    if ask_status != "taken":
        return {"ask": "A household arrives only at a place the survivor accepted"}
    problems = {}
    if occupied:
        problems["unit"] = "The unit already has a household in it"
    elif out_of_use:
        problems["unit"] = "The unit is out of use"
    elif household_size > bed_spaces:
        problems["children"] = (
            f"The household is {household_size} people and the unit takes at most {bed_spaces}"
        )
    if arrived_on is None:
        problems["arrived_on"] = "Enter the date they arrived"
    elif arrived_on > today:
        problems["arrived_on"] = "The date they arrived must be today or in the past"
    return problems


def departure_problems(
    *,
    arrived_on: date,
    departed_on: date | None,
    already_left: bool,
    end_reason: str,
    move_on: str,
    today: date,
) -> dict:
    """Whether a departure can be recorded."""
    if already_left:
        return {"departed_on": "Their departure is already recorded"}
    problems = {}
    if departed_on is None:
        problems["departed_on"] = "Enter the date they left"
    elif departed_on < arrived_on:
        problems["departed_on"] = (
            f"The date they left must be on or after the date they arrived, "
            f"{arrived_on.day} {arrived_on:%B %Y}"
        )
    elif departed_on > today:
        problems["departed_on"] = "The date they left must be today or in the past"
    if not end_reason:
        problems["end_reason"] = "Select why support ended"
    if not move_on:
        problems["move_on"] = "Select where they moved on to, or unknown"
    return problems


def survey_problems(*, surveyed_on: date | None, landlord_permission: str, today: date) -> dict:
    problems = {}
    if surveyed_on is None:
        problems["surveyed_on"] = "Enter the date of the survey"
    elif surveyed_on > today:
        problems["surveyed_on"] = "The date of the survey must be today or in the past"
    if landlord_permission not in ("not_needed", "asked", "given", "refused"):
        problems["landlord_permission"] = "Select whether the landlord's permission is needed"
    return problems


def measure_problems(
    *,
    kind: str,
    details: str,
    cost,
    fitted_on: date | None,
    surveyed_on: date,
    landlord_permission: str,
    today: date,
) -> dict:
    """Whether a measure can be recorded as fitted."""
    if landlord_permission in ("asked", "refused"):
        return {
            "kind": "Nothing can be fitted until the landlord gives permission"
            if landlord_permission == "asked"
            else "The landlord refused permission, so nothing can be fitted"
        }
    problems = {}
    if kind not in ("locks", "letterbox", "alarm", "cctv", "safe_room", "other"):
        problems["kind"] = "Select the measure fitted"
    elif kind == "other" and not details.strip():
        problems["details"] = "Say what was fitted"
    if cost is None or cost < 0:
        problems["cost"] = "Enter the cost in pounds, 0 or more"
    if fitted_on is None:
        problems["fitted_on"] = "Enter the date it was fitted"
    elif fitted_on < surveyed_on:
        problems["fitted_on"] = "The date it was fitted must be on or after the survey"
    elif fitted_on > today:
        problems["fitted_on"] = "The date it was fitted must be today or in the past"
    return problems


def financial_year_start(day: date) -> date:
    """The 1 April on or before ``day``: the Safe Start Fund's budgets run April to March."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def approval_problems(*, status: str, amount, remaining) -> dict:
    """Whether a grant may be approved: only one waiting, and never over the budget left."""
    if status != "applied":
        return {"decision": "This grant has already been decided"}
    if remaining is None:
        return {"decision": "No budget is set for this year, so nothing can be approved"}
    if amount > remaining:
        return {
            "decision": f"The grant of £{amount:,.2f} is more than the £{remaining:,.2f} "
            "left in this year's budget"
        }
    return {}


def payment_problems(*, status: str, paid_on: date | None, applied_on: date, today: date) -> dict:
    if status != "approved":
        return {"paid_on": "A grant is paid only once it is approved, and only once"}
    if paid_on is None:
        return {"paid_on": "Enter the date it was paid"}
    if paid_on < applied_on or paid_on > today:
        return {"paid_on": "The date it was paid must be between the application and today"}
    return {}
