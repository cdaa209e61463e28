"""The areas file check: a pure function from lines of CSV to rows or problems."""

import pytest

from onestory.accounts.areas import Problem, read_areas
from onestory.accounts.models import AreaLevel

HEADER = "code,name,level,parent_code,adult_women"
COUNTY = "E10000012,Essex,local_authority,,612000"
DISTRICT = "E07000066,Basildon,district,E10000012,75000"
WARD = "E05004123,Pitsea North West,ward,E07000066,5100"


def check(*lines: str, existing=None):
    return read_areas([f"{line}\n" for line in lines], existing=existing)


def messages(result) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in result.problems]


def test_it_reads_a_good_file():
    result = check(HEADER, COUNTY, DISTRICT, WARD)
    assert result.ok
    assert [(row.code, row.level, row.parent_code) for row in result.rows] == [
        ("E10000012", AreaLevel.LOCAL_AUTHORITY, None),
        ("E07000066", AreaLevel.DISTRICT, "E10000012"),
        ("E05004123", AreaLevel.WARD, "E07000066"),
    ]
    assert [row.adult_women for row in result.rows] == [612000, 75000, 5100]
    assert [row.line for row in result.rows] == [2, 3, 4]


def test_it_accepts_parents_after_their_children():
    result = check(HEADER, WARD, DISTRICT, COUNTY)
    assert result.ok, result.problems


def test_it_accepts_a_parent_loaded_before():
    result = check(HEADER, WARD, existing={"E07000066": "district"})
    assert result.ok, result.problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("0", 0),
        ("41250", 41250),
        ("41,250", 41250),
        ("1,234,567", 1234567),
    ],
)
def test_it_reads_adult_women(text, expected):
    result = check(HEADER, f'E10000012,Essex,local_authority,,"{text}"')
    assert result.ok, result.problems
    assert result.rows[0].adult_women == expected


def test_it_needs_no_adult_women_column():
    result = check("code,name,level,parent_code", "E10000012,Essex,local_authority,")
    assert result.ok
    assert result.rows[0].adult_women is None


def test_it_tidies_spaces_case_and_blank_lines():
    result = check(" Code , NAME,level,parent_code", "", " e10000012 , Essex ,Local_Authority, ")
    assert result.ok, result.problems
    assert (result.rows[0].code, result.rows[0].name) == ("E10000012", "Essex")


def test_it_reads_quoted_names_with_commas():
    result = check(HEADER, '"E10000012","Essex, County of",local_authority,,"612,000"')
    assert result.ok
    assert (result.rows[0].name, result.rows[0].adult_women) == ("Essex, County of", 612000)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # code shape
        ("E1000001,Essex,local_authority,,", "code 'E1000001' is not an official code"),
        ("E100000123,Essex,local_authority,,", "code 'E100000123' is not an official code"),
        ("100000123,Essex,local_authority,,", "code '100000123' is not an official code"),
        ("EE0000012,Essex,local_authority,,", "code 'EE0000012' is not an official code"),
        (",Essex,local_authority,,", "the code is empty"),
        # name
        ("E10000012,,local_authority,,", "the name is empty"),
        (f"E10000012,{'x' * 201},local_authority,,", "the name is longer than 200 characters"),
        # level
        ("E10000012,Essex,county,,", "level 'county' is not one of local_authority"),
        ("E10000012,Essex,,,", "the level is empty; it must be one of local_authority"),
        # parent by level
        ("E10000012,Essex,local_authority,E10000013,", "a local authority has no parent"),
        ("E07000066,Basildon,district,,", "a district needs the code of its local authority"),
        ("E05004123,Pitsea,ward,,", "a ward needs the code of its district"),
        ("E05004123,Pitsea,ward,7000066,", "parent_code '7000066' is not an official code"),
        # numbers
        ("E10000012,Essex,local_authority,,12x", "adult_women '12x' is not a whole number"),
        ("E10000012,Essex,local_authority,,-5", "adult_women '-5' is not a whole number"),
        ("E10000012,Essex,local_authority,,1.5", "adult_women '1.5' is not a whole number"),
        ("E10000012,Essex,local_authority,,12,34", "this line has 6 values; the header has 5"),
        ("E10000012,Essex,local_authority,,99000000", "more than any area could have"),
        # shape of the line
        ("E10000012,Essex,local_authority", "this line has 3 values; the header has 5"),
    ],
)
def test_it_finds_a_bad_line(line, expected):
    result = check(HEADER, line)
    assert not result.ok
    assert result.rows == []
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].line == 2
    assert expected in result.problems[0].message


