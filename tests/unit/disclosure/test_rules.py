"""What each step of a disclosure application must say."""

from datetime import date

import pytest

from onestory.disclosure import rules

TODAY = date(2026, 6, 10)

GOOD = {
    "route": "ask",
    "asker": "third_party",
    "applicant_name": "B Quill",
    "applicant_contact": "07700 900456",
    "subject_name": "G Rook",
    "at_risk_name": "M Rook",
    "concern": "He keeps her from her friends.",
    "first_contact_on": date(2026, 6, 9),
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, set()),
        ({"route": ""}, {"route"}),
        ({"asker": ""}, {"asker"}),
        ({"applicant_name": "  "}, {"applicant_name"}),
        ({"applicant_contact": ""}, {"applicant_contact"}),
        ({"route": "know"}, {"route"}),  # an applicant on a right to know application
        (
            {"route": "know", "asker": "", "applicant_name": "", "applicant_contact": ""},
            set(),
        ),
        ({"subject_name": ""}, {"subject_name"}),
        ({"at_risk_name": ""}, {"at_risk_name"}),
        ({"concern": " "}, {"concern"}),
        ({"first_contact_on": None}, {"first_contact_on"}),
        ({"first_contact_on": date(2026, 6, 11)}, {"first_contact_on"}),
    ],
)
def test_an_application_says_who_and_why(changes, problems):
    assert set(rules.application_problems(**{**GOOD, **changes})) == problems


@pytest.mark.parametrize(
    ("route", "meeting_on", "checked", "problems"),
    [
        ("ask", date(2026, 6, 10), True, set()),
        ("ask", date(2026, 6, 10), False, {"identity_checked"}),
        ("ask", date(2026, 6, 8), True, {"meeting_on"}),  # before first contact
        ("ask", date(2026, 6, 11), True, {"meeting_on"}),  # in the future
        ("ask", None, True, {"meeting_on"}),
        ("know", date(2026, 6, 10), True, {"meeting_on"}),
    ],
)
def test_a_meeting_checks_identity(route, meeting_on, checked, problems):
    found = rules.meeting_problems(
        route=route,
        meeting_on=meeting_on,
        identity_checked=checked,
        first_contact_on=date(2026, 6, 9),
        today=TODAY,
    )
    assert set(found) == problems


DECISION = {
    "route": "ask",
    "meeting_done": True,
    "risk_done": True,
    "checks_asked": 2,
    "decided": False,
    "decision": "disclose",
    "reasons": "Two previous partners; convictions for assault.",
    "decided_by": "Police, IDVA service, probation",
    "decision_on": TODAY,
    "first_contact_on": date(2026, 6, 1),
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, set()),
        ({"decision": "no_disclosure"}, set()),
        ({"meeting_done": False}, {"decision"}),
        ({"route": "know", "meeting_done": False}, set()),
        ({"risk_done": False}, {"decision"}),
        ({"checks_asked": 0}, {"decision"}),
        ({"decided": True}, {"decision"}),
        ({"decision": ""}, {"decision"}),
        ({"reasons": ""}, {"decision_reasons"}),
        ({"decided_by": ""}, {"decided_by"}),
        ({"decision_on": date(2026, 5, 31)}, {"decision_on"}),
    ],
)
def test_a_decision_follows_the_steps_and_gives_reasons(changes, problems):
    assert set(rules.decision_problems(**{**DECISION, **changes})) == problems


DISCLOSURE = {
    "decision": "disclose",
    "disclosed": False,
    "disclosed_on": TODAY,
    "disclosed_to": "at_risk",
    "disclosed_to_name": "",
    "safety_plan": "Refuge number; code word with her sister.",
    "service_offered": True,
    "service_offered_name": "IDVA service",
    "decision_on": date(2026, 6, 9),
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, set()),
        ({"decision": "no_disclosure"}, {"disclosed_on"}),
        ({"disclosed": True}, {"disclosed_on"}),
        ({"disclosed_on": date(2026, 6, 8)}, {"disclosed_on"}),
        ({"disclosed_to": ""}, {"disclosed_to"}),
        ({"disclosed_to": "other"}, {"disclosed_to_name"}),
        ({"disclosed_to": "other", "disclosed_to_name": "Her mother"}, set()),
        ({"safety_plan": ""}, {"safety_plan"}),
        ({"service_offered_name": ""}, {"service_offered_name"}),
        ({"service_offered": False, "service_offered_name": ""}, set()),
    ],
)
def test_a_disclosure_has_a_safety_plan(changes, problems):
    assert set(rules.disclosure_problems(**{**DISCLOSURE, **changes})) == problems


@pytest.mark.parametrize(
    ("reply", "information", "replied", "problems"),
    [
        ("holds", "Two call-outs in 2025", False, set()),
        ("nothing", "", False, set()),
        ("holds", "", False, {"information"}),
        ("", "", False, {"reply"}),
        ("nothing", "", True, {"reply"}),
    ],
)
def test_a_reply_says_what_is_held(reply, information, replied, problems):
    found = rules.reply_problems(reply=reply, information=information, replied=replied)
    assert set(found) == problems


@pytest.mark.parametrize(
    ("ids", "asked", "closed", "problems"),
    [
        ([1, 2], set(), False, set()),
        ([], set(), False, {"agencies"}),
        ([1], {1}, False, {"agencies"}),
        ([1], set(), True, {"agencies"}),
    ],
)
def test_checks_are_asked_once(ids, asked, closed, problems):
    found = rules.check_problems(agency_ids=ids, already_asked=asked, closed=closed)
    assert set(found) == problems
