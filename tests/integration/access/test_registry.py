"""Every field of every person-level model is classified, and nothing else is."""

import pytest
from django.apps import apps

from onestory.core.registry import (
    FieldClass,
    classification,
    concrete_field_names,
    field_class,
    person_level_models,
)

# Models that hold data about a person but are governed elsewhere: the access machinery's
# own records, and staff accounts. Anything else with a link to a person must be classified.
NOT_PERSON_LEVEL = {
    "access.share",
    "access.emergencyaccess",
    "access.auditevent",
}


def _links_to_a_person(model) -> bool:
    for field in model._meta.get_fields():
        related = field.related_model if field.is_relation and field.concrete else None
        if related is not None and related._meta.label_lower == "people.person":
            return True
    return model._meta.label_lower == "people.person"


def test_every_person_level_model_is_registered():
    unregistered = [
        model._meta.label
        for model in apps.get_models()
        if _links_to_a_person(model)
        and model._meta.label_lower not in NOT_PERSON_LEVEL
        and model not in person_level_models()
    ]
    assert not unregistered, f"classify these with @person_level: {unregistered}"


@pytest.mark.parametrize("model", person_level_models(), ids=lambda m: m._meta.label)
def test_every_field_is_classified(model):
    declared = set(classification(model))
    actual = concrete_field_names(model)
    assert not actual - declared, f"unclassified fields on {model._meta.label}: {actual - declared}"
    assert not declared - actual, f"classified fields that do not exist: {declared - actual}"


def test_an_unknown_field_is_treated_as_location_secret():
    model = person_level_models()[0]
    assert field_class(model, "no_such_field") is FieldClass.LOCATION_SECRET
