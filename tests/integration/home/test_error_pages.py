"""The service's own error pages (403, 404, 429, 500), in its layout with a way back, and
the small matters of style every page shares."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from onestory.core.throttles import try_again_later
from onestory.home.views import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_for_staff_is_in_the_staff_layout(world, as_user):
    response = as_user(world.caseworker).get("/people/nowhere/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "Sign out" in html
    assert f'href="{reverse("home:home")}">Go to your home page' in html


def test_a_missing_page_for_the_public_has_exit_this_page_and_the_start(client, world):
    response = client.get("/nowhere/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Exit this page" in html
    assert f'href="{reverse("home:start")}">Go to the start' in html


def test_the_api_still_answers_a_missing_address_in_json(client, world):
    response = client.get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_role_that_cannot_is_told_which_roles_can(world, as_user):
    response = as_user(world.commissioner).get(reverse("intake:queue"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do this" in html
    for role in ("Call handler", "Team manager"):
        assert f"<li>{role}</li>" in html
    assert "Caseworker" not in html
    assert "Go to your home page" in html


def test_an_action_refused_says_why(world, as_user):
    response = as_user(world.marac_coordinator).get(reverse("encompass:notices"))
    assert response.status_code == 403
    assert "School safeguarding lead" in response.content.decode()


def test_too_many_requests_and_server_errors_are_pages_of_the_service(world):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/contact-us/form/")
    request.user = AnonymousUser()
    busy = try_again_later(request, 120)
    assert busy.status_code == 429
    assert busy["Retry-After"] == "120"
    assert "Please try again in 2 minutes" in busy.content.decode()
    assert "Exit this page" in busy.content.decode()
    assert "Go to the start" in busy.content.decode()

    failed = server_error(request)
    assert failed.status_code == 500
    html = failed.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Go to the start" in html


def test_the_phase_banner_is_inside_the_header(client, world):
    html = client.get(reverse("home:start")).content.decode()
    header = html.split("<header")[1].split("</header>")[0]
    assert "govuk-phase-banner" in header
    assert html.count('class="govuk-phase-banner"') == 1


def test_select_lists_never_offer_a_row_of_dashes(world, as_user):
    from django import forms

    from onestory.marac.models import MaracAction

    class Blank(forms.ModelForm):
        class Meta:
            model = MaracAction
            fields = ["owning_agency", "status"]

    html = str(Blank())
    assert "---------" not in html
    assert "Select one" in html
    for url in (
        reverse("people:new"),
        reverse("intake:take-referral"),
        reverse("directory:services"),
    ):
        page = as_user(world.manager).get(url).content.decode()
        assert "---------" not in page, url


def test_a_service_named_after_its_organisation_names_it_once(world, as_user):
    from tests.factories import OrganisationFactory, SchoolFactory

    school = SchoolFactory(
        name="Millbrook Academy", organisation=OrganisationFactory(name="Millbrook Academy")
    )
    client = as_user(world.caseworker)
    page = client.get(reverse("directory:service", args=[school.pk])).content.decode()
    main = page.split('id="main-content"')[1]
    assert main.split("Contacts")[0].count("Millbrook Academy") == 1
    listing = client.get(reverse("directory:services")).content.decode()
    assert listing.split('id="main-content"')[1].count("Millbrook Academy") == 1


def test_staff_times_are_written_the_gov_uk_way(world, as_user):
    from datetime import datetime

    from django.utils import timezone

    from tests.factories import ReferralFactory

    referral = ReferralFactory(
        owning_agency=world.agency,
        received_at=timezone.make_aware(datetime(2026, 3, 2, 10, 49)),
    )
    page = as_user(world.call_handler).get(reverse("intake:referral", args=[referral.pk]))
    assert "2 March 2026 10:49am" in page.content.decode()
