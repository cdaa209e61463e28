"""The rules of onward referrals: consent, transitions, and what travels with a referral."""

import pytest

from onestory.accounts.models import AgencyKind
from onestory.directory.choices import SupportKind
from onestory.referrals.choices import Event, Status
from onestory.referrals.rules import (
    CONSENT_FOR_KIND,
    HandoverScope,
    Side,
    TransitionRefused,
    WrongSide,
    consent_problems,
    decline_problems,
    events_for,
    handover_scope,
    location_travels,
    needs_problem,
    next_status,
)

REASON = "Threats to kill last night; she is too frightened to agree today."


@pytest.mark.parametrize(
    ("basis", "reason", "consent", "note", "on_file", "level", "problem_keys"),
    [
        # Consent recorded at the front door, or on the referral itself.
        ("consent", "", "not_asked", "", True, None, set()),
        ("consent", "", "given", "On the phone today", False, None, set()),
        # Consent given needs a note of when and how.
        ("consent", "", "given", "", False, None, {"consent_note"}),
        # No consent anywhere: refused.
        ("consent", "", "not_asked", "", False, None, {"consent"}),
        # They said no: consent cannot be the basis, even with consent on file.
        ("consent", "", "refused", "", True, "high", {"basis"}),
        # High risk is a lawful basis, with a reason, only when the latest assessment is high.
        ("high_risk", REASON, "refused", "", False, "high", set()),
        ("high_risk", "", "refused", "", False, "high", {"basis_reason"}),
        ("high_risk", REASON, "not_asked", "", False, "medium", {"basis"}),
        ("high_risk", REASON, "not_asked", "", False, None, {"basis"}),
        # Safeguarding is a lawful basis, with a reason.
        ("safeguarding", REASON, "refused", "", False, None, set()),
        ("safeguarding", " ", "not_asked", "", False, None, {"basis_reason"}),
        # Nonsense is refused.
        ("because", "", "not_asked", "", True, None, {"basis"}),
        ("consent", "", "maybe", "", True, None, {"consent"}),
    ],
)
def test_the_consent_rule(basis, reason, consent, note, on_file, level, problem_keys):
    problems = consent_problems(
        basis=basis,
        basis_reason=reason,
        consent=consent,
        consent_note=note,
        consent_on_file=on_file,
        risk_level=level,
    )
    assert set(problems) == problem_keys


def test_every_kind_of_support_has_a_consent_answer_or_none():
    assert set(CONSENT_FOR_KIND) == set(SupportKind)


S, A, D, W, C = Status.SENT, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN, Status.COMPLETED
SENDER, RECEIVER = {Side.SENDER}, {Side.RECEIVER}

TRANSITIONS = [
    # (status now, event, sides, the status after, or the refusal)
    (S, Event.ACCEPT, RECEIVER, A),
    (S, Event.DECLINE, RECEIVER, D),
    (S, Event.WITHDRAW, SENDER, W),
    (A, Event.WITHDRAW, SENDER, W),
    (A, Event.COMPLETE, RECEIVER, C),
    (S, Event.ACCEPT, SENDER, WrongSide),
    (S, Event.DECLINE, SENDER, WrongSide),
    (A, Event.COMPLETE, SENDER, WrongSide),
    (S, Event.WITHDRAW, RECEIVER, WrongSide),
    (S, Event.COMPLETE, RECEIVER, TransitionRefused),
    (A, Event.ACCEPT, RECEIVER, TransitionRefused),
    (A, Event.DECLINE, RECEIVER, TransitionRefused),
    (D, Event.ACCEPT, RECEIVER, TransitionRefused),
    (D, Event.WITHDRAW, SENDER, TransitionRefused),
    (W, Event.ACCEPT, RECEIVER, TransitionRefused),
    (C, Event.WITHDRAW, SENDER, TransitionRefused),
    (C, Event.COMPLETE, RECEIVER, TransitionRefused),
    # An agency that both sent and received it may do either side's part.
    (S, Event.ACCEPT, SENDER | RECEIVER, A),
    (S, Event.WITHDRAW, SENDER | RECEIVER, W),
]


@pytest.mark.parametrize(("now", "event", "sides", "after"), TRANSITIONS)
def test_each_change_and_who_may_make_it(now, event, sides, after):
    if isinstance(after, type):
        with pytest.raises(after):
            next_status(now, event, sides)
    else:
        assert next_status(now, event, sides) == after


def test_it_lists_the_changes_a_side_may_make():
    assert events_for(S, RECEIVER) == [Event.ACCEPT, Event.DECLINE]
    assert events_for(S, SENDER) == [Event.WITHDRAW]
    assert events_for(A, RECEIVER) == [Event.COMPLETE]
    assert events_for(D, SENDER | RECEIVER) == []


def test_a_refusal_says_why():
    with pytest.raises(
        TransitionRefused, match="This referral is declined, so it cannot be accepted"
    ):
        next_status(D, Event.ACCEPT, RECEIVER)
    with pytest.raises(WrongSide, match="Only the agency that sent this referral can withdraw it"):
        next_status(S, Event.WITHDRAW, RECEIVER)


@pytest.mark.parametrize(
    ("reason", "note", "keys"),
    [
        ("no_space", "", set()),
        ("other", "", {"note"}),
        ("other", "The family has 7 children", set()),
        ("", "", {"reason"}),
        ("bored", "", {"reason"}),
    ],
)
def test_declining_needs_a_reason_from_the_list(reason, note, keys):
    assert set(decline_problems(reason, note)) == keys


@pytest.mark.parametrize(
    ("service_kind", "agency_kind", "travels"),
    [
        ("outreach", AgencyKind.COMMUNITY_OUTREACH, True),
        ("idva", AgencyKind.IDVA_SERVICE, True),
        ("sanctuary", AgencyKind.HOUSING, True),
        # A refuge needs the current risk, not the old safe address.
        ("safe_accommodation", AgencyKind.SAFE_ACCOMMODATION, False),
        ("children", AgencyKind.CHILDRENS_SERVICE, False),
        ("housing", AgencyKind.HOUSING, False),
        # A perpetrator service never receives a victim's contact details or location.
        ("perpetrator", AgencyKind.PERPETRATOR_SERVICE, False),
        ("outreach", AgencyKind.PERPETRATOR_SERVICE, False),
    ],
)
def test_what_location_details_travel(service_kind, agency_kind, travels):
    assert location_travels(service_kind=service_kind, agency_kind=agency_kind) is travels


@pytest.mark.parametrize(
    ("location", "perpetrator", "own_words", "scope"),
    [
        (
            True,
            False,
            False,
            HandoverScope(story=True, contact=True, names_of_others=True, referrer=True),
        ),
        (
            False,
            False,
            False,
            HandoverScope(story=True, contact=False, names_of_others=True, referrer=True),
        ),
        (
            False,
            True,
            False,
            HandoverScope(story=False, contact=False, names_of_others=False, referrer=False),
        ),
        (
            False,
            True,
            True,
            HandoverScope(story=True, contact=False, names_of_others=False, referrer=False),
        ),
        (
            True,
            True,
            True,
            HandoverScope(story=True, contact=False, names_of_others=False, referrer=False),
        ),
    ],
)
def test_what_the_handover_shows(location, perpetrator, own_words, scope):
    assert (
        handover_scope(location=location, perpetrator_service=perpetrator, own_words=own_words)
        == scope
    )


def test_needs_come_from_the_list():
    assert needs_problem(["housing", "idva"]) is None
    assert needs_problem(["school"]) is not None
    assert needs_problem(["a pony"]) is not None
