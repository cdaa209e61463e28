"""The front door's pure rules, case by case."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from onestory.intake import rules
from onestory.intake.choices import Source, Status
from onestory.intake.rules import ClockState, DateProblem, Event, TransitionRefused

TODAY = date(2026, 6, 15)
TARGETS = {"urgent": 4, "high": 24, "standard": 72}
RECEIVED = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NE1 4AB", "NE1 4AB"),
        ("ne14ab", "NE1 4AB"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("NE1", None),
        ("12345", None),
        ("NE1 4AB X", None),
        ("N£1 4AB", None),
        ("", None),
    ],
)
def test_it_normalises_uk_postcodes(raw, expected):
    assert rules.normalise_postcode(raw) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("27", "3", "1985"), (date(1985, 3, 27), None)),
        (("1", "12", "2001"), (date(2001, 12, 1), None)),
        ((" 7 ", "07", "1990"), (date(1990, 7, 7), None)),
        (("", "", ""), (None, None)),
        (("", "3", "1985"), (None, DateProblem.MISSING_DAY)),
        (("27", "", "1985"), (None, DateProblem.MISSING_MONTH)),
        (("27", "3", ""), (None, DateProblem.MISSING_YEAR)),
        (("27", "March", "1985"), (None, DateProblem.NOT_NUMBERS)),
        (("27", "3", "85"), (None, DateProblem.SHORT_YEAR)),
        (("31", "2", "1985"), (None, DateProblem.NOT_REAL)),
        (("29", "2", "2023"), (None, DateProblem.NOT_REAL)),
        (("29", "2", "2024"), (date(2024, 2, 29), None)),
        (("1", "13", "1985"), (None, DateProblem.NOT_REAL)),
        (("0", "1", "1985"), (None, DateProblem.NOT_REAL)),
    ],
)
def test_it_reads_dates_typed_in_three_boxes(parts, expected):
    assert rules.date_from_parts(*parts) == expected


def test_it_words_date_problems_with_the_fields_label():
    assert (
        rules.date_problem_message(DateProblem.NOT_REAL, "Date of birth")
        == "Date of birth must be a real date"
    )
    assert (
        rules.date_problem_message(DateProblem.MISSING_YEAR, "From") == "From must include a year"
    )


@pytest.mark.parametrize(
    ("born", "problem"),
    [
        (date(1985, 3, 27), None),
        (TODAY, None),
        (TODAY + timedelta(days=1), "Date of birth must be in the past"),
        (date(1906, 6, 15), None),
        (date(1905, 6, 14), "Date of birth must be within the last 120 years"),
    ],
)
def test_it_checks_a_date_of_birth_is_possible(born, problem):
    assert rules.date_of_birth_problem(born, TODAY) == problem


# A self-referral that is complete: safe to call on a given number.
GOOD = {"source": Source.SELF, "phone": "07700 900123", "safe_to_call": True}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"safe_to_call": None}, {"safe_to_call": "Say whether it is safe to call this number"}),
        (
            {"phone": "", "safe_to_call": True},
            {"phone": "Enter a phone number, or say it is not safe to call"},
        ),
        (
            {"safe_to_call": False},
            {
                "phone": "Give at least one safe way to get in touch: a phone number that is safe "
                "to call, an email address that is safe to use, or a professional to contact"
            },
        ),
        ({"safe_to_call": False, "email": "a@example.com", "safe_to_email": True}, {}),
        (
            {"email": "a@example.com"},
            {"safe_to_email": "Say whether it is safe to email this address"},
        ),
        (
            {"safe_to_call": False, "contact_only_through_professional": True},
            {
                "professional_contact": "Enter the professional's name and how to reach them, "
                "or say contact need not go through a professional",
                "phone": "Give at least one safe way to get in touch: a phone number that is "
                "safe to call, an email address that is safe to use, or a professional to contact",
            },
        ),
        (
            {
                "safe_to_call": False,
                "contact_only_through_professional": True,
                "professional_contact": "Dr Shah, Riverside Surgery, 0191 000 0000",
            },
            {},
        ),
        (
            {"interpreter_needed": True},
            {"interpreter_language": "Enter the language an interpreter should speak"},
        ),
        ({"interpreter_needed": True, "interpreter_language": "Polish"}, {}),
        (
            {"children_in_household": "no", "children_count": 2},
            {
                "children_count": "Leave the number of children empty, or say there are children "
                "in the household"
            },
        ),
        ({"children_in_household": "yes", "children_count": 2}, {}),
        (
            {"children_in_household": "no", "children": [{"name": "Amy", "age": 7}]},
            {
                "children": "Leave the children's names empty, or say there are children in "
                "the household"
            },
        ),
        ({"children_in_household": "yes", "children": [{"name": "Amy", "age": 7}]}, {}),
        (
            {"date_of_birth": date(1985, 3, 27), "approximate_age": 30},
            {"approximate_age": "The age does not match the date of birth; give one or the other"},
        ),
        ({"date_of_birth": date(1985, 3, 27), "approximate_age": 41}, {}),
        (
            {"source": Source.PROFESSIONAL},
            {
                "referrer_name": "Enter the professional's name",
                "referrer_agency": "Enter the professional's organisation",
                "referrer_agency_kind": "Select the kind of organisation",
                "referrer_phone": "Enter a phone number or email address for the professional",
            },
        ),
        (
            {
                "source": Source.PROFESSIONAL,
                "referrer_name": "Sam Lee",
                "referrer_agency": "GP",
                "referrer_agency_kind": "health",
                "referrer_email": "sam@example.nhs.uk",
            },
            {},
        ),
        (
            {"source": Source.FAMILY_OR_FRIEND},
            {"referrer_name": "Enter the name of the person telling us"},
        ),
        (
            {
                "source": Source.FAMILY_OR_FRIEND,
                "referrer_name": "Ann",
                "safe_to_call": False,
                "referrer_phone": "0191 000 0000",
            },
            {},
        ),
    ],
)
def test_it_finds_problems_that_need_several_answers(changes, expected):
    assert rules.referral_problems({**GOOD, **changes}, today=TODAY) == expected


@pytest.mark.parametrize(
    ("current", "event", "contacted", "expected"),
    [
        (Status.NEW, Event.ASSIGN, False, Status.ASSIGNED),
        (Status.ASSIGNED, Event.ASSIGN, False, Status.ASSIGNED),
        (Status.IN_TRIAGE, Event.ASSIGN, True, Status.IN_TRIAGE),
        (Status.NEW, Event.FIRST_CONTACT, False, Status.IN_TRIAGE),
        (Status.ASSIGNED, Event.FIRST_CONTACT, False, Status.IN_TRIAGE),
        (Status.NEW, Event.OUTCOME, False, Status.CLOSED),
        (Status.IN_TRIAGE, Event.OUTCOME, True, Status.CLOSED),
    ],
)
def test_it_moves_a_referral_through_triage(current, event, contacted, expected):
    assert rules.next_status(current, event, contacted=contacted) == expected


@pytest.mark.parametrize(
    ("current", "event", "contacted", "message"),
    [
        (Status.CLOSED, Event.ASSIGN, False, "closed"),
        (Status.CLOSED, Event.FIRST_CONTACT, False, "closed"),
        (Status.CLOSED, Event.OUTCOME, True, "closed"),
        (Status.IN_TRIAGE, Event.FIRST_CONTACT, True, "already been recorded"),
    ],
)
def test_it_refuses_what_a_referral_cannot_do_now(current, event, contacted, message):
    with pytest.raises(TransitionRefused, match=message):
        rules.next_status(current, event, contacted=contacted)


@pytest.mark.parametrize(
    ("urgency", "contacted_after", "now_after", "state", "due_after"),
    [
        ("urgent", None, timedelta(hours=3), ClockState.DUE, timedelta(hours=4)),
        ("urgent", None, timedelta(hours=4), ClockState.DUE, timedelta(hours=4)),
        ("urgent", None, timedelta(hours=4, minutes=1), ClockState.OVERDUE, timedelta(hours=4)),
        ("high", None, timedelta(hours=23), ClockState.DUE, timedelta(hours=24)),
        ("high", None, timedelta(hours=25), ClockState.OVERDUE, timedelta(hours=24)),
        ("standard", None, timedelta(hours=71), ClockState.DUE, timedelta(hours=72)),
        ("standard", timedelta(hours=70), timedelta(days=9), ClockState.MET, timedelta(hours=72)),
        ("urgent", timedelta(hours=5), timedelta(hours=6), ClockState.MISSED, timedelta(hours=4)),
    ],
)
def test_it_runs_the_first_contact_clock(urgency, contacted_after, now_after, state, due_after):
    clock = rules.first_contact_clock(
        received_at=RECEIVED,
        urgency=urgency,
        first_contact_at=RECEIVED + contacted_after if contacted_after else None,
        now=RECEIVED + now_after,
        targets=TARGETS,
    )
    assert clock.state == state
    assert clock.due_at == RECEIVED + due_after
    assert clock.late == (state in (ClockState.OVERDUE, ClockState.MISSED))


@pytest.mark.parametrize(
    ("count", "tag"),
    [(0, ""), (1, ""), (2, "2 referrals in 12 months"), (7, "7 referrals in 12 months")],
)
def test_it_tags_repeated_contacts(count, tag):
    assert rules.repeat_tag(count) == tag


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        (RECEIVED + timedelta(hours=1), None),
        (RECEIVED, None),
        (RECEIVED - timedelta(minutes=1), "cannot be before the referral was received"),
        (RECEIVED + timedelta(hours=3), "cannot be in the future"),
    ],
)
def test_it_checks_the_time_of_first_contact(when, problem):
    found = rules.first_contact_time_problem(
        when, received_at=RECEIVED, now=RECEIVED + timedelta(hours=2)
    )
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("09.05", time(9, 5)),
        ("0:00", time(0, 0)),
        ("24:00", None),
        ("12:60", None),
        ("2pm", None),
        ("", None),
    ],
)
def test_it_reads_a_time_of_day(text, expected):
    assert rules.time_from_text(text) == expected


def test_references_are_easy_to_read_out():
    seen = {rules.new_reference() for _ in range(200)}
    assert len(seen) == 200
    for reference in seen:
        assert len(reference) == 9
        assert reference[4] == "-"
        assert set(reference.replace("-", "")) <= set(rules.REFERENCE_ALPHABET)
        assert not set(reference) & set("01ILOU")


@pytest.mark.parametrize(
    ("text", "children", "problem"),
    [
        ("", [], None),
        ("Amy, 7", [{"name": "Amy", "age": 7}], None),
        (
            "Amy Jones 7\nBen (4)\n  \nCleo",
            [
                {"name": "Amy Jones", "age": 7},
                {"name": "Ben", "age": 4},
                {"name": "Cleo", "age": None},
            ],
            None,
        ),
        ("Dara, aged 11 years old", [{"name": "Dara", "age": 11}], None),
        ("Eli - 0", [{"name": "Eli", "age": 0}], None),
        ("7", [], "Write each child's name, then their age if you know it, like: Amy, 7"),
        ("Finn, 34", [], "A child's age must be 17 or under"),
        ("\n".join(f"Child {n}" for n in range(16)), [], "Name at most 15 children"),
    ],
)
def test_it_reads_the_children_named_one_to_a_line(text, children, problem):
    found, message = rules.children_from_text(text)
    assert found == children
    assert (message or "").startswith(problem or "")
    assert (message is None) == (problem is None)


def test_it_writes_the_children_named_for_reading():
    named = [{"name": "Amy", "age": 7}, {"name": "Cleo", "age": None}]
    assert rules.children_text(named) == "Amy (7), Cleo"
