"""MARAC referral, research, action and closure rules: what is refused, and why."""

from datetime import date

import pytest

from onestory.access.models.shares import ShareScope
from onestory.accounts.models.agencies import AgencyKind
from onestory.marac import rules

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("assessment", "judgement", "reason", "repeat", "expected"),
    [
        (["visible_high_risk"], False, "", False, ["visible_high_risk"]),
        ([], True, "Threats after she left", False, ["professional_judgement"]),
        ([], True, "   ", False, []),
        ([], False, "", True, ["repeat"]),
        (
            ["potential_escalation"],
            True,
            "He found her new flat",
            True,
            ["professional_judgement", "potential_escalation", "repeat"],
        ),
        ([], False, "", False, []),
    ],
)
def test_criteria_come_from_the_assessment_judgement_and_repeats(
    assessment, judgement, reason, repeat, expected
):
    met = rules.criteria_met(
        assessment_criteria=assessment, judgement=judgement, judgement_reason=reason, repeat=repeat
    )
    assert met == expected


def _referral_problems(**changes):
    values = {
        "marac_active": True,
        "victim_id": 1,
        "perpetrator_ids": {2},
        "child_ids": {3},
        "reason": "He strangled her on Friday.",
        "judgement": False,
        "judgement_reason": "",
        "criteria": ["visible_high_risk"],
        "open_referral_on": None,
    }
    values.update(changes)
    return rules.referral_problems(**values)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"criteria": []}, "criteria", "meets no MARAC criterion"),
        ({"judgement": True, "criteria": []}, "judgement_reason", "Give the reason"),
        ({"marac_active": None}, "marac", "Select the MARAC"),
        ({"marac_active": False}, "marac", "no longer meets"),
        ({"open_referral_on": date(2026, 3, 1)}, "marac", "already has an open referral"),
        ({"perpetrator_ids": set()}, "perpetrators", "Select the person"),
        ({"perpetrator_ids": {1}}, "perpetrators", "cannot also be the person using harm"),
        ({"child_ids": {1}}, "children", "cannot also be one of the children"),
        ({"child_ids": {2}}, "children", "both a child"),
        ({"reason": "  "}, "reason", "Say what has happened"),
    ],
)
def test_a_referral_is_refused_with_a_message(changes, field, words):
    problems = _referral_problems(**changes)
    assert words in problems[field]


def test_a_good_referral_has_no_problems():
    assert _referral_problems() == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"owning_agency_id": None}, "owning_agency", "Select the agency"),
        ({"owning_agency_id": 99}, "owning_agency", "not a member"),
        ({"due_on": None}, "due_on", "Enter the date"),
        ({"due_on": date(2026, 3, 9)}, "due_on", "today or in the future"),
        ({"description": ""}, "description", "Say what needs to be done"),
    ],
)
def test_an_action_needs_an_owning_member_agency_a_due_date_and_words(changes, field, words):
    values = {
        "owning_agency_id": 1,
        "member_ids": {1, 2},
        "description": "Fit a fireproof letterbox",
        "due_on": TODAY,
        "today": TODAY,
    }
    values.update(changes)
    assert words in rules.action_problems(**values)[field]


@pytest.mark.parametrize(
    ("agency_id", "known", "discussed", "words"),
    [
        (9, "Known to us since 2023", False, "not a member of this MARAC"),
        (None, "Known to us since 2023", False, "not a member of this MARAC"),
        (1, "Known to us since 2023", True, "research for it is closed"),
        (1, " ", False, "Enter what your agency knows"),
        (1, "Known to us since 2023", False, None),
    ],
)
def test_research_comes_only_from_member_agencies(agency_id, known, discussed, words):
    problems = rules.research_problems(
        agency_id=agency_id, member_ids={1, 2}, known=known, discussed=discussed
    )
    if words is None:
        assert problems == {}
    else:
        assert words in " ".join(problems.values())


@pytest.mark.parametrize(
    ("role", "kind", "scope"),
    [
        (rules.VICTIM, AgencyKind.POLICE, ShareScope.FULL),
        (rules.VICTIM, AgencyKind.PERPETRATOR_SERVICE, ShareScope.SUMMARY),
        (rules.PERPETRATOR, AgencyKind.POLICE, ShareScope.SUMMARY),
        (rules.CHILD, AgencyKind.CHILDRENS_SOCIAL_CARE, ShareScope.SUMMARY),
    ],
)
def test_how_much_a_member_agency_sees_of_each_person(role, kind, scope):
    assert rules.share_scope(role, kind) == scope


