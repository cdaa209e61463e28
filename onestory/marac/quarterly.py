"""MARAC quarterly data, as pure functions: quarters, characteristics, and the figures.

The figures describe the cases a MARAC discussed in a quarter (each case once, however
many times it was discussed), in the terms of the SafeLives MARAC data template: referrals
by kind of referring agency and the police share, repeats, the children in the households,
the victims' characteristics as counts and shares of cases, and cases per 10,000 adult
women over a rolling 12 months. They are counts only: nothing in them names or points to a
person, and when published to anyone outside the MARAC's own coordinators a count under 5
is hidden.

Meetings held and cases discussed cannot disagree: a case counts only when discussed at a
meeting that counts as held, and a meeting at which a case was discussed was held.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

# The partnership publishes no count under 5: it could point to a person.
SMALLEST_SHOWN = 5
EXPECTED_PER_10000_A_YEAR = 40
QUARTERS_A_YEAR = 4

# --- Quarters ---------------------------------------------------------------------------

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
_MONTHS = ("January to March", "April to June", "July to September", "October to December")


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter: 2025Q1 is January to March 2025."""

    year: int
    number: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """The last day of the quarter."""
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def title(self) -> str:
        return f"{_MONTHS[self.number - 1]} {self.year}"

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    def following(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)


