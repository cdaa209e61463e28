"""Onward referrals on the person's timeline (registered in ``ReferralsConfig.ready``).

Everyone who may see the person sees that a referral was sent, to which agency and where it
stands; which service it went to says what kind of help the person needs, so it is shown as
far as the field's class and the user's grant allow.
"""

from __future__ import annotations

from onestory.access.policy import Grant
from onestory.core.timeline import Entry
from onestory.people.models import Person
from onestory.referrals.models import OnwardReferral


def onward_referrals(user, person: Person, grant: Grant) -> list[Entry]:
    services = grant.sees(OnwardReferral, "service")
    referrals = OnwardReferral.objects.filter(person=person).select_related(
        "from_agency", "to_agency", "service"
    )
    entries = []
    for referral in referrals:
        lines = [f"Status: {referral.get_status_display().lower()}"]
        if services:
            lines.insert(0, f"Service: {referral.service}")
        entries.append(
            Entry(
                at=referral.sent_at,
                title=f"Referred on to {referral.to_agency}",
                kind="onward",
                byline=str(referral.from_agency),
                lines=lines,
            )
        )
    return entries
