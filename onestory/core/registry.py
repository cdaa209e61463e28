"""Every field of every person-level model is classified here.

The class decides who may see a field:

- ``ORDINARY``: bookkeeping that identifies nobody (ids, when a record was made, its owner);
- ``PERSONAL``: identifies a person (names, date of birth, references);
- ``SPECIAL_CATEGORY``: health, ethnicity, sexuality, religion, abuse disclosed, risk;
- ``LOCATION_SECRET``: where a person can be found (safe addresses, refuge locations,
  safe contact numbers). Shown only to the owning team with the right permission, and
  never in exports, letters, search results or API responses for anyone else.

``tests/integration/access/test_registry.py`` fails if a person-level model has a field
that is not classified, or a classification names a field that does not exist.
"""

from __future__ import annotations

from enum import IntEnum

from django.db import models


class FieldClass(IntEnum):
    ORDINARY = 0
    PERSONAL = 1
    SPECIAL_CATEGORY = 2
    LOCATION_SECRET = 3


_REGISTRY: dict[type[models.Model], dict[str, FieldClass]] = {}


def person_level(**fields: FieldClass):
    """Class decorator: register a person-level model and classify each of its fields.

    Example::

        @person_level(id=ORDINARY, given_name=PERSONAL, safe_address=LOCATION_SECRET)
        class Person(models.Model): ...
    """

    def register(model: type[models.Model]) -> type[models.Model]:
        _REGISTRY[model] = dict(fields)
        return model

    return register


def person_level_models() -> list[type[models.Model]]:
    return list(_REGISTRY)


def classification(model: type[models.Model]) -> dict[str, FieldClass]:
    return _REGISTRY[model]


def field_class(model: type[models.Model], field_name: str) -> FieldClass:
    """The class of one field; an unclassified field is treated as location-secret."""
    return _REGISTRY.get(model, {}).get(field_name, FieldClass.LOCATION_SECRET)


def fields_up_to(model: type[models.Model], highest: FieldClass) -> set[str]:
    return {name for name, cls in _REGISTRY[model].items() if cls <= highest}


def concrete_field_names(model: type[models.Model]) -> set[str]:
    """The names a classification must cover: every concrete field and many-to-many field."""
    names = set()
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations belong to the other model
        names.add(field.name)
    return names


ORDINARY = FieldClass.ORDINARY
PERSONAL = FieldClass.PERSONAL
SPECIAL_CATEGORY = FieldClass.SPECIAL_CATEGORY
LOCATION_SECRET = FieldClass.LOCATION_SECRET