def parse_quarter(text: str) -> Quarter:
    """``"2025Q1"`` to a Quarter; ValueError with a plain message otherwise."""
    match = _QUARTER.match(text or "")
    if not match:
        raise ValueError("Enter a quarter as a year and a quarter number, like 2025Q1")
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise ValueError("Enter a year between 2000 and 2100")
    return Quarter(year, int(match.group(2)))


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def recent_quarters(today: date, count: int = 8) -> list[Quarter]:
    """The current quarter and the ones before it, newest first."""
    quarters = [quarter_of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


# --- Characteristics, from a person's record ------------------------------------------------

# Every census group but the White British, White Irish and other White backgrounds;
# Gypsy, Irish Traveller and Roma people are racially minoritised too.
RACIALLY_MINORITISED = frozenset(
    {
        "asian_bangladeshi",
        "asian_chinese",
        "asian_indian",
        "asian_pakistani",
        "asian_other",
        "black_african",
        "black_caribbean",
        "black_other",
        "mixed_white_asian",
        "mixed_white_black_african",
        "mixed_white_black_caribbean",
        "mixed_other",
        "white_gypsy_traveller",
        "white_roma",
        "other_arab",
        "other_any",
    }
)
LGB_ORIENTATIONS = frozenset({"gay_or_lesbian", "bisexual", "other"})
GENDERS_BEYOND_THE_BINARY = frozenset({"non_binary", "other"})


def racially_minoritised(ethnicity: str) -> bool:
    return ethnicity in RACIALLY_MINORITISED


def lgbt_plus(*, sexual_orientation: str, gender_identity: str, same_as_at_birth: str) -> bool:
    """Lesbian, gay, bisexual or another orientation; trans; or non-binary."""
    return (
        sexual_orientation in LGB_ORIENTATIONS
        or same_as_at_birth == "no"
        or gender_identity in GENDERS_BEYOND_THE_BINARY
    )


def disabled(disability: str) -> bool:
    return disability == "yes"


def male(*, sex: str, gender_identity: str) -> bool:
    """A man, by the gender he gives, or by sex when no gender is recorded."""
    if gender_identity:
        return gender_identity == "man"
    return sex == "male"


def aged_16_or_17(age: int | None) -> bool:
    return age in (16, 17)


def under_18(age: int | None) -> bool:
    return age is not None and age < 18


def household_children(recorded: int | None, linked: int) -> int:
    """The children in a case's household: the number the referral records, which counts
    children with no record here too; the children linked to it when none was recorded."""
    return linked if recorded is None else max(recorded, linked)


# --- Referring agencies, as the template groups them -------------------------------------------

REFERRER_GROUPS = {
    "police": "Police",
    "idva": "IDVA",
    "childrens_social_care": "Children's social care",
    "health": "Health",
    "housing": "Housing",
    "probation": "Probation",
    "other": "Other",
}
_GROUP_OF_KIND = {
    "police": "police",
    "idva": "idva",
    "csc": "childrens_social_care",
    "health": "health",
    "housing": "housing",
    "probation": "probation",
}


def referrer_group(agency_kind: str) -> str:
    """The template's group for a kind of referring agency; everything else is "other"."""
    return _GROUP_OF_KIND.get(agency_kind, "other")


# --- The figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    """One case discussed in the quarter, reduced to what the figures count."""

    referring_agency: str
    referrer_group: str = "other"
    repeat: bool = False
    children: int = 0
    racially_minoritised: bool = False
    lgbt_plus: bool = False
    disabled: bool = False
    male: bool = False
    aged_16_or_17: bool = False
    perpetrator_under_18: bool = False


COUNT_LABELS = {
    "meetings_held": "Meetings held",
    "cases_discussed": "Cases discussed",
    "repeats": "Repeat cases",
    "children": "Children in the households",
    "victims_racially_minoritised": "Victims who are racially minoritised",
    "victims_lgbt_plus": "Victims who are lesbian, gay, bisexual or trans (LGBT+)",
    "victims_disabled": "Victims who are disabled",
    "victims_male": "Victims who are male",
    "victims_aged_16_or_17": "Victims aged 16 or 17",
    "perpetrators_under_18": "Cases where a person using harm is under 18",
}
# The characteristics the template gives as a share of cases discussed, too.
SHARE_KEYS = (
    "victims_racially_minoritised",
    "victims_lgbt_plus",
    "victims_disabled",
    "victims_male",
    "victims_aged_16_or_17",
    "perpetrators_under_18",
)


def share(count: int | None, cases: int) -> float | None:
    """``count`` as a percentage of ``cases``, to one decimal place; None without cases."""
    if count is None or not cases:
        return None
    return round(100 * count / cases, 1)


def fill_missing(cases_by_quarter: list[int | None]) -> list[int | None]:
    """Quarters oldest first, None where a MARAC held no meeting: each missing quarter takes
    the figure of the quarter before it, as the template does (a missing first quarter with
    nothing before it stays missing)."""
    filled: list[int | None] = []
    for cases in cases_by_quarter:
        filled.append(cases if cases is not None else (filled[-1] if filled else None))
    return filled


def rolling_year(cases_by_quarter: list[int | None]) -> int | None:
    """Cases over the last four quarters (oldest first, the quarter reported last), with
    missing quarters filled; None when a quarter cannot be filled."""
    last_four = fill_missing(cases_by_quarter)[-QUARTERS_A_YEAR:]
    if len(last_four) < QUARTERS_A_YEAR or any(cases is None for cases in last_four):
        return None
    return sum(last_four)


@dataclass(frozen=True)
class Figures:
    meetings_held: int
    cases_discussed: int
    repeats: int
    children: int
    victims_racially_minoritised: int
    victims_lgbt_plus: int
    victims_disabled: int
    victims_male: int
    victims_aged_16_or_17: int
    perpetrators_under_18: int
    referrals_by_agency: dict[str, int] = field(default_factory=dict)
    referrals_by_group: dict[str, int] = field(default_factory=dict)
    adult_women: int | None = None
    cases_rolling_year: int | None = None

    @property
    def repeat_rate(self) -> float | None:
        """Repeat cases as a percentage of cases discussed."""
        if not self.cases_discussed:
            return None
        return round(100 * self.repeats / self.cases_discussed, 1)

    @property
    def per_10000_this_quarter(self) -> float | None:
        if not self.adult_women:
            return None
        return round(10_000 * self.cases_discussed / self.adult_women, 1)

    @property
    def per_10000_a_year(self) -> float | None:
        """The quarter's rate over a whole year, to set against the expected 40."""
        if not self.adult_women:
            return None
        return round(QUARTERS_A_YEAR * 10_000 * self.cases_discussed / self.adult_women, 1)

    @property
    def per_10000_rolling_year(self) -> float | None:
        """Cases in the 12 months to the end of the quarter per 10,000 adult women."""
        if not self.adult_women or self.cases_rolling_year is None:
            return None
        return round(10_000 * self.cases_rolling_year / self.adult_women, 1)

    @property
    def police_share(self) -> float | None:
        return share(self.referrals_by_group.get("police", 0), self.cases_discussed)

    def counts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNT_LABELS}


