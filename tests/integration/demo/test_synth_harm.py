"""The synthetic county's work with people who use harm: at believable rates, and every
row within the rules the actions enforce."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, Q

from onestory.demo.synth.harm import FAMILY_LEADS
from onestory.harm import rules
from onestory.harm.access import sees_in_full
from onestory.harm.models import (
    Breach,
    FamilyCase,
    FamilyGoal,
    FamilyMember,
    Intervention,
    Order,
    RiskReview,
    Session,
)
from onestory.people.models import Person
from tests.integration.demo.test_synth import synth, synthetic_persons

pytestmark = pytest.mark.django_db


def test_the_county_has_perpetrator_work_within_the_rules(tmp_path):
    synth(tmp_path, persons=1500, seed=7, chunk=1500)
    held = Person.objects.filter(
        pk__in=synthetic_persons(), owning_agency__kind="perpetrator"
    ).count()
    # The demo partnership's own stories are left out: only the county's rows are counted.
    interventions = Intervention.objects.filter(person__in=synthetic_persons())
    assert held > 0
    # One referral for each record the programme holds, a few with a second.
    assert held * 0.8 <= interventions.values("person").distinct().count() <= held
    statuses = Counter(interventions.values_list("status", flat=True))
    assessed = sum(statuses.values()) - statuses["referred"]
    assert 0.1 * assessed <= statuses["not_suitable"] <= 0.35 * assessed
    ended = statuses["completed"] + statuses["dropped_out"] + statuses["removed"]
    assert 0.3 * ended <= statuses["completed"] <= 0.7 * ended
    assert Session.objects.exists()
    assert Order.objects.exists()
    assert Breach.objects.count() < Order.objects.count()
    # The rules: sessions only once started; a completed programme lasts at least 22 weeks.
    for intervention in interventions.exclude(status__in=["referred", "not_suitable"]):
        first = intervention.sessions.order_by("session_on").first()
        if first is not None:
            assert first.session_on >= intervention.started_on
        if intervention.status == "completed" and intervention.intervention_type == (
            "behaviour_change"
        ):
            assert intervention.ended_on - intervention.started_on >= timedelta(
                weeks=rules.PROGRAMME_MIN_WEEKS
            )
        if intervention.ended_on:
            assert intervention.end_reason
            assert RiskReview.objects.filter(intervention=intervention, stage="exit").exists()
    assert not interventions.filter(status="not_suitable", started_on__isnull=False).exists()
    attended = Session.objects.aggregate(
        share=Count("pk", filter=Q(status="attended")) * 100 / Count("pk")
    )["share"]
    assert 65 <= attended <= 92
    for breach in Breach.objects.select_related("order"):
        order = breach.order
        assert rules.order_in_force(order.starts_on, order.ends_on, breach.occurred_on)
    # Family cases, led by children's services, at the rate of whole-family working.
    families = FamilyCase.objects.filter(members__person__in=synthetic_persons()).distinct()
    # About one household in five whose child children's services know: fewer cases than
    # the children's records they hold, and not a handful.
    children_known = synthetic_persons().filter(owning_agency__kind__in=FAMILY_LEADS).count()
    assert 0.05 * children_known <= families.count() <= 0.5 * children_known
    assert set(families.values_list("agency__kind", flat=True)) <= set(FAMILY_LEADS)
    members = FamilyMember.objects.filter(family__in=families).select_related("family", "person")
    assert members.filter(role="child").exists()
    assert members.filter(role="adult_victim").exists()
    assert not members.filter(role="using_harm", safety_reason="").exists()
    assert FamilyGoal.objects.filter(member__in=members).exists()
    # Every member is one the lead agency sees in full, as the actions require.
    for member in members:
        lead = member.family.lead_practitioner
        assert sees_in_full(lead, member.person), member
        assert member.family.lead_practitioner.agency_id == member.family.agency_id
