"""A partnership for onward referrals, added to the test world.

The front door (``world.central``) holds a victim's record and her front-door referral; the
directory has a service run by each kind of receiving agency: outreach (``world.agency``),
IDVA (``world.other_agency``), a refuge, a perpetrator programme and a children's service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client

from onestory.accounts.models import Agency, AgencyKind, Area, AreaLevel, User
from onestory.accounts.roles import RoleName
from onestory.accounts.tokens.actions import issue_token
from onestory.directory.models import Service
from onestory.intake.models import Referral
from onestory.people import actions as people
from onestory.people.models import Person
from onestory.referrals.actions import send_onward_referral
from onestory.risk.actions import assess_dash
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PersonFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
)
from tests.integration.api.conftest import bearer

STORY = "He took my phone and said he would kill me if I left. I am scared for my son."
SAFE_WORD = "bluebell"
PHONE = "07700 900456"
OLD_REFUGE = "3 Secret Row"
CURRENT_HOME = "22 Current Street"


@dataclass
class Partnership:
    county: Area
    district: Area
    ward: Area
    elsewhere: Area
    desk: User
    desk_manager: User
    refuge_agency: Agency
    perpetrator_agency: Agency
    children_agency: Agency
    refuge_worker: User
    perpetrator_worker: User
    children_worker: User
    outreach: Service
    idva: Service
    refuge: Service
    programme: Service
    children: Service
    victim: Person
    front_door_referral: Referral
    perpetrator: Person
    child: Person

    def service_for(self, kind: str) -> Service:
        return {
            "outreach": self.outreach,
            "idva": self.idva,
            "safe_accommodation": self.refuge,
            "perpetrator": self.programme,
            "children": self.children,
        }[kind]


def assess(person: Person, level: str, by: User):
    yes = {"high": 14, "medium": 10, "standard": 2}[level]
    answers = {str(number): "yes" if number <= yes else "no" for number in range(1, 25)}
    return assess_dash(person=person, answers=answers, by=by)


@pytest.fixture
def partnership(world) -> Partnership:
    county = AreaFactory(code="E10000900", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    district = AreaFactory(
        code="E07000901", name="Harrowmere", level=AreaLevel.DISTRICT, parent=county
    )
    ward = AreaFactory(code="E05901001", name="Harrowmere Castle", parent=district)
    elsewhere = AreaFactory(
        code="E07000902", name="Coldwater Fen", level=AreaLevel.DISTRICT, parent=county
    )
    central = world.central
    desk = UserFactory(
        username="desk",
        first_name="Dee",
        last_name="Desk",
        agency=central,
        role=RoleName.CALL_HANDLER,
    )
    desk_manager = UserFactory(username="desk_manager", agency=central, role=RoleName.TEAM_MANAGER)
    refuge_agency = AgencyFactory(name="Willow Refuge", kind=AgencyKind.SAFE_ACCOMMODATION)
    perpetrator_agency = AgencyFactory(name="Change Course", kind=AgencyKind.PERPETRATOR_SERVICE)
    children_agency = AgencyFactory(name="Little Lanterns", kind=AgencyKind.CHILDRENS_SERVICE)

    def service(name, kind, agency, **details):
        made = ServiceFactory(name=name, kind=kind, agency=agency, **details)
        made.areas.set([county])
        return made

    outreach = service("Outreach Support", "outreach", world.agency, minimum_age=16)
    idva = service("IDVA Service", "idva", world.other_agency, risk_levels=["high"])
    refuge = service("Willow Refuge", "safe_accommodation", refuge_agency, genders=["women"])
    programme = service(
        "Change Course Programme",
        "perpetrator",
        perpetrator_agency,
        serves="people_using_harm",
        genders=["men"],
        minimum_age=18,
    )
    children = service(
        "Children's Support", "children", children_agency, minimum_age=4, maximum_age=17
    )

    victim = PersonFactory(
        owning_agency=central,
        given_name="Dawn",
        family_name="Ashby",
        date_of_birth=dt.date(1990, 5, 1),
        involvement="victim",
        sex="female",
        gender_identity="woman",
    )
    referral = ReferralFactory(
        owning_agency=central,
        person=victim,
        given_name="Dawn",
        family_name="Ashby",
        area=ward,
        story=STORY,
        phone=PHONE,
        safe_word=SAFE_WORD,
        children_in_household="yes",
        children_count=1,
        consent_outreach=True,
        consent_idva=True,
        consent_refuge=True,
    )
    people.record_contact_method(
        by=desk,
        person=victim,
        kind="phone",
        value=PHONE,
        label="Own mobile",
        safe_to_use=True,
        safe_times="Weekdays 10 to 2",
    )
    people.set_safe_contact_plan(by=desk, person=victim, safe_word=SAFE_WORD)
    people.record_address(
        by=desk,
        person=victim,
        kind="refuge",
        line_1=OLD_REFUGE,
        town="Brackenford",
        from_date=dt.date(2020, 1, 1),
        to_date=dt.date(2021, 1, 1),
    )
    people.record_address(
        by=desk, person=victim, kind="home", line_1=CURRENT_HOME, town="Harrowmere"
    )
    perpetrator = PersonFactory(
        owning_agency=central,
        given_name="Gary",
        family_name="Stone",
        date_of_birth=dt.date(1985, 2, 2),
        involvement="person_using_harm",
        sex="male",
        gender_identity="man",
    )
    people.record_relationship(
        by=desk, person=victim, other_person=perpetrator, kind="former_intimate_partner"
    )
    child = PersonFactory(
        owning_agency=central,
        given_name="Sonny",
        family_name="Ashby",
        date_of_birth=dt.date.today() - dt.timedelta(days=9 * 366),
        involvement="child_victim",
    )
    people.record_relationship(by=desk, person=victim, other_person=child, kind="parent_of")
    people.record_relationship(by=desk, person=perpetrator, other_person=child, kind="parent_of")
    return Partnership(
        county=county,
        district=district,
        ward=ward,
        elsewhere=elsewhere,
        desk=desk,
        desk_manager=desk_manager,
        refuge_agency=refuge_agency,
        perpetrator_agency=perpetrator_agency,
        children_agency=children_agency,
        refuge_worker=UserFactory(username="refuge_worker", agency=refuge_agency),
        perpetrator_worker=UserFactory(username="perpetrator_worker", agency=perpetrator_agency),
        children_worker=UserFactory(username="children_worker", agency=children_agency),
        outreach=outreach,
        idva=idva,
        refuge=refuge,
        programme=programme,
        children=children,
        victim=victim,
        front_door_referral=referral,
        perpetrator=perpetrator,
        child=child,
    )


@pytest.fixture
def send(partnership):
    """``send(service=..., **changes)``: the desk refers the victim on, on her consent."""

    def make(**changes):
        arguments = {
            "person": partnership.victim,
            "service": partnership.outreach,
            "reason": "She wants support to stay safe and keep her tenancy.",
            "needs": ["outreach", "housing"],
            "basis": "consent",
            "from_referral": partnership.front_door_referral,
            "by": partnership.desk,
        }
        arguments.update(changes)
        return send_onward_referral(**arguments)

    return make


@pytest.fixture
def api():
    """``api(user)`` gives a client that sends a fresh API token of ``user``."""

    def make(user) -> Client:
        _, plain = issue_token(user=user, name="Test token", by=user)
        return Client(headers=bearer(plain))

    return make