def figures(
    cases: Iterable[CaseFacts],
    *,
    meetings_held: int,
    adult_women: int | None,
    cases_rolling_year: int | None = None,
) -> Figures:
    cases = list(cases)
    if cases and not meetings_held:
        raise ValueError("Cases were discussed, so a meeting was held.")
    by_agency = Counter(case.referring_agency for case in cases)
    by_group = Counter(case.referrer_group for case in cases)
    return Figures(
        meetings_held=meetings_held,
        cases_discussed=len(cases),
        repeats=sum(case.repeat for case in cases),
        children=sum(case.children for case in cases),
        victims_racially_minoritised=sum(case.racially_minoritised for case in cases),
        victims_lgbt_plus=sum(case.lgbt_plus for case in cases),
        victims_disabled=sum(case.disabled for case in cases),
        victims_male=sum(case.male for case in cases),
        victims_aged_16_or_17=sum(case.aged_16_or_17 for case in cases),
        perpetrators_under_18=sum(case.perpetrator_under_18 for case in cases),
        referrals_by_agency=dict(sorted(by_agency.items())),
        referrals_by_group={group: by_group.get(group, 0) for group in REFERRER_GROUPS},
        adult_women=adult_women,
        cases_rolling_year=cases_rolling_year,
    )


# --- Publishing: small counts hidden ---------------------------------------------------------


def hidden(count: int, *, suppressed: bool) -> bool:
    # Meetings point to nobody, so they are always shown; so is a count of none.
    return suppressed and 0 < count < SMALLEST_SHOWN


@dataclass(frozen=True)
class Published:
    """The figures as they may be shown to one reader: None where a count is hidden."""

    counts: dict[str, int | None]
    referrals_by_agency: dict[str, int | None]
    repeat_rate: float | None
    per_10000_this_quarter: float | None
    per_10000_a_year: float | None
    suppressed: bool
    referrals_by_group: dict[str, int | None] = field(default_factory=dict)
    per_10000_rolling_year: float | None = None


def publish(result: Figures, *, suppressed: bool) -> Published:
    counts: dict[str, int | None] = {}
    for key, count in result.counts().items():
        hide = key != "meetings_held" and hidden(count, suppressed=suppressed)
        counts[key] = None if hide else count
    by_agency = {
        name: None if hidden(count, suppressed=suppressed) else count
        for name, count in result.referrals_by_agency.items()
    }
    hidden_by_agency = [name for name, count in by_agency.items() if count is None]
    if len(hidden_by_agency) == 1 and len(by_agency) > 1 and counts["cases_discussed"]:
        # One hidden count beside a shown total could be worked out: hide the next smallest.
        shown = {n: c for n, c in by_agency.items() if c is not None}
        by_agency[min(shown, key=lambda name: (shown[name], name))] = None
    rate = result.repeat_rate
    if suppressed and rate is not None:
        others = result.cases_discussed - result.repeats
        if hidden(result.repeats, suppressed=True) or hidden(others, suppressed=True):
            rate = None
    cases_hidden = counts["cases_discussed"] is None
    by_group = {
        group: None if hidden(count, suppressed=suppressed) else count
        for group, count in result.referrals_by_group.items()
    }
    hidden_groups = [group for group, count in by_group.items() if count is None]
    if len(hidden_groups) == 1 and counts["cases_discussed"]:
        # As for agencies: one hidden group beside the total could be worked out.
        shown_groups = {g: c for g, c in by_group.items() if c}
        if shown_groups:
            by_group[min(shown_groups, key=lambda g: (shown_groups[g], g))] = None
    rolling_hidden = suppressed and hidden(result.cases_rolling_year or 0, suppressed=True)
    return Published(
        counts=counts,
        referrals_by_agency=by_agency,
        repeat_rate=rate,
        per_10000_this_quarter=None if cases_hidden else result.per_10000_this_quarter,
        per_10000_a_year=None if cases_hidden else result.per_10000_a_year,
        suppressed=suppressed,
        referrals_by_group=by_group,
        per_10000_rolling_year=None if rolling_hidden else result.per_10000_rolling_year,
    )
