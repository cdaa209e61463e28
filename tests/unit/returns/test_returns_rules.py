"""The return's rules: financial years, ages, characteristics and every figure, from rows."""

from datetime import date
from decimal import Decimal

import pytest

from onestory.returns import answers, rules
from onestory.returns import questions as q
from onestory.returns.periods import FinancialYear, parse_year, year_of
from onestory.returns.report import published_cells

Y = FinancialYear(2023)  # 1 April 2023 to 31 March 2024: it holds 29 February 2024


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (date(2024, 3, 31), 2023),
        (date(2024, 4, 1), 2024),
        (date(2024, 2, 29), 2023),
        (date(2023, 12, 31), 2023),
        (date(2024, 1, 1), 2023),
    ],
)
def test_it_puts_a_day_in_its_financial_year(day, first):
    assert year_of(day) == FinancialYear(first)


def test_it_knows_a_years_bounds():
    assert (Y.start, Y.end, Y.code) == (date(2023, 4, 1), date(2024, 3, 31), "2023-24")
    assert Y.contains(date(2024, 2, 29))
    assert not Y.contains(date(2023, 3, 31))
    assert not Y.contains(date(2024, 4, 1))
    assert FinancialYear(1999).code == "1999-00"


@pytest.mark.parametrize(
    ("text", "first"), [("2025-26", 2025), ("2025", 2025), ("2025/2026", 2025), (" 2099-00 ", 2099)]
)
def test_it_reads_a_year(text, first):
    assert parse_year(text) == FinancialYear(first)


@pytest.mark.parametrize("text", ["", "25-26", "2025-27", "2025/2025", "1999-00", "next year"])
def test_it_refuses_a_year_it_cannot_read(text):
    with pytest.raises(ValueError, match=r"(?i)year"):
        parse_year(text)


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
        (date(2008, 2, 29), date(2025, 2, 28), 16),
        (date(2008, 2, 29), date(2025, 3, 1), 17),
        (date(1959, 4, 1), date(2024, 3, 31), 64),
        (date(1959, 4, 1), date(2024, 4, 1), 65),
    ],
)
def test_it_takes_an_age_on_a_day(born, on, age):
    assert rules.age_on(rules.PersonFacts(1, date_of_birth=born), on) == age


def test_an_age_from_the_year_of_birth_alone():
    assert rules.age_on(rules.PersonFacts(1, birth_year=1960), date(2025, 1, 1)) == 65
    assert rules.age_on(rules.PersonFacts(1), date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"ethnicity": "white_roma"}, {"racially_minoritised"}),
        ({"ethnicity": "white_british"}, set()),
        ({"disability": "yes", "disability_kinds": ("deaf",)}, {"disabled", "deaf_or_blind"}),
        ({"disability_kinds": ("autism",)}, {"learning_or_autism"}),
        ({"mental_health_need": True}, {"mental_health"}),
        ({"disability_kinds": ("mental_health",)}, {"mental_health"}),
        ({"substance_use_need": True}, {"substance_use"}),
        ({"sexual_orientation": "gay_or_lesbian"}, {"lgbt_plus"}),
        ({"same_as_at_birth": "no"}, {"lgbt_plus"}),
        ({"nrpf": "yes"}, {"nrpf"}),
        ({"immigration_status": "spousal_visa"}, {"insecure_immigration"}),
        ({"immigration_status": "settled"}, set()),
        ({"interpreter_needed": True}, {"limited_english"}),
        ({"sex": "male"}, {"male"}),
        ({"date_of_birth": date(1960, 1, 1)}, {"older"}),
        ({"date_of_birth": date(2007, 1, 1)}, {"young"}),
        ({"date_of_birth": date(2006, 1, 1)}, set()),
    ],
)
def test_it_finds_each_characteristic(facts, expected):
    person = rules.PersonFacts(1, **facts)
    assert rules.characteristics(person, on=date(2025, 6, 1)) == expected


def test_nrpf_comes_from_the_request_too():
    assert rules.characteristics(rules.PersonFacts(1), on=date(2025, 6, 1), request_nrpf=True) == {
        "nrpf"
    }


