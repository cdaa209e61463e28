"""The data standard's checks: every problem reported with its line, nothing let through."""

import csv
import datetime as dt
import io

import pytest

from onestory.linkage import standard

TODAY = dt.date(2026, 6, 10)
HEADER = ",".join(standard.COLUMNS)
GOOD = "R1,Sarah,Jones,,1990-03-04,female,ns1 4ab,,07700 900123,,,E1,2026-01-02,incident,victim"


def check(text: str) -> standard.Checked:
    reader = csv.DictReader(io.StringIO(text))
    return standard.check(reader, reader.fieldnames, today=TODAY)


def test_a_good_line_is_tidied():
    checked = check(f"{HEADER}\n{GOOD}\n")
    assert checked.ok
    (row,) = checked.rows
    assert (row.postcode, row.phone, row.event_role) == ("NS1 4AB", "07700900123", "victim")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (",Sarah,Jones,,,,,,,,,,,,", "record_id is empty"),
        ("R1,,Jones,,,,,,,,,,,,", "given_name is empty"),
        ("R1,Sarah,Jones,,1990-02-30,,,,,,,,,,", "date_of_birth '1990-02-30' is not a date"),
        ("R1,Sarah,Jones,,2027,,,,,,,,,,", "date_of_birth '2027' is not a date that has happened"),
        ("R1,Sarah,Jones,,,woman,,,,,,,,,", "sex 'woman' is not one of"),
        ("R1,Sarah,Jones,,,,ZZ,,,,,,,,", "postcode 'ZZ' is not a UK postcode"),
        ("R1,Sarah,Jones,,,,,,12345,,,,,,", "phone '12345' is not a UK phone number"),
        ("R1,Sarah,Jones,,,,,,,1234567890,,,,,", "nhs_number '1234567890' is not a valid"),
        ("R1,Sarah,Jones,,,,,,,,,E1,,incident,victim", "event_date is empty"),
        ("R1,Sarah,Jones,,,,,,,,,E1,2026-07-01,incident,victim", "event_date 2026-07-01 is still"),
        ("R1,Sarah,Jones,,,,,,,,,E1,2026-01-01,incident,witness", "event_role 'witness'"),
        ("R1,Sarah,Jones,,,,,,,,,,,", "fewer values than the header"),
        ("R1,Sarah,Jones,,,,,,,,,,,,,extra", "more values than the header"),
    ],
)
def test_each_problem_is_reported_on_its_line(line, said):
    checked = check(f"{HEADER}\n{GOOD}\n{line}\n")
    assert not checked.ok
    assert [p.line for p in checked.problems] == [3]
    assert said in checked.problems[0].message


def test_every_problem_in_the_file_is_reported_not_only_the_first():
    text = f"{HEADER}\n,Sarah,Jones,,,,,,,,,,,,\n{GOOD}\nR2,,Smith,,1990-13-01,,,,,,,,,,\n"
    problems = check(text).problems
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (2, "record_id"),
        (4, "given_name"),
        (4, "date_of_birth"),
    ]
    assert str(problems[0]).startswith("Line 2: ")


def test_a_record_must_carry_the_same_details_on_every_line():
    other_event = GOOD.replace("E1,2026-01-02", "E2,2026-02-02")
    changed = other_event.replace("1990-03-04", "1990-03-05")
    assert check(f"{HEADER}\n{GOOD}\n{other_event}\n").ok
    (problem,) = check(f"{HEADER}\n{GOOD}\n{changed}\n").problems
    assert problem.line == 3
    assert "different person details from line 2" in problem.message


def test_the_same_record_twice_in_one_event_is_refused():
    (problem,) = check(f"{HEADER}\n{GOOD}\n{GOOD}\n").problems
    assert (problem.line, problem.message) == (3, "record R1 is in event E1 twice")


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("", "the file is empty"),
        ("record_id,given_name", "the header lacks family_name"),
        (HEADER + ",shoe_size", "columns the standard does not know: shoe_size"),
    ],
)
def test_a_wrong_header_is_line_one(header, said):
    problems = check(f"{header}\n" if header else "").problems
    assert problems[0].line == 1
    assert said in problems[0].message


def test_a_header_with_no_lines_is_refused():
    assert check(f"{HEADER}\n").problems == [
        standard.Problem(2, "the file has a header but no lines")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-03-04", "1990-03-04"),
        ("1990-03", "1990-03"),
        ("1990", "1990"),
        ("1990-3-4", None),
        ("1899", None),
        ("2026-06-11", None),
    ],
)
def test_partial_dates_of_birth(text, expected):
    assert standard.partial_date(text, today=TODAY) == expected


def test_records_group_a_records_lines():
    rows = check(f"{HEADER}\n{GOOD}\n{GOOD.replace('E1,2026-01-02', 'E2,2026-02-02')}\n").rows
    ((first, events),) = list(standard.records(rows))
    assert first.line == 2
    assert [e.event_id for e in events] == ["E1", "E2"]
