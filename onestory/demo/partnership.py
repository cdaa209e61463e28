"""The demonstration partnership: made-up agencies and staff for trying OneStory out."""

from django.db import transaction

from onestory.accounts.models import User

# Demo accounts only exist in demo mode; the password is printed by `make demo`.
DEMO_PASSWORD = "demo-partnership-2026"  # noqa: S105

DEMO_STAFF = [
    ("caseworker", "Casey", "Worker", "Caseworker"),
]


@transaction.atomic
def load() -> list[tuple[str, str]]:
    accounts = []
    for username, first, last, description in DEMO_STAFF:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        accounts.append((username, description))
    return accounts
