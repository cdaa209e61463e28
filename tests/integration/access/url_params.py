"""How the permission-matrix test fills in URL parameters.

Each entry makes an object *owned by the test world's home agency* (``world.agency``) and
returns the value for the URL parameter of that name. When you add a URL with a new
parameter name, add an entry here, or the matrix test fails and says so.
"""

from collections.abc import Callable

from tests.factories import PersonFactory

URL_PARAMS: dict[str, Callable] = {
    "person_id": lambda world: PersonFactory(owning_agency=world.agency).pk,
}
