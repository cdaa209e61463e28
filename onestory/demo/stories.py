"""A few made-up stories that run through the demo partnership, so every part has something
to show: a front-door referral waiting for triage, a high-risk victim with a DASH
assessment, an incident, her children and ex-partner, and her case listed for the next MARAC.

Everything is made through the same actions staff use, so it is audited like real work.
Loaded once: if the demo MARAC exists, the stories are already there.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from onestory.accounts.models import Agency, AgencyKind, Area, User
from onestory.intake.actions import consent_answers, submit_referral
from onestory.intake.choices import Channel
from onestory.marac.actions.meetings import create_marac, schedule_meeting
from onestory.marac.actions.referrals import list_case, refer_to_marac
from onestory.marac.models import Marac
from onestory.people.actions import connect_new_person
from onestory.people.connections import RelationshipKind
from onestory.people.models import Person
from onestory.people.models.choices import Involvement
from onestory.risk.actions import assess_dash, record_incident

DEMO_MARAC = "Northshire MARAC"
MARAC_MEMBER_KINDS = {
    AgencyKind.POLICE,
    AgencyKind.IDVA_SERVICE,
    AgencyKind.COMMUNITY_OUTREACH,
    AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.ADULT_SOCIAL_CARE,
    AgencyKind.HOUSING,
    AgencyKind.HEALTH,
    AgencyKind.PROBATION,
    AgencyKind.EDUCATION,
    AgencyKind.SAFE_ACCOMMODATION,
}

SELF_REFERRAL = {
    "source": "self",
    "given_name": "Nicola",
    "family_name": "Marsh",
    "date_of_birth": datetime.date(1991, 8, 4),
    "postcode": "NS2 7QT",
    "children_in_household": "yes",
    "children_count": 1,
    "story": "My husband checks my phone, takes my wages and shouts at me in front of our son. "
    "Last week he pushed me against the door.",
    "phone": "07700 900456",
    "safe_to_call": True,
    "voicemail_allowed": False,
    "safe_times": "Weekdays between 10am and 2pm",
    "safe_word": "lavender",
}
CONSENTED_TO = ("outreach", "idva", "children")


def load_stories(*, county: Area, users: dict[str, User]) -> None:
    if Marac.objects.filter(name=DEMO_MARAC).exists():
        return
    caseworker, coordinator = users["caseworker"], users["marac"]
    today = timezone.localdate()

    submit_referral(channel=Channel.ONLINE_FORM, **SELF_REFERRAL, **consent_answers(CONSENTED_TO))

    victim = Person.objects.get(
        owning_agency=caseworker.agency, given_name="Leanne", family_name="Whitfield"
    )
    victim.involvement = Involvement.VICTIM
    victim.save(update_fields=["involvement"])
    ex_partner = connect_new_person(
        by=caseworker,
        person=victim,
        kind=RelationshipKind.FORMER_INTIMATE_PARTNER,
        given_name="Darren",
        family_name="Whitfield",
        date_of_birth=datetime.date(1986, 5, 2),
    ).other_person
    ex_partner.involvement = Involvement.PERSON_USING_HARM
    ex_partner.save(update_fields=["involvement"])
    child = connect_new_person(
        by=caseworker,
        person=victim,
        kind=RelationshipKind.PARENT_OF,
        given_name="Mia",
        family_name="Whitfield",
        date_of_birth=datetime.date(2016, 2, 11),
    ).other_person
    child.involvement = Involvement.CHILD_VICTIM
    child.save(update_fields=["involvement"])

    record_incident(
        person=victim,
        occurred_on=today - datetime.timedelta(days=6),
        kind="police",
        summary="Police called by a neighbour: he forced his way in after she changed the locks.",
        perpetrators=[ex_partner],
        by=caseworker,
    )
    assess_dash(
        person=victim,
        answers={str(number): "yes" if number <= 15 else "no" for number in range(1, 25)},
        narrative="She left him in the spring. He has turned up at her door three times since, "
        "and this time he had his hands round her neck.",
        incident_on=today - datetime.timedelta(days=6),
        children=[child],
        by=caseworker,
    )

    members = Agency.objects.filter(kind__in=MARAC_MEMBER_KINDS)
    marac = create_marac(name=DEMO_MARAC, area=county, members=members, by=coordinator)
    meeting = schedule_meeting(
        marac=marac,
        meets_on=today + datetime.timedelta(days=7),
        starts_at=datetime.time(10, 0),
        venue="Online",
        by=coordinator,
    )
    referral = refer_to_marac(
        marac=marac,
        victim=victim,
        perpetrators=[ex_partner],
        children=[child],
        # As the referrer knows it: her one child lives with her.
        children_in_household=1,
        reason="High risk after a strangulation and repeated visits since she separated.",
        by=caseworker,
    )
    list_case(referral=referral, meeting=meeting, by=coordinator)
