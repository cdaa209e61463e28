"""Rules for case work: closing, plan actions, first contact and documents."""

import datetime as dt

import pytest

from onestory.cases.rules import (
    MAX_DOCUMENT_BYTES,
    closure_problems,
    describe_duration,
    document_problem,
    first_contact,
    is_overdue,
    plan_action_problems,
)

TODAY = dt.date(2026, 3, 27)


@pytest.mark.parametrize(
    ("reason", "other", "follow_up", "closed", "problems"),
    [
        ("support_completed", "", None, False, {}),
        ("other", "Went abroad to family", TODAY, False, {}),
        ("", "", None, False, {"reason": "Select why the case is closing"}),
        ("lost_interest", "", None, False, {"reason": "Select why the case is closing"}),
        ("other", "  ", None, False, {"other_reason": "Say why the case is closing"}),
        (
            "disengaged",
            "",
            TODAY - dt.timedelta(days=1),
            False,
            {"follow_up_on": "The follow-up date must be today or later"},
        ),
        ("disengaged", "", None, True, {"reason": "This case is already closed"}),
    ],
)
def test_closing_needs_a_reason(reason, other, follow_up, closed, problems):
    assert (
        closure_problems(
            reason=reason,
            other_reason=other,
            follow_up_on=follow_up,
            today=TODAY,
            already_closed=closed,
        )
        == problems
    )


NO_OWNER = "Say who will do this: choose a worker, or name someone else, such as the person"


@pytest.mark.parametrize(
    ("description", "worker", "other", "colleague", "due", "problems"),
    [
        ("Ask for locks", 7, "", True, TODAY, {}),
        ("Ask for locks", None, "The person", False, TODAY, {}),
        ("Ask for locks", None, "", False, TODAY, {"owner_worker": NO_OWNER}),
        ("Ask for locks", None, "   ", False, TODAY, {"owner_worker": NO_OWNER}),
        (
            "Ask for locks",
            7,
            "Housing",
            True,
            TODAY,
            {"owner_other": "Choose a worker or name someone else, not both"},
        ),
        (
            "Ask for locks",
            7,
            "",
            False,
            TODAY,
            {"owner_worker": "Choose a worker from your agency"},
        ),
        ("", 7, "", True, TODAY, {"description": "Say what will be done"}),
        ("Ask for locks", 7, "", True, None, {"due_on": "Enter the date it should be done by"}),
    ],
)
def test_every_plan_action_needs_an_owner_and_a_date(
    description, worker, other, colleague, due, problems
):
    assert (
        plan_action_problems(
            description=description,
            owner_worker_id=worker,
            owner_other=other,
            owner_is_colleague=colleague,
            due_on=due,
        )
        == problems
    )


@pytest.mark.parametrize(
    ("due", "done", "overdue"),
    [
        (TODAY - dt.timedelta(days=1), False, True),
        (TODAY, False, False),
        (TODAY - dt.timedelta(days=1), True, False),
    ],
)
def test_an_action_is_overdue_after_its_date_until_done(due, done, overdue):
    assert is_overdue(due, done, TODAY) is overdue


OPENED = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def at(hours: float) -> dt.datetime:
    return OPENED + dt.timedelta(hours=hours)


@pytest.mark.parametrize(
    ("contacts", "first_attempt", "first_made", "tries", "time_to_contact"),
    [
        ([], None, None, 0, None),
        ([("contact", at(2))], at(2), at(2), 0, dt.timedelta(hours=2)),
        (
            [("attempted_contact", at(1)), ("attempted_contact", at(5)), ("contact", at(30))],
            at(1),
            at(30),
            2,
            dt.timedelta(hours=30),
        ),
        ([("attempted_contact", at(1))], at(1), None, 1, None),
        # Listed out of order, and a meeting note that is not a contact.
        (
            [("contact", at(8)), ("meeting", at(0.5)), ("attempted_contact", at(3))],
            at(3),
            at(8),
            1,
            dt.timedelta(hours=8),
        ),
        # Back-dated before the case opened (a call made while the referral was pending).
        ([("contact", at(-2))], at(-2), at(-2), 0, dt.timedelta(0)),
    ],
)
def test_it_works_out_the_time_to_first_contact(
    contacts, first_attempt, first_made, tries, time_to_contact
):
    result = first_contact(OPENED, contacts)
    assert result.first_attempt_at == first_attempt
    assert result.first_contact_at == first_made
    assert result.attempts_before_contact == tries
    assert result.time_to_first_contact == time_to_contact


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        (None, ""),
        (dt.timedelta(seconds=20), "under a minute"),
        (dt.timedelta(minutes=45), "45 minutes"),
        (dt.timedelta(hours=1, minutes=1), "1 hour 1 minute"),
        (dt.timedelta(days=1, hours=2, minutes=10), "1 day 2 hours"),
        (dt.timedelta(days=3), "3 days"),
    ],
)
def test_it_describes_a_duration_in_words(duration, words):
    assert describe_duration(duration) == words


PDF = b"%PDF-1.7\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00"


@pytest.mark.parametrize(
    ("name", "size", "head", "problem"),
    [
        ("order.pdf", 2048, PDF, None),
        ("photo.PNG", 2048, PNG, None),
        ("letter.docx", 2048, b"PK\x03\x04", None),
        ("notes.txt", 10, "Café notes".encode(), None),
        ("order.pdf", 0, b"", "The selected file is empty"),
        ("order.pdf", MAX_DOCUMENT_BYTES + 1, PDF, "The selected file must be smaller than 10MB"),
        ("tool.exe", 2048, b"MZ", "must be a PDF"),
        ("page.html", 2048, b"<html>", "must be a PDF"),
        ("noextension", 2048, PDF, "must be a PDF"),
        ("order.pdf", 2048, b"MZ\x90\x00", "is not what its name says"),
        ("notes.txt", 10, b"\xff\xfe\x00\x00\xff\xff\xff\xff", "must be plain text"),
    ],
)
def test_it_accepts_only_small_files_of_the_allowed_kinds(name, size, head, problem):
    found = document_problem(name=name, size=size, head=head)
    if problem is None:
        assert found is None
    else:
        assert problem in found
