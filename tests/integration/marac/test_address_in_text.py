"""MARAC research and the meeting's discussion are read by every member agency and go into the
minutes: text that looks like an address is refused there, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.core.free_text import AddressInText
from onestory.marac import actions
from onestory.marac.models import AgendaItem, Research
from tests.integration.marac.conftest import discuss

pytestmark = pytest.mark.django_db

ADDRESS = "She has moved to Flat 3, Rowan House, NE2 7QT."


def test_research_with_an_address_is_refused(mw, listed):
    with pytest.raises(AddressInText) as refused:
        actions.add_research(
            item=listed, known="Known since 2024.", doing=ADDRESS, by=mw.police_rep
        )
    message = refused.value.message_dict["doing"][0]
    assert "“Flat 3”" in message
    assert "take it out" in message
    assert not Research.objects.exists()


def test_the_research_page_says_why_and_keeps_nothing(mw, listed, as_user):
    client = as_user(mw.police_rep)
    url = reverse("marac:research", args=[listed.pk])
    response = client.post(url, {"known": ADDRESS})
    assert response.status_code == 200
    assert "goes into the minutes" in response.content.decode()
    assert not Research.objects.exists()


def test_a_discussion_with_an_address_is_refused(world, mw, listed):
    with pytest.raises(ValidationError) as refused:
        discuss(listed, world.marac_coordinator, text=f"Agreed. {ADDRESS}")
    assert "discussion" in refused.value.message_dict
    assert AgendaItem.objects.get(pk=listed.pk).discussed_at is None
    discuss(listed, world.marac_coordinator, text="Agreed a safety plan; police to flag.")
    assert AgendaItem.objects.get(pk=listed.pk).discussed_at is not None
