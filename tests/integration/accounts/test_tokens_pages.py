"""The API tokens page: list your own tokens, issue one (shown once) and revoke one."""

import re

import pytest
from django.urls import reverse

from onestory.accounts.models import ApiToken
from onestory.accounts.models.tokens import hash_token
from onestory.accounts.tokens.actions import issue_token
from onestory.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

LIST = "/account/tokens/"


def _issue(user, name="Reports"):
    return issue_token(user=user, name=name, by=user)[0]


def test_it_lives_at_account_tokens():
    assert reverse("tokens:list") == LIST


def test_it_lists_only_your_own_tokens(world, as_user, django_assert_max_num_queries):
    for number in range(5):
        _issue(world.caseworker, name=f"Mine {number}")
    _issue(world.call_handler, name="A colleague's")
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>API tokens – OneStory</title>" in html
    assert html.count('<td class="govuk-table__cell">Mine ') == 5
    assert "A colleague" not in html
    assert "no-store" in response["Cache-Control"]


def test_it_issues_a_token_and_shows_it_once(world, as_user):
    client = as_user(world.caseworker)
    response = client.post(LIST, {"name": "Weekly report", "expires_in_days": "30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Copy this token now" in html
    plain = re.search(r'value="(os_[0-9a-f]{8}_[^"]+)"', html).group(1)
    token = ApiToken.objects.get(user=world.caseworker)
    assert token.name == "Weekly report"
    assert token.secret_hash == hash_token(plain)
    assert token.created_by == world.caseworker
    assert token.expires_at is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.TOKEN_ISSUED, object_id=str(token.pk)
    ).exists()
    listing = client.get(LIST).content.decode()
    assert "Weekly report" in listing
    assert plain not in listing


def test_it_explains_a_missing_name_next_to_the_field(world, as_user):
    response = as_user(world.caseworker).post(LIST, {"name": "  ", "expires_in_days": "30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: API tokens – OneStory</title>" in html
    assert "govuk-error-summary" in html
    assert "Enter a name for the token" in html
    assert not ApiToken.objects.exists()


def test_it_refuses_an_expiry_it_does_not_offer(world, as_user):
    response = as_user(world.caseworker).post(LIST, {"name": "Forever", "expires_in_days": "9999"})
    assert "Select how long the token should work" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_refuses_the_page_to_a_role_that_may_not_use_the_api(world, as_user):
    assert as_user(world.commissioner).get(LIST).status_code == 403
    assert (
        as_user(world.admin).post(LIST, {"name": "x", "expires_in_days": "30"}).status_code == 403
    )
    assert not ApiToken.objects.exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_it_asks_before_revoking_then_revokes(world, as_user):
    token = _issue(world.caseworker)
    client = as_user(world.caseworker)
    url = reverse("tokens:revoke", args=[token.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Revoke ‘Reports’?" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == LIST
    token.refresh_from_db()
    assert token.revoked_by == world.caseworker
    assert "has been revoked" in client.get(LIST).content.decode()


def test_it_hides_another_agencys_token(world, as_user):
    token = _issue(world.caseworker)
    url = reverse("tokens:revoke", args=[token.pk])
    assert as_user(world.other_caseworker).post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_hides_a_colleagues_token_but_not_from_their_manager(world, as_user):
    token = _issue(world.caseworker)
    url = reverse("tokens:revoke", args=[token.pk])
    assert as_user(world.call_handler).get(url).status_code == 404
    page = as_user(world.manager).get(url)
    assert page.status_code == 200
    assert "caseworker" in page.content.decode()


def test_it_refuses_revoking_to_a_role_that_may_not_use_the_api(world, as_user):
    token = _issue(world.caseworker)
    url = reverse("tokens:revoke", args=[token.pk])
    assert as_user(world.commissioner).post(url).status_code == 403
