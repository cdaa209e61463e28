from django.core.management.base import CommandError

from onestory.accounts.models import Agency


def agency_named(name: str) -> Agency:
    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        raise CommandError(f"No agency is called {name!r}.")
    return agency
