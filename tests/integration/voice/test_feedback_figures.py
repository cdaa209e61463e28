"""The board's feedback figures: per service and quarter, small numbers hidden, and people's
own words shown only once a worker of the service has checked them."""

import pytest

from onestory.audit.models import AuditAction, AuditEvent
from onestory.voice.choices import TextCheck
from onestory.voice.models import FeedbackResponse
from tests.conftest import sign_in
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _responses(agency, n, *, quarter="2026Q2", text_check=TextCheck.NONE, **words):
    return [
        FeedbackResponse.objects.create(
            agency=agency,
            contact_kind="support",
            quarter=quarter,
            listened="yes",
            safer="yes",
            repeated_story="no",
            text_check=text_check,
            **words,
        )
        for _ in range(n)
    ]


def test_the_figures_hide_a_small_quarter(world, client):
    _responses(world.agency, 6)
    _responses(world.other_agency, 3)
    page = sign_in(client, world.commissioner).get("/service-feedback/figures/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Northshire Outreach, April to June 2026: 6 responses" in html
    assert "Southvale IDVA Service, April to June 2026: fewer than 5 responses" in html


def test_unchecked_words_never_reach_the_board(world, client):
    _responses(world.agency, 5)
    _responses(world.agency, 1, text_check=TextCheck.WAITING, what_helped="UNCHECKED WORDS")
    html = sign_in(client, world.commissioner).get("/service-feedback/figures/").content.decode()
    assert "UNCHECKED WORDS" not in html


def test_a_manager_checks_the_words_then_the_board_sees_them_as_edited(world, client):
    _responses(world.agency, 5)
    (response,) = _responses(
        world.agency,
        1,
        text_check=TextCheck.WAITING,
        what_helped="Sam at the Elm Road office believed me.",
    )
    manager = sign_in(client, world.manager)
    listed = manager.get("/service-feedback/check/").content.decode()
    assert f"/service-feedback/check/{response.pk}/" in listed
    manager.post(
        f"/service-feedback/check/{response.pk}/",
        {"decision": "publish", "what_helped": "[A worker] believed me."},
    )
    response.refresh_from_db()
    assert response.text_check == TextCheck.PUBLISHED
    assert response.checked_by == world.manager
    html = sign_in(client.__class__(), world.commissioner).get("/service-feedback/figures/")
    html = html.content.decode()
    assert "[A worker] believed me." in html
    assert "Elm Road" not in html


def test_withheld_words_are_deleted(world, client):
    (response,) = _responses(
        world.agency, 1, text_check=TextCheck.WAITING, could_be_better="My name is Ana."
    )
    sign_in(client, world.manager).post(
        f"/service-feedback/check/{response.pk}/", {"decision": "withhold"}
    )
    response.refresh_from_db()
    assert response.text_check == TextCheck.WITHHELD
    assert response.what_helped == response.could_be_better == ""


def test_words_from_a_small_quarter_stay_hidden_even_when_checked(world, client):
    _responses(world.agency, 2, text_check=TextCheck.PUBLISHED, what_helped="Quick reply.")
    html = sign_in(client, world.commissioner).get("/service-feedback/figures/").content.decode()
    assert "Quick reply." not in html


def test_publishing_needs_some_words(world, client):
    (response,) = _responses(world.agency, 1, text_check=TextCheck.WAITING, what_helped="Kind.")
    page = sign_in(client, world.manager).post(
        f"/service-feedback/check/{response.pk}/", {"decision": "publish", "what_helped": " "}
    )
    assert "Keep some words to show" in page.content.decode()
    response.refresh_from_db()
    assert response.text_check == TextCheck.WAITING


def test_another_services_manager_cannot_read_the_words(world, client):
    elsewhere = AgencyFactory(name="Heron Refuge")
    (response,) = _responses(elsewhere, 1, text_check=TextCheck.WAITING, what_helped="Private.")
    manager = sign_in(client, world.manager)
    assert "Private." not in manager.get("/service-feedback/check/").content.decode()
    assert manager.get(f"/service-feedback/check/{response.pk}/").status_code == 404
    assert AuditEvent.objects.filter(actor_id=world.manager.pk, action=AuditAction.REFUSED).exists()


def test_the_figures_take_the_same_queries_however_many_responses(
    world, client, django_assert_max_num_queries
):
    _responses(world.agency, 6, text_check=TextCheck.PUBLISHED, what_helped="Good.")
    commissioner = sign_in(client, world.commissioner)
    commissioner.get("/service-feedback/figures/")
    _responses(world.other_agency, 30, text_check=TextCheck.PUBLISHED, what_helped="Fine.")
    with django_assert_max_num_queries(12):
        commissioner.get("/service-feedback/figures/")