WARD_PARENTS = " or a single-tier local authority (a code starting E06, E08 or E09)"


@pytest.mark.parametrize(
    ("lines", "existing", "expected"),
    [
        (
            [WARD],
            {},
            (2, "parent E07000066 is not in this file and has not been loaded"),
        ),
        (
            ["E05004123,Pitsea,ward,E10000012,", COUNTY],
            {},
            (
                2,
                "parent E10000012 is a local authority; a ward's parent must be a district"
                + WARD_PARENTS,
            ),
        ),
        (
            ["E07000066,Basildon,district,E07000067,", "E07000067,Brentwood,district,E10000012,"],
            {"E10000012": "local_authority"},
            (2, "parent E07000067 is a district; a district's parent must be a local authority"),
        ),
        (
            [WARD],
            {"E07000066": "ward"},
            (2, "parent E07000066 is a ward; a ward's parent must be a district" + WARD_PARENTS),
        ),
        (
            [COUNTY, DISTRICT, "e07000066,Basildon again,district,E10000012,"],
            {},
            (4, "code E07000066 is already on line 3"),
        ),
        (
            ["E07000066,Basildon,ward,E07000067,", "E07000067,Brentwood,district,E10000012,"],
            {"E07000066": "district", "E10000012": "local_authority"},
            (2, "E07000066 is already loaded as a district; an area's level cannot change"),
        ),
    ],
)
def test_it_checks_the_file_as_a_whole(lines, existing, expected):
    result = check(HEADER, *lines, existing=existing)
    assert messages(result) == [expected]
    assert result.rows == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([], (1, "the file is empty; it needs a header row")),
        ([HEADER], (1, "the file has no areas after the header")),
        ([HEADER, ""], (1, "the file has no areas after the header")),
        (["code,name,level", COUNTY], (1, "the header is missing the column(s) parent_code")),
        (
            [HEADER + ",notes", COUNTY + ","],
            (1, "the header has column(s) this file cannot have: 'notes'"),
        ),
        (
            ["code,name,level,parent_code,code", COUNTY],
            (1, "the header repeats the column(s) code"),
        ),
        ([HEADER, '"E10000012,Essex'], (2, "this is not valid CSV")),
    ],
)
def test_it_finds_a_bad_file(lines, expected):
    result = check(*lines)
    assert not result.ok
    assert len(result.problems) == 1, result.problems
    line, message = expected
    assert result.problems[0].line >= line
    assert message in result.problems[0].message


def test_it_reports_every_problem_in_line_order():
    result = check(
        HEADER,
        "E05004123,Pitsea,ward,E07000099,12x",
        "X1,,district,E10000012,",
        COUNTY,
        "E10000012,Essex again,local_authority,,",
    )
    assert messages(result) == [
        (2, "adult_women '12x' is not a whole number (write it like 41250)"),
        (2, "parent E07000099 is not in this file and has not been loaded"),
        (3, "code 'X1' is not an official code (like E07000066)"),
        (3, "the name is empty"),
        (5, "code E10000012 is already on line 4"),
    ]


def test_it_reports_no_more_about_children_of_a_line_with_a_bad_level():
    result = check(HEADER, "E07000066,Basildon,borough,E10000012,", WARD, COUNTY)
    assert [problem.line for problem in result.problems] == [2]


def test_it_reports_progress_every_so_many_rows():
    calls = []
    read_areas(
        [f"{line}\n" for line in (HEADER, COUNTY, DISTRICT, WARD, WARD.replace("4123", "4124"))],
        progress=lambda done, total: calls.append((done, total)),
        every=2,
    )
    assert calls == [(2, None), (4, None)]


def test_a_problem_reads_with_its_line_number():
    assert str(Problem(7, "the name is empty")) == "Line 7: the name is empty"


def test_a_unitary_authoritys_wards_sit_directly_under_it():
    # Single-tier authorities (E06 unitary, E08 metropolitan, E09 London) have no districts.
    result = check(
        HEADER,
        "E06000047,County Durham,local_authority,,220000",
        "E05008982,Annfield Plain,ward,E06000047,",
        "E09000007,Camden,local_authority,,",
        "E05013652,Belsize,ward,E09000007,",
    )
    assert result.ok, messages(result)
    assert [row.parent_code for row in result.rows if row.level == "ward"] == [
        "E06000047",
        "E09000007",
    ]
