"""Roles as pages write them, and who may do what."""

import pytest

from onestory.accounts.roles import ROLES, Permission, RoleCannot, RoleName, roles_with


@pytest.mark.parametrize(
    ("role", "written"),
    [
        (RoleName.CALL_HANDLER, "call handler"),
        (RoleName.MARAC_COORDINATOR, "MARAC coordinator"),
        (RoleName.MARAC_REPRESENTATIVE, "MARAC representative"),
        (RoleName.SCHOOL_SAFEGUARDING_LEAD, "school safeguarding lead"),
        (RoleName.COMMISSIONER, "commissioner or analyst"),
    ],
)
def test_a_role_inside_a_sentence_keeps_its_capitals_only_where_they_belong(role, written):
    assert ROLES[role.value].in_sentence == written


def test_it_names_the_roles_that_may_record_police_notifications():
    assert roles_with(Permission.RECORD_POLICE_NOTIFICATIONS) == [
        "Call handler",
        "Team manager",
        "MARAC representative",
    ]


def test_a_refusal_for_a_missing_permission_says_who_can():
    refusal = RoleCannot(Permission.COORDINATE_MARAC)
    assert refusal.who_can == ["MARAC coordinator"]
    assert str(refusal) == "Your role does not allow this."
