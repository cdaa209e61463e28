"""Signing in and out."""

import pytest
from django.urls import reverse

from onestory.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff():
    return User.objects.create_user("casey", password=PASSWORD, first_name="Casey")


def test_it_shows_the_sign_in_page(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response.status_code == 200
    assert '<label class="govuk-label govuk-label--s" for="id_username">Username</label>' in (
        response.content.decode()
    )


def test_it_signs_in_and_sends_the_user_home(client, staff):
    response = client.post(reverse("accounts:sign-in"), {"username": "casey", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_it_explains_a_wrong_password_next_to_the_form(client, staff):
    response = client.post(reverse("accounts:sign-in"), {"username": "casey", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in – OneStory</title>" in html
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password" in html


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_signed_in_pages_are_never_stored(client, staff):
    client.force_login(staff)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_signs_out_only_by_post(client, staff):
    client.force_login(staff)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("core:home")).status_code == 302
