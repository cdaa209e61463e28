"""What risk needs to know of a person's past MARAC referrals, without importing MARAC.

The repeat criterion asks the one repeat rule (``risk.criteria.repeat_match``) about the
person's MARAC referrals as the victim, with the people using harm each named. MARAC stands
on a floor above risk, so risk asks through a signal that the MARAC app answers
(``onestory.marac.signals``). Referrals the MARAC coordinator declined do not count. With no
MARAC app installed, there is no referral to know of.
"""

from __future__ import annotations

from django.dispatch import Signal

from onestory.risk.criteria import PastReferral

# Sent with ``person``; a receiver answers with a list of ``PastReferral``.
marac_referrals_asked = Signal()


def marac_referrals_of(person) -> list[PastReferral]:
    """The person's MARAC referrals as the victim that count for the repeat rule."""
    answers = marac_referrals_asked.send(sender=type(person), person=person)
    return [referral for _, answer in answers for referral in answer or ()]
