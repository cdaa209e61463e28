"""Personally connected under the Domestic Abuse Act 2021, and impossible connections."""

import pytest

from onestory.people.connections import (
    RelationshipKind as K,
)
from onestory.people.connections import (
    age_problem,
    describe_other,
    inverse,
    is_personally_connected,
)

CHILD_PARTNER = (
    "A child under 16 cannot be recorded as the partner of an adult. "
    "This is a safeguarding concern: follow your safeguarding procedure."
)


@pytest.mark.parametrize(
    ("kind", "connected"),
    [
        (K.SPOUSE, True),
        (K.FORMER_SPOUSE, True),
        (K.CIVIL_PARTNER, True),
        (K.FORMER_CIVIL_PARTNER, True),
        (K.ENGAGED, True),
        (K.INTIMATE_PARTNER, True),
        (K.FORMER_INTIMATE_PARTNER, True),
        (K.CO_PARENT, True),
        (K.PARENT_OF, True),
        (K.CHILD_OF, True),
        (K.RELATIVE, True),
        (K.HOUSEHOLD_MEMBER, False),
    ],
)
def test_it_knows_which_connections_are_personal(kind, connected):
    assert is_personally_connected(kind) is connected


@pytest.mark.parametrize(
    ("kind", "other_side", "described"),
    [
        (K.PARENT_OF, K.CHILD_OF, "Their child"),
        (K.CHILD_OF, K.PARENT_OF, "Their parent"),
        (K.SPOUSE, K.SPOUSE, "Spouse"),
        (K.HOUSEHOLD_MEMBER, K.HOUSEHOLD_MEMBER, "Lives in the same household"),
    ],
)
def test_it_reads_a_connection_from_both_sides(kind, other_side, described):
    assert inverse(kind) == other_side
    assert describe_other(kind) == described


@pytest.mark.parametrize(
    ("kind", "first_age", "second_age", "problem"),
    [
        (K.INTIMATE_PARTNER, 15, 30, CHILD_PARTNER),
        (K.FORMER_INTIMATE_PARTNER, 30, 14, CHILD_PARTNER),
        (K.SPOUSE, 12, 40, CHILD_PARTNER),
        (K.ENGAGED, 15, 18, CHILD_PARTNER),
        (K.INTIMATE_PARTNER, 15, 17, None),  # neither is an adult
        (K.INTIMATE_PARTNER, 14, 15, None),  # young people's relationships are recorded
        (K.INTIMATE_PARTNER, 16, 30, None),
        (K.INTIMATE_PARTNER, None, 30, None),  # age not known
        (K.RELATIVE, 10, 40, None),
        (K.PARENT_OF, 40, 10, None),
        (K.PARENT_OF, 10, 40, "A parent must be older than their child. Check the dates of birth."),
        (K.CHILD_OF, 40, 10, "A parent must be older than their child. Check the dates of birth."),
        (K.CHILD_OF, 10, 40, None),
    ],
)
def test_it_refuses_impossible_connections(kind, first_age, second_age, problem):
    assert age_problem(kind, first_age, second_age) == problem
