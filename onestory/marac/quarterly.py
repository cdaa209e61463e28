"""MARAC quarterly data, as pure functions: quarters, characteristics, and the figures.

The figures describe the cases a MARAC discussed in a quarter (each case once, however
many times it was discussed), as the national MARAC data return does. They are counts
only: nothing in them names or points to a person, and when published to anyone outside
the MARAC's own coordinators a count under 5 is hidden.
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


# --- The figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFacts:
    """One case discussed in the quarter, reduced to what the figures count."""

    referring_agency: str
    repeat: bool = False
    children: int = 0
    racially_minoritised: bool = False
    lgbt_plus: bool = False
    disabled: bool = False
    male: bool = False
    aged_16_or_17: bool = False
    perpetrators_under_18: int = 0


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
    "perpetrators_under_18": "People using harm aged under 18",
}


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
    adult_women: int | None = None

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

    def counts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNT_LABELS}


def figures(cases: Iterable[CaseFacts], *, meetings_held: int, adult_women: int | None) -> Figures:
    cases = list(cases)
    by_agency = Counter(case.referring_agency for case in cases)
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
        perpetrators_under_18=sum(case.perpetrators_under_18 for case in cases),
        referrals_by_agency=dict(sorted(by_agency.items())),
        adult_women=adult_women,
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
    return Published(
        counts=counts,
        referrals_by_agency=by_agency,
        repeat_rate=rate,
        per_10000_this_quarter=None if cases_hidden else result.per_10000_this_quarter,
        per_10000_a_year=None if cases_hidden else result.per_10000_a_year,
        suppressed=suppressed,
    )


# --- Wording for the page and the CSV ---------------------------------------------------------

HIDDEN_TEXT = "fewer than 5"


def shown(value: int | float | None, *, unit: str = "", hidden_text: str = HIDDEN_TEXT) -> str:
    if value is None:
        return hidden_text
    if isinstance(value, float):
        return f"{value:,.1f}{unit}"
    return f"{value:,}{unit}"


def lines(result: Figures, published: Published, *, hidden_text: str = HIDDEN_TEXT):
    """(measure, value) pairs in the order of the national MARAC data return."""
    counts = published.counts
    rows = [
        (label, shown(counts[key], hidden_text=hidden_text)) for key, label in COUNT_LABELS.items()
    ]
    if result.cases_discussed == 0:
        rate = "no cases discussed"
    elif published.repeat_rate is None:
        rate = "not shown (too few to publish)"
    else:
        rate = shown(published.repeat_rate, unit="%")
    rows.insert(3, ("Repeat rate (expected 28% to 40%)", rate))
    if result.adult_women:
        rows.append(("Women aged 16 and over in the area", f"{result.adult_women:,}"))
        rows.append(
            (
                "Cases per 10,000 women aged 16 and over, this quarter",
                shown(published.per_10000_this_quarter, hidden_text="not shown"),
            )
        )
        rows.append(
            (
                f"Cases per 10,000 women over a year at this rate "
                f"(expected {EXPECTED_PER_10000_A_YEAR})",
                shown(published.per_10000_a_year, hidden_text="not shown"),
            )
        )
    else:
        rows.append(
            (
                "Cases per 10,000 women aged 16 and over",
                "not known: load the area's population of women aged 16 and over",
            )
        )
    return rows
