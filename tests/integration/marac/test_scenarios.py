"""A year of one family's MARAC story walked through the actions, and what the quarterly
figures then say: a referral, an incident about the same man, a referral about a different
man on an assessment too old to rely on, and a repeat about the first man.

Dawn (the victim, held by the outreach service) is referred about Karl in January; Karl is
reported again in February (a repeat flag); in March she is referred about Mark, a new
case, on professional judgement because her only assessment is seven weeks old; in May she
is referred about Karl again, a repeat of January's referral.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from onestory.marac import actions
from onestory.marac.models import RepeatFlag
from onestory.marac.quarterly import Quarter
from onestory.marac.queries import quarterly_figures
from onestory.risk.actions import assess_dash, record_incident
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
HIGH = {str(n): ("yes" if n <= 15 else "no") for n in range(1, 25)}


def on(day: str, hour: int = 10):
    return time_machine.travel(
        datetime.fromisoformat(day).replace(hour=hour, tzinfo=LONDON), tick=False
    )


def _discuss_and_close(world, referral, meets_on: date) -> None:
    coordinator = world.marac_coordinator
    with on((meets_on.replace(day=1)).isoformat()):
        meeting = actions.schedule_meeting(marac=referral.marac, meets_on=meets_on, by=coordinator)
        item = actions.list_case(referral=referral, meeting=meeting, by=coordinator)
    with on(meets_on.isoformat(), hour=15):
        item.meeting = actions.mark_held(meeting=meeting, by=coordinator)
        actions.record_discussion(item=item, discussion="Safety plan agreed.", by=coordinator)
        actions.close_case(referral=referral, by=coordinator)


@pytest.fixture
def mark(world):
    return PersonFactory(owning_agency=world.agency, given_name="Mark", family_name="Tolley")


def test_a_year_of_referrals_and_the_quarterly_figures(world, mw, mark):
    caseworker = world.caseworker
    mw.marac.area.adult_women = 10_000
    mw.marac.area.save()

    # January: a DASH about Karl, visible high risk; referred with Lily and a baby brother
    # who has no record here (two children in the household).
    with on("2026-01-05"):
        assess_dash(person=mw.victim, answers=HIGH, perpetrators=[mw.perpetrator], by=caseworker)
        first = actions.refer_to_marac(
            marac=mw.marac,
            victim=mw.victim,
            perpetrators=[mw.perpetrator],
            children=[mw.child],
            children_in_household=2,
            reason="He strangled her on Saturday night.",
            by=caseworker,
        )
    assert (first.repeat, first.repeat_of_id, first.criteria) == (
        False,
        None,
        ["visible_high_risk"],
    )
    _discuss_and_close(world, first, date(2026, 1, 21))

    # February: the police report Karl again. The one repeat rule flags the file.
    with on("2026-02-14"):
        incident = record_incident(
            person=mw.victim,
            occurred_on=date(2026, 2, 13),
            kind="police",
            perpetrators=[mw.perpetrator],
            by=caseworker,
        )
    assert RepeatFlag.objects.get(incident=incident).referral == first

    # March: a new relationship, a different man. Her only assessment is 56 days old, so
    # it cannot carry the referral alone ...
    with on("2026-03-02"):
        with pytest.raises(ValidationError) as refused:
            actions.refer_to_marac(
                marac=mw.marac,
                victim=mw.victim,
                perpetrators=[mark],
                children=[mw.child],
                reason="Her new partner threatened her with a knife.",
                by=caseworker,
            )
        assert "more than 28 days old" in str(refused.value)
        # ... the worker refers on professional judgement, giving the reason.
        second = actions.refer_to_marac(
            marac=mw.marac,
            victim=mw.victim,
            perpetrators=[mark],
            children=[mw.child],
            reason="Her new partner threatened her with a knife.",
            judgement=True,
            judgement_reason="A knife was used and she is too frightened to answer the DASH.",
            by=caseworker,
        )
    # A different person using harm: a new case, not a repeat.
    assert (second.repeat, second.repeat_of_id) == (False, None)
    assert (second.criteria, second.assessment_current) == (["professional_judgement"], False)
    _discuss_and_close(world, second, date(2026, 3, 18))

    # May: Karl again, within 12 months of January's referral: a repeat that names it.
    with on("2026-05-06"):
        fresh = assess_dash(
            person=mw.victim, answers=HIGH, perpetrators=[mw.perpetrator], by=caseworker
        )
        third = actions.refer_to_marac(
            marac=mw.marac,
            victim=mw.victim,
            perpetrators=[mw.perpetrator],
            children=[mw.child],
            reason="He broke the non-molestation order and came to the house.",
            by=caseworker,
        )
    assert fresh.repeat is True  # the DASH's repeat criterion agrees with the referral's
    assert (third.repeat, third.repeat_of_id) == (True, first.pk)
    assert third.criteria == ["visible_high_risk", "repeat"]
    _discuss_and_close(world, third, date(2026, 5, 20))

    spring = quarterly_figures(mw.marac, Quarter(2026, 1))
    assert (spring.meetings_held, spring.cases_discussed, spring.repeats) == (2, 2, 0)
    assert spring.children == 3  # two from January's referral, Lily in March
    assert spring.referrals_by_group["other"] == 2  # an outreach service referred both
    assert spring.police_share == 0.0
    assert spring.cases_rolling_year is None  # no meetings in 2025 to fill the year from

    summer = quarterly_figures(mw.marac, Quarter(2026, 2))
    assert (summer.meetings_held, summer.cases_discussed, summer.repeats) == (1, 1, 1)
    assert summer.repeat_rate == 100.0
    assert summer.children == 1

    # No meetings after May: each missing quarter is filled with the one before it.
    with on("2027-01-04"):
        winter = quarterly_figures(mw.marac, Quarter(2026, 4))
    assert (winter.meetings_held, winter.cases_discussed) == (0, 0)
    assert winter.cases_rolling_year == 2 + 1 + 1 + 1  # the summer's one fills Q3 and Q4
    assert winter.per_10000_rolling_year == 5.0