@pytest.mark.parametrize(
    ("facts", "group"),
    [
        ({"gender_identity": "woman"}, "women"),
        ({"sex": "female"}, "women"),
        ({"sex": "male", "gender_identity": "woman"}, "women"),
        ({"gender_identity": "man"}, "men"),
        ({"sex": "male"}, "men"),
        ({"gender_identity": "non_binary"}, "other_adults"),
        ({}, "other_adults"),
    ],
)
def test_it_puts_an_adult_in_one_group(facts, group):
    assert rules.adult_group(rules.PersonFacts(1, **facts)) == group


def _rows() -> rules.Rows:
    woman = rules.PersonFacts(1, sex="female", ethnicity="black_african", disability="yes")
    man = rules.PersonFacts(2, sex="male", date_of_birth=date(1958, 1, 1))
    return rules.Rows(
        units=[
            rules.UnitRow(10, 1, "refuge", 3, by_and_for=True, wheelchair_access=True),
            rules.UnitRow(11, 1, "refuge", 2, by_and_for=True, pets=True),
            rules.UnitRow(12, 2, "dispersed_refuge", 4, sexes="men", specialist_group="men"),
            rules.UnitRow(13, 3, "sanctuary", 1),
        ],
        stays=[
            # Before the year, leaving on its first day: counted, and its departure.
            rules.StayRow(
                20,
                1,
                30,
                date(2023, 3, 1),
                date(2023, 4, 1),
                children=2,
                end_reason="planned",
                move_on="social_rent",
                support_given=("advocacy",),
            ),
            # Left the day before the year began: not counted.
            rules.StayRow(21, 2, 31, date(2023, 1, 1), date(2023, 3, 31)),
            # Arrived on the year's last day, from outside the area.
            rules.StayRow(22, 2, 32, date(2024, 3, 31), adults=2, from_in_area=False),
            # Arrived the day after: not counted.
            rules.StayRow(23, 1, 33, date(2024, 4, 1)),
            # The same woman again in the year, leaving on 29 February.
            rules.StayRow(
                24,
                1,
                34,
                date(2023, 6, 1),
                date(2024, 2, 29),
                end_reason="returned",
                move_on="returned",
                request_nrpf=True,
                support_given=("advocacy", "children"),
            ),
        ],
        requests=[
            rules.RequestRow(32, 2, date(2024, 3, 1), "placed", from_in_area=False),
            rules.RequestRow(34, 1, date(2023, 5, 1), "placed", placed_in_area=False),
            rules.RequestRow(35, 1, date(2023, 4, 1), "closed"),
            rules.RequestRow(36, 1, date(2023, 3, 31), "closed"),
        ],
        asks=[
            rules.AskRow(40, 35, 1, "declined", scheme_reason="no_space"),
            rules.AskRow(41, 35, 1, "refused", survivor_reason="too_far"),
            rules.AskRow(42, 36, 1, "declined", scheme_reason="no_space"),  # made before the year
            rules.AskRow(43, 34, 1, "taken"),
        ],
        installs=[
            rules.InstallRow(50, 3, date(2024, 2, 29)),
            rules.InstallRow(51, 3, date(2024, 4, 1)),
        ],
        persons={1: woman, 2: man, 3: rules.PersonFacts(3, gender_identity="woman")},
        fund_spend=Decimal("450.00"),
        measures_cost=Decimal("1200.50"),
    )


