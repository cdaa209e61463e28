"""Managing staff accounts in the service: the list, adding, roles, switching off, resets."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.accounts.models import User
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF = reverse("accounts:staff")
ADD = reverse("accounts:staff-add")
NEW_PASSWORD = "violet harbour lantern 42"


def _name(user: User) -> str:
    """A name as the page shows it (O'Brien is escaped)."""
    return escape(user.get_full_name())


def _row(user: User) -> str:
    """The username cell of ``user``'s row in the staff list."""
    return f'<td class="govuk-table__cell">{user.username}</td>'


def _url(name: str, account: User) -> str:
    return reverse(f"accounts:{name}", kwargs={"user_id": account.pk})


def _changes(account: User):
    return AuditEvent.objects.filter(
        action=AuditAction.ACCOUNT_CHANGED, object_type="accounts.user", object_id=str(account.pk)
    )


def _new_account(**overrides) -> dict:
    return {
        "username": "robin",
        "first_name": "Robin",
        "last_name": "Ashworth",
        "email": "robin@outreach.example",
        "job_title": "Outreach worker",
        "role": RoleName.CASEWORKER,
        "password": NEW_PASSWORD,
        **overrides,
    }


# The list.


def test_it_lists_the_managers_own_agency(as_user, world):
    html = as_user(world.manager).get(STAFF).content.decode()
    assert "<title>Staff accounts – OneStory</title>" in html
    assert 'data-module="moj-sortable-table"' in html
    for user in (world.caseworker, world.call_handler, world.manager):
        assert _name(user) in html
        assert _row(user) in html
    assert _row(world.other_caseworker) not in html
    assert _row(world.admin) not in html


def test_it_lists_every_agency_for_a_system_administrator(as_user, world):
    html = as_user(world.admin).get(STAFF).content.decode()
    for user in world.users().values():
        assert _row(user) in html
    assert world.other_agency.name in html


def test_it_narrows_the_list_to_one_agency(as_user, world):
    html = as_user(world.admin).get(STAFF, {"agency": world.other_agency.pk}).content.decode()
    assert _row(world.other_caseworker) in html
    assert _row(world.caseworker) not in html


def test_it_shows_role_status_and_two_step(as_user, world):
    off = UserFactory(agency=world.agency, role=RoleName.CALL_HANDLER, is_active=False)
    TOTPDevice.objects.filter(user=off).delete()
    html = as_user(world.manager).get(STAFF).content.decode()
    assert "Call handler" in html
    assert "Switched off" in html
    assert "Not set up yet" in html


def test_it_lists_many_accounts_in_few_queries(as_user, world, django_assert_max_num_queries):
    UserFactory.create_batch(30, agency=world.agency)
    for manager in (world.manager, world.admin):
        client = as_user(manager)
        with django_assert_max_num_queries(10):
            response = client.get(STAFF)
        assert response.content.decode().count('href="/account/staff/') >= 30


def test_it_refuses_the_list_to_a_caseworker(as_user, world):
    assert as_user(world.caseworker).get(STAFF).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    for url in (STAFF, ADD, _url("staff-account", world.caseworker)):
        assert client.get(url)["Location"].startswith(reverse("accounts:sign-in"))


def test_it_shows_staff_accounts_in_the_menu_only_to_managers(as_user, world):
    link = f'href="{STAFF}"'
    assert link in as_user(world.manager).get(reverse("home:home")).content.decode()
    assert link in as_user(world.admin).get(reverse("home:home")).content.decode()
    assert link not in as_user(world.caseworker).get(reverse("home:home")).content.decode()


# Adding an account.


def test_it_adds_an_account_to_the_managers_agency(as_user, world):
    response = as_user(world.manager).post(ADD, _new_account())
    robin = User.objects.get(username="robin")
    assert response["Location"] == _url("staff-account", robin)
    assert robin.agency == world.agency
    assert robin.role == RoleName.CASEWORKER
    assert robin.is_active
    assert robin.check_password(NEW_PASSWORD)
    assert not TOTPDevice.objects.filter(user=robin).exists()
    event = _changes(robin).get()
    assert event.actor_id == world.manager.pk
    assert "password" in event.fields
    assert "role" in event.fields
    assert NEW_PASSWORD not in str(event.__dict__)


def test_a_new_account_sets_up_two_step_at_first_sign_in(as_user, world, client):
    as_user(world.manager).post(ADD, _new_account())
    response = client.post(
        reverse("accounts:sign-in"), {"username": "robin", "password": NEW_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:mfa-enrol"))


def test_a_team_manager_is_not_offered_the_system_administrator_role(as_user, world):
    client = as_user(world.manager)
    html = client.get(ADD).content.decode()
    assert 'value="team_manager"' in html
    assert 'value="system_administrator"' not in html
    assert 'name="agency"' not in html
    response = client.post(ADD, _new_account(role=RoleName.SYSTEM_ADMINISTRATOR))
    assert "Choose a role." in response.content.decode()
    assert not User.objects.filter(username="robin").exists()


def test_a_system_administrator_chooses_the_agency(as_user, world):
    client = as_user(world.admin)
    assert 'name="agency"' in client.get(ADD).content.decode()
    data = _new_account(agency=world.other_agency.pk, role=RoleName.SYSTEM_ADMINISTRATOR)
    client.post(ADD, data)
    robin = User.objects.get(username="robin")
    assert robin.agency == world.other_agency
    assert robin.role == RoleName.SYSTEM_ADMINISTRATOR


def test_a_system_administrator_must_choose_an_agency(as_user, world):
    response = as_user(world.admin).post(ADD, _new_account())
    assert "Choose the agency they work for." in response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password": "short"}, "This password is too short"),
        ({"password": "password1234"}, "This password is too common"),
        ({"password": "robinashworth1"}, "too similar"),
        ({"username": "Caseworker"}, "That username is taken"),
        ({"username": "robin ashworth"}, "Enter a valid username"),
        ({"email": "not an email"}, "Enter an email address in the right format"),
        ({"first_name": ""}, "Enter their first name."),
        ({"role": ""}, "Choose a role."),
    ],
)
def test_it_explains_what_is_wrong_and_saves_nothing(as_user, world, change, message):
    client = as_user(world.manager)
    accounts = User.objects.count()
    response = client.post(ADD, _new_account(**change))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a staff account – OneStory</title>" in html
    assert message in html
    assert User.objects.count() == accounts


def test_it_refuses_adding_accounts_to_a_caseworker(as_user, world):
    assert as_user(world.caseworker).post(ADD, _new_account()).status_code == 403
    assert not User.objects.filter(username="robin").exists()


# One account.


def test_it_shows_an_account(as_user, world):
    response = as_user(world.manager).get(_url("staff-account", world.caseworker))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.caseworker.username in html
    assert "Caseworker" in html


@pytest.mark.parametrize(
    "page", ["staff-account", "staff-role", "staff-switch", "staff-two-step", "staff-password"]
)
def test_another_agencys_account_is_not_found(as_user, world, page):
    client = as_user(world.manager)
    assert client.get(_url(page, world.other_caseworker)).status_code == 404
    if page != "staff-account":
        assert client.post(_url(page, world.other_caseworker)).status_code == 404
    world.other_caseworker.refresh_from_db()
    assert world.other_caseworker.is_active
    assert AuditEvent.objects.filter(action=AuditAction.REFUSED, actor_id=world.manager.pk)


def test_a_team_manager_cannot_reach_a_system_administrator(as_user, world):
    admin_here = UserFactory(agency=world.agency, role=RoleName.SYSTEM_ADMINISTRATOR)
    assert as_user(world.manager).get(_url("staff-account", admin_here)).status_code == 404


def test_a_system_administrator_reaches_any_agency(as_user, world):
    client = as_user(world.admin)
    assert client.get(_url("staff-account", world.other_caseworker)).status_code == 200


def test_nobody_manages_a_superuser_here(as_user, world):
    root = User.objects.create_superuser("root", password=NEW_PASSWORD)
    assert as_user(world.admin).get(_url("staff-account", root)).status_code == 404


# Roles.


def test_it_changes_a_role(as_user, world):
    client = as_user(world.manager)
    response = client.post(_url("staff-role", world.caseworker), {"role": RoleName.TEAM_MANAGER})
    assert response["Location"] == _url("staff-account", world.caseworker)
    world.caseworker.refresh_from_db()
    assert world.caseworker.role == RoleName.TEAM_MANAGER
    assert _changes(world.caseworker).get().fields == ["role"]


def test_a_team_manager_cannot_make_a_system_administrator(as_user, world):
    client = as_user(world.manager)
    data = {"role": RoleName.SYSTEM_ADMINISTRATOR}
    response = client.post(_url("staff-role", world.caseworker), data)
    assert "Choose a role." in response.content.decode()
    world.caseworker.refresh_from_db()
    assert world.caseworker.role == RoleName.CASEWORKER


def test_a_system_administrator_can_make_another(as_user, world):
    data = {"role": RoleName.SYSTEM_ADMINISTRATOR}
    as_user(world.admin).post(_url("staff-role", world.other_caseworker), data)
    world.other_caseworker.refresh_from_db()
    assert world.other_caseworker.role == RoleName.SYSTEM_ADMINISTRATOR


def test_nobody_changes_their_own_role(as_user, world):
    client = as_user(world.manager)
    url = _url("staff-role", world.manager)
    assert "You cannot change your own role" in client.get(url).content.decode()
    client.post(url, {"role": RoleName.CASEWORKER})
    world.manager.refresh_from_db()
    assert world.manager.role == RoleName.TEAM_MANAGER


# Switching off and on.


def test_it_switches_an_account_off_and_ends_its_sessions(as_user, world):
    their_session = as_user(world.caseworker)
    response = as_user(world.manager).post(_url("staff-switch", world.caseworker))
    assert response["Location"] == _url("staff-account", world.caseworker)
    world.caseworker.refresh_from_db()
    assert not world.caseworker.is_active
    assert User.objects.filter(pk=world.caseworker.pk).exists()
    assert _changes(world.caseworker).get().fields == ["is_active"]
    assert their_session.get(reverse("home:home")).status_code == 302


def test_it_switches_an_account_back_on(as_user, world):
    world.caseworker.is_active = False
    world.caseworker.save()
    client = as_user(world.manager)
    assert (
        "Switch on account" in client.get(_url("staff-switch", world.caseworker)).content.decode()
    )
    client.post(_url("staff-switch", world.caseworker))
    world.caseworker.refresh_from_db()
    assert world.caseworker.is_active


def test_a_manager_cannot_switch_themselves_off(as_user, world):
    client = as_user(world.manager)
    url = _url("staff-switch", world.manager)
    assert "You cannot switch off your own account" in client.get(url).content.decode()
    assert client.post(url).status_code == 400
    world.manager.refresh_from_db()
    assert world.manager.is_active


# Two-step verification and passwords.


def test_it_resets_two_step_verification(as_user, world, client):
    response = as_user(world.manager).post(_url("staff-two-step", world.caseworker))
    assert response["Location"] == _url("staff-account", world.caseworker)
    assert not TOTPDevice.objects.filter(user=world.caseworker).exists()
    assert _changes(world.caseworker).get().fields == ["totp_devices"]
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "caseworker", "password": "a long test password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:mfa-enrol"))


