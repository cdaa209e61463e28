"""Every field of every person-level model is classified, and nothing else is.

A model is person-level when any path of foreign keys (or one-to-one or many-to-many links)
reaches a person, however many hops: a MARAC action belongs to a referral, which is about
a person, so the action is person-level too. A plain field that holds a person's id
(``person_id``, ``subject_person_ids``), kept so that a row outlives the person, is a link
all the same.
"""

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
    "audit.auditevent",
}


def _names_a_person_by_id(field) -> bool:
    name = field.name
    return not field.is_relation and (
        name == "person_id" or name.endswith(("_person_id", "_person_ids"))
    )


def _links(model) -> set:
    """The models ``model`` points at through its own concrete links, and Person where a
    plain field holds a person's id."""
    linked = {
        field.related_model
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is not None
    }
    if any(_names_a_person_by_id(field) for field in model._meta.concrete_fields):
        linked.add(apps.get_model("people", "Person"))
    return linked


def reaching_a_person() -> dict:
    """Every model from which some path of links reaches a person, with one such path."""
    person = apps.get_model("people", "Person")
    paths = {person: [person._meta.label]}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in paths or model._meta.label_lower in NOT_PERSON_LEVEL:
                continue
            for target in _links(model):
                if target in paths:
                    paths[model] = [model._meta.label, *paths[target]]
                    changed = True
                    break
    return paths


def _links_to_a_person(model) -> bool:
    return model in reaching_a_person()


def test_every_person_level_model_is_registered():
    unregistered = [
        " -> ".join(path)
        for model, path in reaching_a_person().items()
        if model not in person_level_models()
    ]
    assert not unregistered, f"classify these with @person_level: {unregistered}"


def test_a_person_named_by_id_is_a_link_too():
    event = apps.get_model("audit", "AuditEvent")  # listed as governed elsewhere
    assert apps.get_model("people", "Person") in _links(event)


def test_a_model_two_links_from_a_person_is_person_level():
    # A MARAC action reaches its victim through its referral.
    action = apps.get_model("marac", "MaracAction")
    assert reaching_a_person()[action][-1] == "people.Person"
    assert len(reaching_a_person()[action]) >= 3


@pytest.mark.parametrize("model", person_level_models(), ids=lambda m: m._meta.label)
def test_every_field_is_classified(model):
    declared = set(classification(model))
    actual = concrete_field_names(model)
    assert not actual - declared, f"unclassified fields on {model._meta.label}: {actual - declared}"
    assert not declared - actual, f"classified fields that do not exist: {declared - actual}"


def test_an_unknown_field_is_treated_as_location_secret():
    model = person_level_models()[0]
    assert field_class(model, "no_such_field") is FieldClass.LOCATION_SECRET
