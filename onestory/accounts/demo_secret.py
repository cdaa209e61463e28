"""The demonstration partnership's two-step verification secret.

It is published (the README prints it) so anyone trying the demo can sign in, which is why a
production service refuses any device that uses it (``actions.uses_demo_secret``). The demo
app loads its accounts with it; it lives here so that accounts need not import the demo.
Base32 for authenticator apps; hex as django-otp stores it.
"""

DEMO_TOTP_SECRET_BASE32 = "ONESTORYDEMOPARTNERSHIPNORTHSHIR"  # noqa: S105 (published demo secret)
DEMO_TOTP_KEY_HEX = "734929ba381918e78233692323a1ed7466791d11"
