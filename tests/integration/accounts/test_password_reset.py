"""Staff reset a forgotten password through a one-use link sent to their work email."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from onestory.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "correct horse battery staple 2026"


@pytest.fixture
def staff(world):
    user = world.caseworker
    user.email = "sam.worker@outreach.example.org"
    user.save(update_fields=["email"])
    return user


def staff_password_is(user, password: str) -> bool:
    user.refresh_from_db()
    return user.check_password(password)


def ask_for_a_link(address: str, client: Client | None = None):
    client = client or Client()
    return client.post(reverse("accounts:password-reset"), {"email": address})


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_the_sign_in_page_offers_a_reset():
    page = Client().get(reverse("accounts:sign-in")).content.decode()
    assert reverse("accounts:password-reset") in page


def test_a_link_is_emailed_to_the_accounts_address(staff):
    response = ask_for_a_link("SAM.WORKER@outreach.example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert message.subject == "Reset your OneStory password"
    assert staff.username in message.body
    assert link_in(message).startswith(reverse("accounts:password-reset"))
    sent = AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_SENT)
    assert sent.actor_id == staff.pk
    assert sent.object_id == str(staff.pk)


def test_an_unknown_address_gets_the_same_page_and_no_email(staff):
    response = ask_for_a_link("nobody@outreach.example.org")
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []
    asked = AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_REQUESTED)
    assert asked.actor_id is None
    assert "nobody" not in asked.reason  # the address typed is never kept


def test_a_switched_off_account_gets_no_link(staff):
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    ask_for_a_link(staff.email)
    assert mail.outbox == []


def test_a_bad_address_is_refused_with_a_message():
    response = ask_for_a_link("not an address")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the right format" in html
    assert "<title>Error: " in html


def test_only_one_link_goes_out_every_few_minutes(staff):
    ask_for_a_link(staff.email)
    ask_for_a_link(staff.email)
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.PASSWORD_RESET_REQUESTED, actor_id=staff.pk, reason__contains="no link"
    ).exists()


def test_the_link_sets_a_new_password_once_and_signs_nobody_in(staff):
    ask_for_a_link(staff.email)
    client = Client()
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    assert "Set a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert staff_password_is(staff, NEW_PASSWORD)
    assert "_auth_user_id" not in client.session  # two-step verification still comes first
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET, actor_id=staff.pk).exists()
    notice = mail.outbox[-1]
    assert notice.subject == "Your OneStory password was changed"
    assert notice.to == [staff.email]
    # Used once, the link no longer works.
    again = Client().get(link_in(mail.outbox[0]), follow=True).content.decode()
    assert "This link does not work" in again


def test_a_weak_new_password_is_refused_and_nothing_changes(staff):
    ask_for_a_link(staff.email)
    client = Client()
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert staff_password_is(staff, "a long test password")


def test_a_tampered_link_does_not_work(staff):
    ask_for_a_link(staff.email)
    link = link_in(mail.outbox[0])
    page = Client().get(link[:-3] + "xyz/", follow=True).content.decode()
    assert "This link does not work" in page
