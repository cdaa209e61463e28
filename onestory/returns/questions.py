"""The questions of the ministry's annual return on support in safe accommodation.

Each question has a stable key (the workbook, the CSV, the drill-down and the per-year
mandatory setting all use it), a section as the form orders them, a label in plain words,
and where its answer comes from: ``records`` (counted by ``rules.compute``) or ``entered``
(by the commissioner, since no record knows it: spend by source, quality, strategy).
Counts within one ``table`` are published together, so a small count hidden in it cannot
be worked out from the others (``intake.figures.suppress_table``).
"""

from __future__ import annotations

from dataclasses import dataclass

from onestory.accommodation.choices import (
    EndReason,
    MoveOn,
    SchemeDeclineReason,
    SchemeType,
    SupportType,
    SurvivorDeclineReason,
)

RECORDS = "records"
ENTERED = "entered"

COUNT = "count"
MONEY = "money"
YES_NO = "yes_no"
DATE = "date"
NUMBER = "number"
TEXT = "text"


@dataclass(frozen=True)
class Section:
    number: int
    key: str
    title: str
    sheet: str  # the workbook's tab: at most 31 characters


SECTIONS = [
    Section(1, "availability", "Availability of commissioned safe accommodation", "1 Availability"),
    Section(
        2,
        "specialist",
        "Specialist services in commissioned safe accommodation",
        "2 Specialist services",
    ),
    Section(3, "support", "Support types provided in safe accommodation", "3 Support types"),
    Section(4, "supported", "Individuals and households supported", "4 Supported"),
    Section(
        5,
        "characteristics",
        "Specialist characteristics of the adults supported",
        "5 Characteristics",
    ),
    Section(
        6,
        "unable",
        "Households unable to be supported in the area, by reason",
        "6 Unable to support",
    ),
    Section(7, "ended", "Households whose support ended", "7 Support ended"),
    Section(8, "area", "Households from inside and outside the area", "8 In and out of area"),
    Section(9, "quality", "Quality of support", "9 Quality"),
    Section(10, "strategy", "Strategy and needs assessment", "10 Strategy"),
    Section(11, "finance", "Finance", "11 Finance"),
]
SECTION_BY_KEY = {section.key: section for section in SECTIONS}


@dataclass(frozen=True)
class Question:
    key: str
    section: str
    label: str
    source: str = RECORDS
    kind: str = COUNT
    mandatory: bool = True
    table: str = ""  # counts published together; empty for a figure that stands alone

    @property
    def ref(self) -> str:
        """The question's reference on the form: section and place, like 4.2."""
        return f"{SECTION_BY_KEY[self.section].number}.{_PLACE[self.key]}"


def _availability() -> list[Question]:
    found = []
    for value, label in SchemeType.choices:
        if value == SchemeType.SANCTUARY:
            continue
        found += [
            Question(f"availability.{value}.units", "availability", f"{label}: units"),
            Question(f"availability.{value}.bed_spaces", "availability", f"{label}: bed spaces"),
        ]
    return [
        *found,
        Question(
            "availability.sanctuary.households",
            "availability",
            "Sanctuary scheme: households whose home was surveyed",
        ),
        # Not commissioned by the council: schemes outside its area that OneStory holds.
        Question(
            "availability.outside.units",
            "availability",
            "Units outside the area (not commissioned)",
            mandatory=False,
        ),
        Question(
            "availability.outside.bed_spaces",
            "availability",
            "Bed spaces outside the area (not commissioned)",
            mandatory=False,
        ),
    ]


SPECIALIST = [
    ("by_and_for_schemes", "Schemes run by and for the people they serve"),
    ("specialist_group_units", "Units for a named specialist group"),
    ("wheelchair_units", "Units with wheelchair access"),
    ("nrpf_units", "Units that take people with no recourse to public funds"),
    ("men_units", "Units that take men"),
    ("pets_units", "Units that take pets"),
]

SUPPORTED = [
    ("households_accommodation", "Households supported in safe accommodation"),
    ("households_sanctuary", "Households supported through a sanctuary scheme"),
    ("women", "Women supported"),
    ("men", "Men supported"),
    ("trans", "Trans adults supported"),
    ("other_adults", "Other adults supported (sex or gender not recorded)"),
    ("children", "Children supported"),
]

# Characteristics of the adults supported (each counted once however often supported).
CHARACTERISTICS = [
    ("racially_minoritised", "Racially minoritised (including Gypsy, Roma and Traveller)"),
    ("disabled", "Disabled or with a long-term health condition"),
    ("deaf_or_blind", "Deaf, hard of hearing, blind or visually impaired"),
    ("learning_or_autism", "With a learning disability, autism or neurodivergence"),
    ("mental_health", "With mental health needs"),
    ("substance_use", "With drug or alcohol needs"),
    ("lgbt_plus", "Lesbian, gay, bisexual or trans (LGBT+)"),
    ("nrpf", "With no recourse to public funds"),
    ("insecure_immigration", "With insecure immigration status"),
    ("limited_english", "Needing an interpreter"),
    ("older", "Aged 65 or over"),
    ("young", "Aged 16 to 18"),
    ("male", "Male"),
]

