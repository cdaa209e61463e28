"""How two people are connected, and which connections make them *personally connected*.

Under the Domestic Abuse Act 2021 two people are personally connected when they are or were
married or civil partners, agreed to marry or form a civil partnership (even if that ended),
are or were in an intimate personal relationship, are each a parent of (or have parental
responsibility for) the same child, or are relatives. Living in the same household is worth
recording but is not, on its own, a personal connection.
"""

from __future__ import annotations

from django.db import models


class RelationshipKind(models.TextChoices):
    SPOUSE = "spouse", "Married to each other"
    FORMER_SPOUSE = "former_spouse", "Were married to each other"
    CIVIL_PARTNER = "civil_partner", "Civil partners"
    FORMER_CIVIL_PARTNER = "former_civil_partner", "Were civil partners"
    ENGAGED = "engaged", "Agreed to marry or form a civil partnership (even if that ended)"
    INTIMATE_PARTNER = "intimate_partner", "In an intimate relationship"
    FORMER_INTIMATE_PARTNER = "former_intimate_partner", "Were in an intimate relationship"
    CO_PARENT = "co_parent", "Parents of, or with parental responsibility for, the same child"
    PARENT_OF = "parent_of", "Parent of"
    CHILD_OF = "child_of", "Child of"
    RELATIVE = "relative", "Relatives"
    HOUSEHOLD_MEMBER = "household_member", "Live in the same household"


K = RelationshipKind

# Seen from the other person's side. Kinds not listed read the same both ways.
INVERSE = {K.PARENT_OF: K.CHILD_OF, K.CHILD_OF: K.PARENT_OF}

INTIMATE = frozenset(
    {
        K.SPOUSE,
        K.FORMER_SPOUSE,
        K.CIVIL_PARTNER,
        K.FORMER_CIVIL_PARTNER,
        K.ENGAGED,
        K.INTIMATE_PARTNER,
        K.FORMER_INTIMATE_PARTNER,
    }
)

PERSONALLY_CONNECTED = INTIMATE | {K.CO_PARENT, K.PARENT_OF, K.CHILD_OF, K.RELATIVE}


def inverse(kind: str) -> RelationshipKind:
    kind = RelationshipKind(kind)
    return INVERSE.get(kind, kind)


def is_personally_connected(kind: str) -> bool:
    return RelationshipKind(kind) in PERSONALLY_CONNECTED


CHILD_UNDER = 16
ADULT_FROM = 18


def age_problem(kind: str, first_age: int | None, second_age: int | None) -> str | None:
    """Why this connection between people of these ages cannot be recorded, or None.

    A child under 16 cannot be recorded as the partner of an adult: that is abuse of a
    child, and belongs in a safeguarding referral. Two under-16s in a relationship can be
    recorded (young people's relationships are supported too). A parent must be older than
    their child.
    """
    kind = RelationshipKind(kind)
    if kind in INTIMATE and first_age is not None and second_age is not None:
        ages = sorted((first_age, second_age))
        if ages[0] < CHILD_UNDER and ages[1] >= ADULT_FROM:
            return (
                "A child under 16 cannot be recorded as the partner of an adult. "
                "This is a safeguarding concern: follow your safeguarding procedure."
            )
    if kind in (K.PARENT_OF, K.CHILD_OF) and first_age is not None and second_age is not None:
        parent, child = (first_age, second_age) if kind == K.PARENT_OF else (second_age, first_age)
        if parent <= child:
            return "A parent must be older than their child. Check the dates of birth."
    return None


# What the other person is to this one, reading a connection from this person's side.
_OTHER_IS = {
    K.SPOUSE: "Spouse",
    K.FORMER_SPOUSE: "Former spouse",
    K.CIVIL_PARTNER: "Civil partner",
    K.FORMER_CIVIL_PARTNER: "Former civil partner",
    K.ENGAGED: "Agreed to marry or form a civil partnership",
    K.INTIMATE_PARTNER: "Partner",
    K.FORMER_INTIMATE_PARTNER: "Former partner",
    K.CO_PARENT: "Parent of the same child",
    K.PARENT_OF: "Their child",
    K.CHILD_OF: "Their parent",
    K.RELATIVE: "Relative",
    K.HOUSEHOLD_MEMBER: "Lives in the same household",
}


def describe_other(kind_from_this_side: str) -> str:
    """``describe_other("parent_of") == "Their child"``: who the other person is to this one."""
    return _OTHER_IS[RelationshipKind(kind_from_this_side)]
