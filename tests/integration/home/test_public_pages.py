"""Public pages: what they say, and what they must not leave behind."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_start_page_with_exit_this_page(client):
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Get support – OneStory</title>" in html
    assert 'data-module="govuk-exit-this-page"' in html
    assert f'href="{reverse("home:exit")}"' in html
    assert "Who this is for" in html


def test_it_sets_no_cookie_on_public_pages(client):
    for name in ("home:start", "home:staying-safe-online"):
        response = client.get(reverse(name))
        assert response.cookies == {}, name


def test_it_sends_a_strict_content_security_policy(client):
    policy = client.get(reverse("home:start"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_exit_forgets_the_session_and_leaves_for_the_neutral_site(client, settings):
    settings.EXIT_URL = "https://www.bbc.co.uk/weather"
    session = client.session
    session["draft"] = "something typed into a form"
    session.save()
    response = client.get(reverse("home:exit"))
    assert response.status_code == 302
    assert response["Location"] == "https://www.bbc.co.uk/weather"
    assert "no-cache" in response["Cache-Control"]
    assert "draft" not in client.session


def test_healthz_answers_when_the_database_does(client):
    response = client.get(reverse("home:healthz"))
    assert response.json() == {"status": "ok"}


def test_it_refuses_to_post_to_the_start_page(client):
    assert client.post(reverse("home:start")).status_code == 405


def test_a_form_without_its_security_token_gets_a_neutral_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("accounts:sign-in"), {})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<title>Please try again – OneStory</title>" in html
    assert 'data-module="govuk-exit-this-page"' in html
