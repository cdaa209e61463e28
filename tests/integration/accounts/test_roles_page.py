"""The page that says what every role can do."""

import pytest
from django.urls import reverse

from onestory.accounts.roles import ROLES, Permission
from onestory.accounts.views.roles import PERMISSION_WORDS

pytestmark = pytest.mark.django_db

ROLES_PAGE = reverse("accounts:roles")


def test_it_describes_every_role_to_any_member_of_staff(as_user, world):
    response = as_user(world.commissioner).get(ROLES_PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Roles and what they can do – OneStory</title>" in html
    for role in ROLES.values():
        assert role.label in html
        for permission in role.permissions:
            assert PERMISSION_WORDS[permission].replace("'", "&#x27;") in html


def test_it_marks_the_readers_own_role(as_user, world):
    html = as_user(world.caseworker).get(ROLES_PAGE).content.decode()
    assert html.count("Your role") == 1
    assert html.index("Your role") > html.index('id="caseworker"')


def test_every_permission_has_plain_words():
    assert set(PERMISSION_WORDS) == set(Permission)


def test_it_sends_anonymous_visitors_to_sign_in(client):
    assert client.get(ROLES_PAGE)["Location"].startswith(reverse("accounts:sign-in"))
