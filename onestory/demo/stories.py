"""A few made-up stories that run through the demo partnership, so every part has something
to show: a front-door referral waiting for triage, a high-risk victim with a DASH
assessment, an incident, her children and ex-partner, and her case listed for the next MARAC.

Everything is made through the same actions staff use, so it is audited like real work.
Loaded once: if the demo MARAC exists, the stories are already there.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

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


def load_accommodation_story(*, users: dict[str, User]) -> None:
    """Safe accommodation as each role meets it: the refuge provider's schemes and free
    places, a request to two refuges still waiting for their answers, a household staying
    in a refuge (its place taken with her consent to share her record), a sanctuary install
    at the home of the victim whose ex-partner forced his way in, a place listed out of area,
    and a Safe Start grant approved within the year's budget. Loaded once."""
    from onestory.access.actions import grant_share
    from onestory.access.models import Share
    from onestory.access.policy import grant_for
    from onestory.accommodation import actions as accommodation
    from onestory.accommodation.actions import fund, placements, sanctuary, stays
    from onestory.accommodation.models import Scheme

    if Scheme.objects.filter(name="Willow Lane Refuge").exists():
        return
    refuge, caseworker = users["refuge"], users["caseworker"]
    today = timezone.localdate()
    districts = list(Area.objects.filter(level="district").order_by("code")[:3])
    schemes = {}
    for name, kind, district, units in (
        ("Willow Lane Refuge", "refuge", 0, ((3, 2), (3, 2), (2, 1), (4, 3), (1, 0))),
        ("Harbour House", "refuge", 1, ((3, 2), (2, 1), (4, 3))),
        ("Northshire Dispersed Homes", "dispersed_refuge", 2, ((3, 2), (2, 1))),
        ("Willow Lane Sanctuary Scheme", "sanctuary", 0, ()),
    ):
        area = districts[district] if districts else None
        scheme = accommodation.create_scheme(
            by=refuge,
            name=name,
            scheme_type=kind,
            by_and_for=False,
            specialist_group="",
            town=area.name if area else "Northshire",
            area=area,
            address=f"{len(schemes) + 3} Demo Close, {area.name if area else 'Northshire'}",
            postcode="NS9 9ZZ",
            directions="Ring the side door; staff will ask for the password.",
        )
        for number, (beds, children) in enumerate(units, start=1):
            accommodation.add_unit(
                scheme=scheme,
                by=refuge,
                name=f"{'Flat' if kind == 'dispersed_refuge' else 'Room'} {number}",
                bed_spaces=beds,
                sexes="women" if kind == "refuge" else "any",
                max_children=children,
                boys_up_to_age=14 if kind == "refuge" and children else None,
                pets=kind == "dispersed_refuge",
                wheelchair_access=number == 1,
                no_recourse_to_public_funds=number == 2,
                languages=["English", "Polish"] if number == 1 else ["English"],
                specialist_group="",
            )
        accommodation.confirm_vacancies(scheme=scheme, by=refuge)
        schemes[name] = scheme
    accommodation.list_vacancy(
        by=users["callhandler"],
        provider="Sandown Women's Aid",
        scheme_name="Sandown Refuge",
        scheme_type="refuge",
        town="Sandown",
        places=1,
        bed_spaces=3,
        sexes="women",
        max_children=2,
        boys_up_to_age=None,
        pets=False,
        wheelchair_access=False,
        no_recourse_to_public_funds=False,
        languages=[],
        specialist_group="",
        how_to_refer="Through the national vacancy service, or phone their referral line",
        reported_at=timezone.now() - datetime.timedelta(hours=3),
    )

    outreach = caseworker.agency
    grace = Person.objects.get(owning_agency=outreach, given_name="Grace")
    kayla = Person.objects.get(owning_agency=outreach, given_name="Kayla")
    leanne = Person.objects.get(owning_agency=outreach, given_name="Leanne")
    home = districts[0] if districts else None
    # A request to two refuges at once, waiting for their answers.
    placements.request_placement(
        person=grace,
        schemes=[schemes["Willow Lane Refuge"], schemes["Harbour House"]],
        adult_sex="woman",
        adults=1,
        children=[{"age": 4, "sex": "boy"}],
        unsafe_areas="Anywhere near her ex-partner's family in Eastmouth",
        from_area=home.name if home else "Northshire",
        from_district=home,
        by=caseworker,
    )
    # A household staying at Willow Lane: offered a room, accepted with her consent to share.
    stay_request = placements.request_placement(
        person=kayla,
        schemes=[schemes["Willow Lane Refuge"]],
        adult_sex="woman",
        adults=1,
        from_area="Eastbury",
        from_district=None,
        by=caseworker,
    )
    ask = stay_request.asks.get()
    room = schemes["Willow Lane Refuge"].units.get(name="Room 5")
    placements.answer_ask(ask=ask, answer="offered", unit=room, by=refuge)
    placements.answer_offer(ask=ask, answer="taken", share_record=True, by=caseworker)
    ask.refresh_from_db()
    stay = stays.record_arrival(
        ask=ask, arrived_on=today - datetime.timedelta(days=12), key_worker=refuge, by=refuge
    )
    stays.change_support(
        stay=stay, key_worker=refuge, support_given=["advocacy", "housing"], by=refuge
    )
    # A sanctuary install at Leanne's home (the refuge provider sees her record already, as
    # a member of the MARAC she is listed at; otherwise the outreach service shares it).
    if not Share.objects.active().filter(person=leanne, to_agency=refuge.agency).exists():
        grant_share(
            person=leanne,
            to_agency=refuge.agency,
            scope="summary",
            lawful_basis="consent",
            reason="She wants extra security at home; the sanctuary scheme needs to reach her.",
            by=caseworker,
        )
    install = sanctuary.start_install(
        scheme=schemes["Willow Lane Sanctuary Scheme"],
        person=leanne,
        surveyed_on=today - datetime.timedelta(days=4),
        landlord_permission="given",
        survey_findings="Back door frame is weak; no letterbox guard; no outside light.",
        by=refuge,
    )
    for kind, cost in (("locks", "265.00"), ("letterbox", "85.50")):
        sanctuary.record_measure(
            install=install,
            kind=kind,
            cost=Decimal(cost),
            fitted_on=today - datetime.timedelta(days=1),
            by=refuge,
        )
    # The Safe Start Fund: this year's budget, and a grant approved for a deposit.
    fund.set_budget(starts_on=today, amount=Decimal("250000"), by=users["admin"])
    # The front door applies for someone whose record it sees (Leanne, listed at the MARAC
    # it coordinates) and its team manager approves; the outreach service's application for
    # Grace waits for its own manager.
    front_door = users["callhandler"]
    if grant_for(front_door, leanne) is not None:
        grant = fund.apply_for_grant(
            person=leanne,
            amount=Decimal("650.00"),
            purpose="deposit",
            purpose_details="Deposit for a flat away from her ex-partner",
            by=front_door,
        )
        fund.decide_grant(grant=grant, approve=True, by=users["manager"])
    fund.apply_for_grant(person=grace, amount=Decimal("120.00"), purpose="travel", by=caseworker)


