"""The rules for sharing a record with another agency, and for emergency access reasons."""

from datetime import UTC, datetime, timedelta

import pytest

from onestory.access.rules import (
    EMERGENCY_REASON_MIN_LENGTH,
    emergency_reason_problem,
    share_problems,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
OWNER, OTHER = 1, 2

# A share that may go; each case below changes only what it names.
GOOD = {
    "owning_agency_id": OWNER,
    "to_agency_id": OTHER,
    "to_agency_kind": "idva",
    "to_agency_active": True,
    "already_shared": False,
    "scope": "summary",
    "lawful_basis": "safeguarding",
    "reason": "Referred to the IDVA service after a high-risk assessment.",
    "includes_location": False,
    "granter_sees_location": True,
    "expires_at": None,
    "now": NOW,
}


def problems(**changes) -> dict[str, str]:
    return share_problems(**{**GOOD, **changes})


def test_it_allows_a_good_share():
    assert problems() == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"to_agency_id": None}, "to_agency", "Select the agency"),
        ({"to_agency_id": OWNER}, "to_agency", "already holds this record"),
        ({"to_agency_active": False}, "to_agency", "no longer part of the partnership"),
        ({"to_agency_kind": "commissioner"}, "to_agency", "Commissioners see figures only"),
        ({"already_shared": True}, "to_agency", "already has an active share"),
        ({"scope": ""}, "scope", "how much of the record"),
        ({"scope": "everything"}, "scope", "how much of the record"),
        ({"lawful_basis": ""}, "lawful_basis", "lawful basis"),
        ({"lawful_basis": "curiosity"}, "lawful_basis", "lawful basis"),
        ({"reason": ""}, "reason", "Explain why"),
        ({"reason": "   "}, "reason", "Explain why"),
        ({"lawful_basis": "marac", "reason": ""}, "reason", "Explain why"),
        ({"lawful_basis": "vital_interests", "reason": ""}, "reason", "Explain why"),
        ({"lawful_basis": "legal_duty", "reason": ""}, "reason", "Explain why"),
        (
            {"includes_location": True, "to_agency_kind": "perpetrator"},
            "includes_location",
            "never shared with a perpetrator service",
        ),
        (
            {"includes_location": True, "granter_sees_location": False},
            "includes_location",
            "your role does not let you see them",
        ),
        ({"expires_at": NOW}, "expires_at", "must be in the future"),
        ({"expires_at": NOW - timedelta(days=1)}, "expires_at", "must be in the future"),
    ],
)
def test_it_refuses_a_share_that_breaks_a_rule(changes, field, words):
    found = problems(**changes)
    assert list(found) == [field]
    assert words in found[field]


@pytest.mark.parametrize(
    "changes",
    [
        {"lawful_basis": "consent", "reason": ""},
        {"scope": "full"},
        {"includes_location": True, "to_agency_kind": "refuge"},
        {"expires_at": NOW + timedelta(minutes=1)},
        {"to_agency_kind": "police", "lawful_basis": "legal_duty"},
    ],
)
def test_it_allows_these_shares(changes):
    assert problems(**changes) == {}


def test_it_names_every_problem_at_once():
    found = problems(
        to_agency_kind="perpetrator",
        includes_location=True,
        lawful_basis="marac",
        reason="",
        expires_at=NOW,
    )
    assert set(found) == {"includes_location", "reason", "expires_at"}


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("", "Enter why"),
        ("   \n ", "Enter why"),
        ("urgent", f"at least {EMERGENCY_REASON_MIN_LENGTH} characters"),
        ("x" * (EMERGENCY_REASON_MIN_LENGTH - 1), "at least"),
        # Padding with spaces does not make a reason long enough.
        ("a  " + " " * 30 + "b", "at least"),
    ],
)
def test_it_refuses_an_emergency_reason_that_says_too_little(reason, words):
    assert words in emergency_reason_problem(reason)


@pytest.mark.parametrize(
    "reason",
    [
        "x" * EMERGENCY_REASON_MIN_LENGTH,
        "Police brought her to A&E overnight; the children are at risk tonight.",
    ],
)
def test_it_accepts_an_emergency_reason_that_explains(reason):
    assert emergency_reason_problem(reason) is None
