"""MARAC referrals on the person's timeline (registered in ``MaracConfig.ready``).

Everyone who may see the person sees that they were referred to MARAC and when; where the
referral stands is shown as far as the field's class and the user's grant allow.
"""

from __future__ import annotations

from onestory.access.policy import Grant
from onestory.core.timeline import Entry
from onestory.marac.models import MaracReferral
from onestory.people.models import Person


def marac_referrals(user, person: Person, grant: Grant) -> list[Entry]:
    status = grant.sees(MaracReferral, "status")
    entries = []
    referrals = MaracReferral.objects.filter(victim=person).select_related(
        "marac", "referring_agency"
    )
    for referral in referrals:
        line = f"{referral.marac}: {referral.get_status_display().lower()}"
        entries.append(
            Entry(
                at=referral.referred_at,
                title="Referred to MARAC",
                kind="marac",
                byline=str(referral.referring_agency),
                lines=[line if status else str(referral.marac)],
            )
        )
    return entries