def test_it_counts_every_figure_from_rows():
    figures = rules.compute(Y, _rows())
    counts = {key: figure.count for key, figure in figures.items() if figure.count}
    assert counts == {
        "availability.refuge.units": 2,
        "availability.refuge.bed_spaces": 5,
        "availability.dispersed_refuge.units": 1,
        "availability.dispersed_refuge.bed_spaces": 4,
        "availability.sanctuary.households": 1,
        "specialist.by_and_for_schemes": 1,
        "specialist.wheelchair_units": 1,
        "specialist.pets_units": 1,
        "specialist.men_units": 1,
        "specialist.specialist_group_units": 1,
        "supported.households_accommodation": 3,
        "supported.households_sanctuary": 1,
        "supported.women": 2,
        "supported.men": 1,
        "supported.other_adults": 1,
        "supported.children": 2,
        "support.advocacy": 2,
        "support.children": 1,
        "characteristics.racially_minoritised": 1,
        "characteristics.disabled": 1,
        "characteristics.nrpf": 1,
        "characteristics.male": 1,
        "characteristics.older": 1,
        "unable.scheme.no_space": 1,
        "unable.survivor.too_far": 1,
        "unable.closed_without_place": 1,
        "area.placed_out_of_area": 1,
        "ended.reason.planned": 1,
        "ended.reason.returned": 1,
        "ended.move_on.social_rent": 1,
        "ended.move_on.returned": 1,
        "area.from_in_area": 1,
        "area.from_out_of_area": 1,
    }
    assert figures["finance.safe_start_fund"].amount == Decimal("450.00")
    assert figures["finance.sanctuary_measures"].amount == Decimal("1200.50")
    # Each figure names the records it counted.
    assert figures["supported.households_accommodation"].records == [
        ("stay", 20, 1),
        ("stay", 22, 2),
        ("stay", 24, 1),
    ]
    assert figures["availability.refuge.bed_spaces"].records == [
        ("unit", 10, None),
        ("unit", 11, None),
    ]
    # The woman is counted once, from her first stay in the year.
    assert figures["supported.women"].records == [("stay", 20, 1), ("install", 50, 3)]


def test_every_figure_answers_a_question():
    figures = rules.compute(Y, _rows())
    assert set(figures) <= set(q.QUESTION_BY_KEY)


def test_the_data_quality_checks():
    rows = _rows()
    found = {key: figure.count for key, figure in rules.quality(Y, rows).items()}
    assert found == {
        "no_support_type": 1,  # stay 22
        "no_move_on": 0,
        "no_end_reason": 0,
        "characteristics_not_recorded": 2,  # the man (no ethnicity), the sanctuary woman
        "age_not_recorded": 2,  # the woman, the sanctuary woman
        "requests_without_outcome": 0,
    }


def test_published_counts_hide_small_ones_and_one_more_in_a_table():
    figures = rules.compute(Y, _rows())
    cells = published_cells(figures)
    assert str(cells["availability.refuge.units"]) == "fewer than 5"
    assert cells["availability.refuge.units"].count == 2
    area = {
        "area.from_in_area": rules.Figure("a", count=9),
        "area.from_out_of_area": rules.Figure("b", count=2),
    }
    cells = published_cells(area)
    # One count hidden beside another in its table: the other is hidden too, or the total
    # would give it away.
    assert cells["area.from_out_of_area"].hidden
    assert cells["area.from_in_area"].hidden
    assert str(cells["area.from_in_area"]) == "fewer than 5"


@pytest.mark.parametrize(
    ("kind", "text", "stored", "error"),
    [
        (q.MONEY, "12,500.50", "12500.50", ""),
        (q.MONEY, "£40", "40.00", ""),
        (q.MONEY, "-1", "", "Enter an amount of 0 or more"),
        (q.MONEY, "1.234", "", "Enter pounds and pence, with at most 2 decimal places"),
        (q.MONEY, "lots", "", "Enter an amount in pounds, like 12500 or 12,500.50"),
        (q.MONEY, "NaN", "", "Enter an amount of 0 or more"),
        (q.NUMBER, "3", "3", ""),
        (q.NUMBER, "3.5", "", "Enter a whole number, like 3"),
        (q.YES_NO, "Yes", "yes", ""),
        (q.YES_NO, "maybe", "", "Select yes or no"),
        (q.DATE, "2024-02-29", "2024-02-29", ""),
        (q.DATE, "2024-04-01", "", "Enter a date on or before the end of the year"),
        (q.DATE, "29/02/2024", "", "Enter a date like 2025-06-30"),
        (q.NUMBER, "", "", ""),
    ],
)
def test_it_checks_an_entered_answer(kind, text, stored, error):
    assert answers.clean_answer(kind, text, year_end=Y.end) == (stored, error)


def test_mandatory_questions_follow_the_year_then_the_form():
    key = "finance.part4_grant"
    assert answers.mandatory_for({}, key) is True
    assert answers.mandatory_for({key: False}, key) is False
    assert key not in answers.missing_mandatory({key: False}, {})
    assert key in answers.missing_mandatory({}, {})
    assert key not in answers.missing_mandatory({}, {key: "10.00"})
