"""Who a service takes: each check, table by table."""

import pytest

from onestory.directory.eligibility import (
    Circumstances,
    Eligibility,
    Verdict,
    check_age,
    check_area,
    check_gender,
    check_risk,
    check_side,
    refusals,
)

FITS, NO, UNKNOWN = Verdict.FITS, Verdict.DOES_NOT_FIT, Verdict.NOT_KNOWN
WARD, DISTRICT, COUNTY = "E05901001", "E07000901", "E10000900"
LIVES_IN_WARD = ((WARD, DISTRICT, COUNTY), "Harrowmere Castle")


@pytest.mark.parametrize(
    ("lives", "covers", "verdict", "words"),
    [
        (LIVES_IN_WARD, set(), FITS, "anywhere"),
        (LIVES_IN_WARD, {COUNTY}, FITS, "Covers Harrowmere Castle"),
        (LIVES_IN_WARD, {DISTRICT}, FITS, "Covers"),
        (LIVES_IN_WARD, {WARD}, FITS, "Covers"),
        (LIVES_IN_WARD, {"E07000902"}, NO, "Does not cover Harrowmere Castle"),
        (((), ""), {DISTRICT}, UNKNOWN, "not known"),
        (((DISTRICT, COUNTY), "Harrowmere"), {WARD}, NO, "Does not cover"),
    ],
)
def test_it_checks_the_area(lives, covers, verdict, words):
    person = Circumstances(area_codes=lives[0], area_name=lives[1])
    service = Eligibility(kind="outreach", area_codes=frozenset(covers), area_names=("X",))
    check = check_area(person, service)
    assert check.verdict == verdict
    assert words in check.text


@pytest.mark.parametrize(
    ("age", "low", "high", "verdict"),
    [
        (30, None, None, FITS),
        (30, 16, None, FITS),
        (16, 16, None, FITS),
        (15, 16, None, NO),
        (17, 4, 17, FITS),
        (18, 4, 17, NO),
        (3, 4, 17, NO),
        (None, 16, None, UNKNOWN),
        (None, None, None, FITS),
        (90, None, 120, FITS),
    ],
)
def test_it_checks_the_age(age, low, high, verdict):
    person = Circumstances(age=age)
    service = Eligibility(kind="outreach", minimum_age=low, maximum_age=high)
    assert check_age(person, service).verdict == verdict


def test_it_says_the_age_when_it_does_not_fit():
    check = check_age(
        Circumstances(age=34), Eligibility(kind="children", minimum_age=4, maximum_age=17)
    )
    assert check.text == "Takes ages 4 to 17; they are 34"


@pytest.mark.parametrize(
    ("gender", "takes", "verdict"),
    [
        ("women", set(), FITS),
        ("women", {"women"}, FITS),
        ("men", {"women"}, NO),
        ("non_binary", {"women", "non_binary"}, FITS),
        (None, {"women"}, UNKNOWN),
        (None, {"women", "men", "non_binary"}, FITS),
        ("men", {"men"}, FITS),
    ],
)
def test_it_checks_the_gender(gender, takes, verdict):
    person = Circumstances(gender=gender)
    service = Eligibility(kind="safe_accommodation", genders=frozenset(takes))
    assert check_gender(person, service).verdict == verdict


@pytest.mark.parametrize(
    ("level", "takes", "verdict"),
    [
        ("high", {"high"}, FITS),
        ("medium", {"high"}, NO),
        ("standard", set(), FITS),
        (None, {"high"}, UNKNOWN),
        (None, set(), FITS),
        ("medium", {"standard", "medium"}, FITS),
    ],
)
def test_it_checks_the_risk_level(level, takes, verdict):
    person = Circumstances(risk_level=level)
    service = Eligibility(kind="idva", risk_levels=frozenset(takes))
    assert check_risk(person, service).verdict == verdict


@pytest.mark.parametrize(
    ("side", "serves", "verdict"),
    [
        ("victims", "victims", FITS),
        ("victims", "people_using_harm", NO),
        ("people_using_harm", "victims", NO),
        ("people_using_harm", "people_using_harm", FITS),
        ("victims", "both", FITS),
        (None, "people_using_harm", UNKNOWN),
        (None, "both", FITS),
    ],
)
def test_it_checks_which_side_a_service_works_with(side, serves, verdict):
    check = check_side(Circumstances(side=side), Eligibility(kind="perpetrator", serves=serves))
    assert check.verdict == verdict


def test_a_victim_is_never_referred_to_a_perpetrator_programme():
    reasons = refusals(
        Circumstances(side="victims", age=30, gender="women"),
        Eligibility(
            kind="perpetrator",
            serves="people_using_harm",
            minimum_age=18,
            genders=frozenset({"men"}),
        ),
    )
    assert any("a victim or survivor is never referred here" in r for r in reasons)
    assert any("Takes men only" in r for r in reasons)


def test_only_points_known_not_to_fit_are_refusals():
    assert (
        refusals(
            Circumstances(),
            Eligibility(kind="idva", risk_levels=frozenset({"high"}), minimum_age=16),
        )
        == []
    )