@pytest.mark.parametrize(
    ("status", "discussed", "open_actions", "words"),
    [
        ("submitted", False, 0, "Only a case listed"),
        ("listed", False, 0, "not been discussed"),
        ("listed", True, 2, "2 actions are still open"),
        ("listed", True, 1, "1 action is still open"),
        ("listed", True, 0, None),
    ],
)
def test_a_case_closes_once_discussed_with_no_open_actions(status, discussed, open_actions, words):
    problems = rules.closure_problems(status=status, discussed=discussed, open_actions=open_actions)
    assert (words is None and problems == {}) or words in " ".join(problems.values())


def test_commissioners_cannot_sit_on_a_marac():
    assert rules.member_problems([AgencyKind.POLICE, AgencyKind.COMMISSIONER])
    assert rules.member_problems([AgencyKind.POLICE, AgencyKind.HOUSING]) == {}


@pytest.mark.parametrize(
    ("due_in_days", "is_open", "due"),
    [(8, True, False), (7, True, True), (0, True, True), (-1, True, False), (3, False, False)],
)
def test_reminders_go_in_the_week_before_an_open_action_is_due(due_in_days, is_open, due):
    due_on = date.fromordinal(TODAY.toordinal() + due_in_days)
    assert rules.reminder_due(due_on, TODAY, days_before=7, is_open=is_open) is due


@pytest.mark.parametrize(
    ("due_in_days", "is_open", "overdue"), [(-1, True, True), (0, True, False), (-1, False, False)]
)
def test_an_open_action_past_its_date_is_overdue(due_in_days, is_open, overdue):
    due_on = date.fromordinal(TODAY.toordinal() + due_in_days)
    assert rules.is_overdue(due_on, TODAY, is_open=is_open) is overdue


def test_a_meeting_cannot_be_scheduled_in_the_past():
    assert (
        "today or in the future"
        in rules.meeting_problems(meets_on=date(2026, 3, 9), today=TODAY)["meets_on"]
    )
    assert rules.meeting_problems(meets_on=TODAY, today=TODAY) == {}


# --- Current risk --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assessed_on", "referred_on", "max_age", "current"),
    [
        (date(2026, 3, 10), date(2026, 3, 10), 28, True),  # the same day
        (date(2026, 2, 10), date(2026, 3, 10), 28, True),  # exactly 28 days
        (date(2026, 2, 9), date(2026, 3, 10), 28, False),  # 29 days
        (date(2024, 2, 1), date(2024, 2, 29), 28, True),  # 28 days, to a leap day
        (date(2024, 2, 1), date(2024, 3, 1), 28, False),  # 29 days across a leap day
        (date(2026, 3, 3), date(2026, 3, 10), 7, True),
        (date(2026, 3, 2), date(2026, 3, 10), 7, False),
        (date(2026, 3, 12), date(2026, 3, 10), 28, True),  # a backdated referral
    ],
)
def test_an_assessment_is_current_up_to_its_maximum_age(assessed_on, referred_on, max_age, current):
    assert rules.assessment_is_current(assessed_on, referred_on, max_age_days=max_age) is current


@pytest.mark.parametrize(
    ("assessment", "judgement", "reason", "repeat", "expected"),
    [
        (["visible_high_risk"], False, "", False, []),
        (["visible_high_risk", "potential_escalation"], False, "", False, []),
        (["visible_high_risk"], True, "Released from prison", False, ["professional_judgement"]),
        (["visible_high_risk"], False, "", True, ["repeat"]),
    ],
)
def test_a_stale_assessment_adds_no_criteria(assessment, judgement, reason, repeat, expected):
    met = rules.criteria_met(
        assessment_criteria=assessment,
        judgement=judgement,
        judgement_reason=reason,
        repeat=repeat,
        assessment_current=False,
    )
    assert met == expected


def test_the_assessments_own_repeat_answer_never_makes_a_repeat_referral():
    met = rules.criteria_met(
        assessment_criteria=["repeat"], judgement=False, judgement_reason="", repeat=False
    )
    assert met == []


def test_a_stale_assessment_is_named_in_the_refusal():
    problems = _referral_problems(criteria=[], stale_assessment_on=date(2026, 2, 9))
    assert problems["criteria"].startswith(
        "The latest risk assessment, on 9 February 2026, is more than 28 days old"
    )
    assert (
        "Complete a new DASH risk assessment, or refer on professional judgement"
        in (problems["criteria"])
    )
    assert _referral_problems(stale_assessment_on=date(2026, 2, 9)) == {}  # judgement met
