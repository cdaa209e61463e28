"""What risk needs to know of a person's past MARAC referrals, without importing MARAC.

The repeat criterion asks for the date of the person's latest MARAC referral as the victim.
MARAC stands on a floor above risk, so risk asks through a signal that the MARAC app answers
(``onestory.marac.signals``). Referrals the MARAC coordinator declined do not count. With no
MARAC app installed, there is no referral to know of.
"""

from __future__ import annotations

from datetime import date

from django.dispatch import Signal

# Sent with ``person`` and ``on_or_before``; a receiver answers with a date or None.
last_marac_referral_asked = Signal()


def last_marac_referral_on(person, *, on_or_before: date) -> date | None:
    """The date of the person's latest MARAC referral as the victim, up to ``on_or_before``."""
    answers = last_marac_referral_asked.send(
        sender=type(person), person=person, on_or_before=on_or_before
    )
    return max((answer for _, answer in answers if answer is not None), default=None)
