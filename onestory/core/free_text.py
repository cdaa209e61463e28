"""Free text that crosses agencies is checked for addresses before it is saved.

Text the check flags (``address_check``) is refused with ``AddressInText`` unless the worker
chooses to keep it location-secret; it is then saved marked so, and hidden from every
agency without the right to know where the person is. The other way out is to take the
address out of the text and record it with the address form. See docs/decisions/0037.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError

from onestory.core.address_check import NO_ADDRESS_HERE, address_warning


class AddressInText(ValidationError):
    """Text looks as if it holds an address and the worker has not chosen to keep it secret."""


_SECRET_PLACES: list[Callable[[], list[str]]] = []


def register_secret_places(names: Callable[[], list[str]]) -> None:
    """Add a source of names of secret places. The directory registers its refuges from its
    ``AppConfig.ready()``, so this ground-floor check imports no app above it."""
    if names not in _SECRET_PLACES:
        _SECRET_PLACES.append(names)


def secret_place_names() -> list[str]:
    """Names of refuges and other places kept secret, from every registered source."""
    return [name for names in _SECRET_PLACES for name in names()]


def must_keep_location_secret(texts: Mapping[str, str], *, keep_location_secret: bool) -> bool:
    """Whether the texts (by field name) must be saved as location-secret.

    Raises ``AddressInText``, with a warning for each field that looks like it holds an
    address, when one does and the worker has not chosen to keep it location-secret.
    """
    places = secret_place_names()
    warnings = {
        field: warning
        for field, text in texts.items()
        if (warning := address_warning(text or "", places))
    }
    if warnings and not keep_location_secret:
        raise AddressInText(warnings)
    return bool(warnings)


def refuse_addresses(texts: Mapping[str, str]) -> None:
    """For text read by many agencies at once (MARAC research, the meeting's discussion, the
    minutes): anything that looks like an address is refused outright, with no way to keep
    it location-secret."""
    places = secret_place_names()
    warnings = {
        field: warning
        for field, text in texts.items()
        if (warning := address_warning(text or "", places, template=NO_ADDRESS_HERE))
    }
    if warnings:
        raise AddressInText(warnings)
