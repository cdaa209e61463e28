"""The vacancy board: which places are free now, and which fit a household.

``fit_problems`` is the one rule for whether a place fits: a pure function over what the
place takes (a unit, or a place listed by hand out of area) and what the household needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onestory.accommodation.choices import Sexes


@dataclass(frozen=True)
class Needs:
    """What a household needs of a place. Unknowns are left out and filter nothing."""

    adult_sex: str = ""  # "woman" or "man"
    adults: int = 1
    children: int = 0
    oldest_boy: int | None = None
    pets: bool = False
    wheelchair: bool = False
    nrpf: bool = False
    languages: tuple[str, ...] = field(default=())

    @property
    def size(self) -> int:
        return self.adults + self.children


def fit_problems(place, needs: Needs) -> list[str]:
    """Why ``place`` does not fit the household, in plain words; empty when it fits.

    ``place`` has the attributes of a unit: ``bed_spaces``, ``sexes``, ``max_children``,
    ``boys_up_to_age``, ``pets``, ``wheelchair_access``, ``no_recourse_to_public_funds``,
    ``languages``.
    """
    problems = []
    if needs.adult_sex == "woman" and place.sexes == Sexes.MEN:
        problems.append("takes men only")
    if needs.adult_sex == "man" and place.sexes == Sexes.WOMEN:
        problems.append("takes women only")
    if needs.size > place.bed_spaces:
        problems.append(f"takes at most {place.bed_spaces} people")
    if needs.children > place.max_children:
        problems.append(
            "takes no children"
            if not place.max_children
            else f"takes at most {place.max_children} children"
        )
    elif (
        needs.oldest_boy is not None
        and place.boys_up_to_age is not None
        and needs.oldest_boy > place.boys_up_to_age
    ):
        problems.append(f"takes boys up to {place.boys_up_to_age}")
    if needs.pets and not place.pets:
        problems.append("takes no pets")
    if needs.wheelchair and not place.wheelchair_access:
        problems.append("is not wheelchair accessible")
    if needs.nrpf and not place.no_recourse_to_public_funds:
        problems.append("cannot take someone with no recourse to public funds")
    spoken = {language.casefold() for language in place.languages or []}
    missing = [language for language in needs.languages if language.casefold() not in spoken]
    if missing:
        problems.append(f"no one speaks {', '.join(missing)}")
    return problems


def needs_of(request) -> Needs:
    """What a placement request's household needs of a place."""
    boys = [child["age"] for child in request.children if child.get("sex") == "boy"]
    return Needs(
        adult_sex=request.adult_sex,
        adults=request.adults,
        children=len(request.children),
        oldest_boy=max(boys) if boys else None,
        pets=request.pets,
        wheelchair=request.wheelchair,
        nrpf=request.nrpf,
        languages=tuple(request.languages or ()),
    )