def test_it_sets_a_temporary_password(as_user, world):
    url = _url("staff-password", world.caseworker)
    response = as_user(world.manager).post(url, {"password": NEW_PASSWORD})
    assert response["Location"] == _url("staff-account", world.caseworker)
    world.caseworker.refresh_from_db()
    assert world.caseworker.check_password(NEW_PASSWORD)
    assert _changes(world.caseworker).get().fields == ["password"]


def test_it_checks_a_temporary_password(as_user, world):
    url = _url("staff-password", world.caseworker)
    response = as_user(world.manager).post(url, {"password": "short"})
    assert "This password is too short" in response.content.decode()
    world.caseworker.refresh_from_db()
    assert world.caseworker.check_password("a long test password")


def test_a_manager_cannot_set_their_own_password_here(as_user, world):
    client = as_user(world.manager)
    url = _url("staff-password", world.manager)
    assert "You cannot set your own password here" in client.get(url).content.decode()
    client.post(url, {"password": NEW_PASSWORD})
    world.manager.refresh_from_db()
    assert not world.manager.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    "page", ["staff-account", "staff-role", "staff-switch", "staff-two-step", "staff-password"]
)
def test_every_account_page_works_for_a_manager_and_not_a_caseworker(as_user, world, page):
    url = _url(page, world.call_handler)
    assert as_user(world.manager).get(url).status_code == 200
    assert as_user(world.admin).get(url).status_code == 200
    assert as_user(world.caseworker).get(url).status_code == 403


def test_an_unsigned_client_cannot_post_changes(world):
    response = Client().post(_url("staff-switch", world.caseworker))
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    world.caseworker.refresh_from_db()
    assert world.caseworker.is_active
