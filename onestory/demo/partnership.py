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


# The demo accounts' two-step verification secret, known so anyone trying the demo can sign
# in. Base32 for authenticator apps; hex as django-otp stores it. Refused in production.
DEMO_TOTP_SECRET_BASE32 = "ONESTORYDEMOPARTNERSHIPNORTHSHIR"  # noqa: S105
DEMO_TOTP_KEY_HEX = "734929ba381918e78233692323a1ed7466791d11"