def load_harm_story(*, users: dict[str, User]) -> None:
    """Work with people who use harm as each role meets it: the perpetrator service takes a
    referral from the police, assesses him and starts a behaviour-change programme; his
    partner has no IDVA or outreach worker, so the service's own partner-support worker is
    linked, and hears at once of a threat and of the session he missed after it. A second
    man, referred by children's social care, is linked to the IDVA. The outreach worker
    leads a family case for Leanne and her daughter, with Mia's own words and a goal each.
    Everything through the actions staff use. Loaded once."""
    from onestory.harm import actions as harm
    from onestory.harm.choices import (
        EventKind,
        InterventionType,
        MemberRole,
        Readiness,
        RiskLevel,
        SessionStatus,
        Source,
    )
    from onestory.harm.models import FamilyCase, Intervention

    worker, caseworker = users["perpetrator"], users["caseworker"]
    if Intervention.objects.filter(agency=worker.agency).exists():
        return
    today = timezone.localdate()
    police = Agency.objects.filter(kind=AgencyKind.POLICE).order_by("pk").first()
    csc = Agency.objects.filter(kind=AgencyKind.CHILDRENS_SOCIAL_CARE).order_by("pk").first()

    def days_ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    craig = harm.record_referral(
        by=worker,
        source=Source.POLICE,
        referring_agency=police,
        referred_on=days_ago(45),
        given_name="Craig",
        family_name="Dunmore",
        date_of_birth=datetime.date(1988, 10, 17),
        reason="Third call-out to the home this year; he has agreed to be referred.",
    )
    harm.assess(
        by=worker,
        intervention=craig,
        suitable=True,
        readiness=Readiness.AMBIVALENT,
        assessed_on=days_ago(36),
        risk_level=RiskLevel.MEDIUM,
        intervention_type=InterventionType.BEHAVIOUR_CHANGE,
        planned_weeks=26,
        notes="Minimises, but accepts the police account of the last call-out.",
    )
    for days in (29, 22):
        harm.record_session(
            by=worker, intervention=craig, session_on=days_ago(days), status=SessionStatus.ATTENDED
        )
    harm.record_risk_event(
        by=worker,
        intervention=craig,
        kind=EventKind.THREAT,
        occurred_on=days_ago(17),
        notes="Told the group he would 'sort her out' if she kept the car.",
    )
    harm.record_session(
        by=worker, intervention=craig, session_on=days_ago(15), status=SessionStatus.MISSED
    )
    harm.record_session(
        by=worker, intervention=craig, session_on=days_ago(8), status=SessionStatus.ATTENDED
    )

    lewis = harm.record_referral(
        by=worker,
        source=Source.CHILDRENS_SOCIAL_CARE,
        referring_agency=csc,
        referred_on=days_ago(20),
        given_name="Lewis",
        family_name="Oakes",
        date_of_birth=datetime.date(1993, 4, 3),
        reason="Child protection plan: the children saw him hit their mother.",
    )
    harm.assess(
        by=worker,
        intervention=lewis,
        suitable=True,
        readiness=Readiness.READY,
        assessed_on=days_ago(12),
        risk_level=RiskLevel.HIGH,
        intervention_type=InterventionType.INTENSIVE,
        planned_weeks=20,
        partner_worker=users["idva"],
    )
    harm.record_session(
        by=worker, intervention=lewis, session_on=days_ago(5), status=SessionStatus.ATTENDED
    )

    if FamilyCase.objects.filter(agency=caseworker.agency).exists():
        return
    leanne = Person.objects.get(
        owning_agency=caseworker.agency, given_name="Leanne", family_name="Whitfield"
    )
    mia = Person.objects.get(owning_agency=caseworker.agency, given_name="Mia")
    family = harm.open_family(by=caseworker, person=leanne, role=MemberRole.ADULT_VICTIM)
    her = family.members.get(person=leanne)
    child = harm.add_member(
        by=caseworker,
        family=family,
        person=mia,
        role=MemberRole.CHILD,
        needs="Sleeps badly since the night the police came; behind with reading.",
        voice="I want Mum to be safe and I want to keep going to my school.",
    )
    harm.add_goal(
        by=caseworker,
        family=family,
        member=her,
        description="A safety plan for the handover of Mia at weekends.",
    )
    harm.add_goal(
        by=caseworker,
        family=family,
        member=child,
        description="Mia has a trusted adult at school she can talk to.",
    )
