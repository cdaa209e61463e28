"""How an action's refusal is shown on a form: next to the field it names, or above it."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import RequestFactory

from onestory.core.forms import add_refusal, posted


class MeetingForm(forms.Form):
    error_fields = {"held_at": "held_on"}

    held_on = forms.CharField(required=False)
    place = forms.CharField(required=False)


def _shown(error: ValidationError, **options) -> dict:
    form = MeetingForm({})
    form.is_valid()
    add_refusal(form, error, **options)
    return {name: list(messages) for name, messages in form.errors.items()}


@pytest.mark.parametrize(
    ("error", "options", "shown"),
    [
        (ValidationError({"place": "Enter a place"}), {}, {"place": ["Enter a place"]}),
        (
            ValidationError({"held_at": "The meeting cannot be in the past"}),
            {},
            {"held_on": ["The meeting cannot be in the past"]},
        ),
        (
            ValidationError({"agency": "Choose an agency that is a member"}),
            {},
            {"__all__": ["Choose an agency that is a member"]},
        ),
        (ValidationError("This case is closed"), {}, {"__all__": ["This case is closed"]}),
        (
            ValidationError(["First problem", "Second problem."]),
            {"full_stop": True},
            {"__all__": ["First problem.", "Second problem."]},
        ),
        (
            ValidationError({"place": ["Too long", "Not a place."]}),
            {"full_stop": True},
            {"place": ["Too long.", "Not a place."]},
        ),
    ],
)
def test_a_refusal_is_shown_where_it_belongs(error, options, shown):
    assert _shown(error, **options) == shown


def test_an_empty_post_is_still_a_post():
    factory = RequestFactory()
    assert posted(factory.get("/")) is None
    data = posted(factory.post("/", {}))
    assert isinstance(data, QueryDict)
    assert len(data) == 0
