"""A MARAC beside the test world.

The world's coordinator (at the central agency) coordinates the MARAC. Its members are the
world's home agency (an outreach service, whose representative is the world's) and the
police, each with a representative; the housing service is not a member, though it has a
representative too. The victim, the person using harm and a child are all held by the
home agency.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.marac.models import Marac, Meeting
from onestory.people.models import Person, Relationship
from tests.factories import AgencyFactory, MaracFactory, MeetingFactory, PersonFactory, UserFactory


@dataclass
class MaracWorld:
    marac: Marac
    meeting: Meeting
    police: Agency
    housing: Agency
    police_rep: User
    outreach_rep: User
    housing_rep: User
    victim: Person
    perpetrator: Person
    child: Person


def _with_email(user: User, email: str) -> User:
    user.email = email
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def mw(world) -> MaracWorld:
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    housing = AgencyFactory(name="Northshire Homes", kind=AgencyKind.HOUSING)
    marac = MaracFactory(
        name="Northshire North MARAC",
        coordinating_agency=world.central,
        members=[world.agency, police],
    )
    victim = PersonFactory(owning_agency=world.agency, given_name="Dawn", family_name="Ashby")
    perpetrator = PersonFactory(owning_agency=world.agency, given_name="Karl", family_name="Ashby")
    child = PersonFactory(
        owning_agency=world.agency,
        given_name="Lily",
        family_name="Ashby",
        date_of_birth=timezone.localdate() - timedelta(days=365 * 6),
    )
    Relationship.objects.create(person=victim, other_person=perpetrator, kind="former_spouse")
    Relationship.objects.create(person=victim, other_person=child, kind="parent_of")
    return MaracWorld(
        marac=marac,
        meeting=MeetingFactory(marac=marac),
        police=police,
        housing=housing,
        police_rep=UserFactory(
            username="police_rep",
            agency=police,
            role=RoleName.MARAC_REPRESENTATIVE,
            email="police.rep@example.org",
        ),
        outreach_rep=_with_email(world.representative, "outreach.rep@example.org"),
        housing_rep=UserFactory(
            username="housing_rep",
            agency=housing,
            role=RoleName.MARAC_REPRESENTATIVE,
            email="housing.rep@example.org",
        ),
        victim=victim,
        perpetrator=perpetrator,
        child=child,
    )


@pytest.fixture
def high_risk(world, mw):
    """A DASH assessment of the victim with 15 yes answers: visible high risk."""
    from onestory.risk.actions import assess_dash

    answers = {str(n): ("yes" if n <= 15 else "no") for n in range(1, 25)}
    return assess_dash(person=mw.victim, answers=answers, by=world.caseworker)


@pytest.fixture
def refer(world, mw):
    """``refer(**changes)`` refers the victim as the home agency's caseworker."""
    from onestory.marac.actions import refer_to_marac

    def make(**changes):
        values = {
            "marac": mw.marac,
            "victim": mw.victim,
            "perpetrators": [mw.perpetrator],
            "children": [mw.child],
            "reason": "He tried to strangle her after she asked him to leave.",
            "by": world.caseworker,
        }
        values.update(changes)
        return refer_to_marac(**values)

    return make


@pytest.fixture
def listed(world, mw, high_risk, refer):
    """A referral checked and listed for the MARAC's next meeting."""
    from onestory.marac.actions import list_case

    referral = refer()
    return list_case(referral=referral, meeting=mw.meeting, by=world.marac_coordinator)


def discuss(item, by, text: str = "Agreed.") -> None:
    """Hold the item's meeting today (discussion follows a held meeting) and record ``text``."""
    from onestory.marac.actions import mark_held, record_discussion
    from onestory.marac.models import Meeting, MeetingStatus

    meeting = Meeting.objects.get(pk=item.meeting_id)
    if meeting.status == MeetingStatus.SCHEDULED:
        Meeting.objects.filter(pk=meeting.pk).update(meets_on=timezone.localdate())
        meeting.refresh_from_db()
        mark_held(meeting=meeting, by=by)
    item.meeting.refresh_from_db()
    record_discussion(item=item, discussion=text, by=by)
