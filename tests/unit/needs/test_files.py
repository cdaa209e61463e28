"""Reading population and rate files: every problem with its line, nothing half-read."""

from decimal import Decimal

import pytest

from onestory.needs.bands import parse_band, parse_sex
from onestory.needs.files import read_population, read_rates

KNOWN = {"E06000019", "E05012345"}
ONS = """ladcode21,laname21,country,sex,age,population_2020,population_2021
E06000019,Herefordshire,E,1,16,"1,020",1030
E06000019,Herefordshire,E,2,16,990,1001
E06000019,Herefordshire,E,2,90,2100,2200
"""


def test_reads_onss_layout_with_several_years():
    found = read_population(ONS.splitlines(), known_codes=KNOWN)
    assert found.ok, found.problems
    rows = {(r.code, r.year, r.sex, r.band): r.count for r in found.rows}
    assert rows == {
        ("E06000019", 2020, "male", (16, 16)): 1020,
        ("E06000019", 2021, "male", (16, 16)): 1030,
        ("E06000019", 2020, "female", (16, 16)): 990,
        ("E06000019", 2021, "female", (16, 16)): 1001,
        # ONS's 90 is 90 and over.
        ("E06000019", 2020, "female", (90, None)): 2100,
        ("E06000019", 2021, "female", (90, None)): 2200,
    }


def test_every_problem_has_its_line_and_nothing_is_kept():
    text = """code,name,sex,age,mid_2022
E06000019,Herefordshire,2,16-19,4000
E09999999,Nowhere,2,20,100
E06000019,Herefordshire,X,20,100
E06000019,Herefordshire,2,20,lots
E06000019,Herefordshire,2,18,50
E06000019,Herefordshire,2,16-19,4000
"""
    found = read_population(text.splitlines(), known_codes=KNOWN)
    assert found.rows == []
    assert [str(p) for p in found.problems] == [
        "Line 3: the area E09999999 is not loaded; load it with `onestory load-areas`",
        "Line 4: 'X' is not a sex this file can hold (1 or 2, M or F, male or female)",
        "Line 5: the 2022 population 'lots' is not a whole number",
        "Line 7: repeats E06000019 female age 16–19 in 2022 (first on line 2)",
        "Line 6: the ages 18 overlap 16–19 (line 2) for E06000019 female in 2022",
    ]


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("name,sex,age,2022", "the area's code"),
        ("code,age,2022", "sex"),
        ("code,sex,2022", "age"),
        ("code,sex,age,total", "at least one year"),
    ],
)
def test_a_header_without_what_is_needed(header, missing):
    found = read_population([header, "E06000019,2,20,1"], known_codes=KNOWN)
    assert len(found.problems) == 1
    assert found.problems[0].line == 1
    assert missing in found.problems[0].message


def test_an_empty_file():
    assert "empty" in str(read_population([], known_codes=KNOWN).problems[0])
    assert "no rows" in str(read_population(["code,sex,age,2022"], known_codes=KNOWN).problems[0])


RATES = """series,survey_year,sex,age_band,rate
CSEW 16-74 before 2024,2020,F,16-74,7.3
CSEW 16-74 before 2024,2020,M,16-74,3.6%
"""


def test_reads_rates():
    found = read_rates(RATES.splitlines())
    assert found.ok
    assert [(r.sex, r.band, r.percent) for r in found.rows] == [
        ("female", (16, 74), Decimal("7.3")),
        ("male", (16, 74), Decimal("3.6")),
    ]


def test_rate_problems_with_lines():
    text = """series,survey_year,sex,age_band,rate
CSEW,20,F,16-74,7.3
CSEW,2020,F,16-74,107
CSEW,2020,M,16-24,3.6
CSEW,2020,M,30-74,3.6
CSEW,2020,M,30-74,3.6
CSEW,2020,F,16-74,1.23456
"""
    found = read_rates(text.splitlines())
    assert found.rows == []
    assert [str(p) for p in found.problems] == [
        "Line 2: the survey year '20' is not a year like 2020",
        "Line 3: the rate '107' is not a percentage from 0 to 100",
        "Line 6: repeats CSEW 2020 male 30–74 (first on line 5)",
        "Line 7: the rate '1.23456' has more than three decimal places",
        "Line 5: the male bands of CSEW 2020 leave a gap or overlap: 16–24, 30–74",
    ]


@pytest.mark.parametrize(
    ("text", "band"),
    [("16-19", (16, 19)), ("75+", (75, None)), ("34", (34, 34)), ("16 to 59", (16, 59))],
)
def test_bands(text, band):
    assert parse_band(text) == band


@pytest.mark.parametrize("text", ["", "sixteen", "19-16", "16-200", "-4"])
def test_not_bands(text):
    with pytest.raises(ValueError, match="age"):
        parse_band(text)


@pytest.mark.parametrize(("text", "sex"), [("1", "male"), ("2", "female"), ("F", "female")])
def test_sexes(text, sex):
    assert parse_sex(text) == sex