AREA = [
    ("from_in_area", "Households placed who came from inside the area"),
    ("from_out_of_area", "Households placed who came from outside the area"),
    ("placed_out_of_area", "Households from the area placed outside it"),
    ("supported_out_of_area", "Households supported in accommodation outside the area"),
]

ENTERED_QUESTIONS = [
    Question(
        "quality.standard_schemes",
        "quality",
        "Schemes meeting a recognised quality standard",
        ENTERED,
        NUMBER,
    ),
    Question(
        "quality.feedback_collected",
        "quality",
        "Households asked for feedback on their support",
        ENTERED,
        NUMBER,
        mandatory=False,
    ),
    Question(
        "quality.complaints", "quality", "Complaints received", ENTERED, NUMBER, mandatory=False
    ),
    Question(
        "strategy.published",
        "strategy",
        "A safe accommodation strategy is published",
        ENTERED,
        YES_NO,
    ),
    Question("strategy.published_on", "strategy", "Date the strategy was published", ENTERED, DATE),
    Question(
        "strategy.needs_assessment_on",
        "strategy",
        "Date the needs assessment was last completed",
        ENTERED,
        DATE,
    ),
    Question(
        "strategy.board_meetings",
        "strategy",
        "Meetings of the local partnership board in the year",
        ENTERED,
        NUMBER,
    ),
    Question(
        "finance.part4_grant",
        "finance",
        "Spend from the Part 4 safe accommodation grant",
        ENTERED,
        MONEY,
    ),
    Question(
        "finance.council_funds", "finance", "Spend from the council's own funds", ENTERED, MONEY
    ),
    Question(
        "finance.other_government",
        "finance",
        "Spend from other government funding",
        ENTERED,
        MONEY,
        mandatory=False,
    ),
    Question(
        "finance.housing_benefit",
        "finance",
        "Spend from housing benefit and rents",
        ENTERED,
        MONEY,
        mandatory=False,
    ),
    Question(
        "finance.other_sources",
        "finance",
        "Spend from charitable and other sources",
        ENTERED,
        MONEY,
        mandatory=False,
    ),
]


def _catalogue() -> list[Question]:
    found = _availability()
    found += [Question(f"specialist.{key}", "specialist", label) for key, label in SPECIALIST]
    found += [
        Question(f"support.{value}", "support", f"Households given {label[0].lower()}{label[1:]}")
        for value, label in SupportType.choices
    ]
    found += [
        Question(f"supported.{key}", "supported", label, mandatory=key != "trans")
        for key, label in SUPPORTED
    ]
    found += [
        Question(f"characteristics.{key}", "characteristics", label, table="characteristics")
        for key, label in CHARACTERISTICS
    ]
    found += [
        Question(
            f"unable.scheme.{value}", "unable", f"Declined by the scheme: {label}", table="unable"
        )
        for value, label in SchemeDeclineReason.choices
    ]
    found += [
        Question(
            f"unable.survivor.{value}",
            "unable",
            f"The survivor declined the place: {label}",
            table="unable",
        )
        for value, label in SurvivorDeclineReason.choices
    ]
    found.append(
        Question("unable.closed_without_place", "unable", "Requests closed without a place")
    )
    found += [
        Question(f"ended.reason.{value}", "ended", f"Support ended: {label}", table="ended.reason")
        for value, label in EndReason.choices
    ]
    found += [
        Question(f"ended.move_on.{value}", "ended", f"Moved on to: {label}", table="ended.move_on")
        for value, label in MoveOn.choices
    ]
    found.append(
        Question(
            "ended.move_on.not_recorded",
            "ended",
            "Moved on to: not recorded",
            table="ended.move_on",
        )
    )
    found += [
        Question(f"area.{key}", "area", label, table="area" if key.startswith("from_") else "")
        for key, label in AREA
    ]
    found += [q for q in ENTERED_QUESTIONS if q.section in ("quality", "strategy")]
    found += [
        Question(
            "finance.safe_start_fund", "finance", "Safe Start Fund grants approved", kind=MONEY
        ),
        Question("finance.sanctuary_measures", "finance", "Sanctuary measures fitted", kind=MONEY),
    ]
    found += [q for q in ENTERED_QUESTIONS if q.section == "finance"]
    return found


QUESTIONS: list[Question] = _catalogue()
QUESTION_BY_KEY = {question.key: question for question in QUESTIONS}
ENTERED_KEYS = [question.key for question in QUESTIONS if question.source == ENTERED]


def _places() -> dict[str, int]:
    places: dict[str, int] = {}
    counters: dict[str, int] = {}
    for question in QUESTIONS:
        counters[question.section] = counters.get(question.section, 0) + 1
        places[question.key] = counters[question.section]
    return places


_PLACE = _places()
