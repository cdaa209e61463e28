"""The wall: not her name, nothing the victim told her own worker, and nothing of where or
how to reach her, reaches the perpetrator worker, on any page or API response he can open.

A marker is planted in every text field of every row about the victim (her record and her
name, other names, addresses, contact methods, safe contact plan, case, notes, goals, plan
actions, incidents and the connection to him), and every GET page and API operation of
OneStory is opened as the perpetrator worker with every object the test made, his and hers.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.db import models
from django.test import Client
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.accounts.roles import RoleName
from onestory.accounts.tokens.actions import issue_token
from onestory.core.registry import person_level_models
from onestory.harm import actions
from onestory.harm.choices import EventKind, MemberRole, OrderKind, SessionStatus
from onestory.harm.models import FamilyGoal, Order
from onestory.people.models import Address, ContactMethod, PersonName, Relationship
from onestory.people.models.contacts import SafeContactPlan
from onestory.risk.models import Incident
from tests.conftest import sign_in
from tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    GoalFactory,
    PlanActionFactory,
    ShareFactory,
    TargetHardeningFactory,
    UserFactory,
)
from tests.integration.access.test_permission_matrix import all_endpoints
from tests.integration.harm.conftest import started

pytestmark = pytest.mark.django_db


def _plant(rows: list[models.Model]) -> set[str]:
    """Put a distinct marker into every free-text field of each row; return the markers."""
    markers = set()
    for number, row in enumerate(rows):
        changes = {}
        for field in row._meta.concrete_fields:
            free_text = isinstance(field, models.CharField | models.TextField)
            if not free_text or field.choices or not field.editable or field.primary_key:
                continue
            if field.name in {"nhs_number", "postcode"}:
                continue  # checked by their own validators; the postcode gets its own
            marker = f"MKR{number}x{field.name.replace('_', '')}Q"[: field.max_length or 200]
            changes[field.name] = marker
            markers.add(marker)
        type(row)._default_manager.filter(pk=row.pk).update(**changes)
    return markers


@pytest.fixture
def walled(harm):
    intervention = started(harm)
    him = intervention.person
    victim = harm.victim
    case = CaseFactory(person=victim, lead_worker=harm.idva, opened_by=harm.idva)
    goal = GoalFactory(case=case)
    rows = [
        victim,
        PersonName.objects.create(
            person=victim, kind="previous", given_name="a", created_by=harm.idva
        ),
        Address.objects.create(person=victim, kind="safe", line_1="x", postcode="NE99 9ZZ"),
        ContactMethod.objects.create(person=victim, kind="phone", value="07700 900999"),
        SafeContactPlan.objects.create(person=victim, safe_word="x", updated_by=harm.idva),
        case,
        CaseNoteFactory(case=case),
        goal,
        PlanActionFactory(goal=goal),
        TargetHardeningFactory(case=case),
        Relationship.objects.create(
            person=victim, other_person=him, kind="former_intimate_partner"
        ),
    ]
    ShareFactory(person=him, to_agency=harm.idva_agency, scope=ShareScope.FULL)
    family = actions.open_family(by=harm.idva, person=victim, role=MemberRole.ADULT_VICTIM)
    actions.add_member(
        by=harm.idva,
        family=family,
        person=him,
        role=MemberRole.USING_HARM,
        safety_reason="Contact is supervised.",
    )
    her_part = family.members.get(person=victim)
    rows += [
        her_part,
        FamilyGoal.objects.create(member=her_part, description="x", created_by=harm.idva),
    ]
    incident = Incident.objects.create(
        person=victim,
        occurred_on=timezone.localdate(),
        kind="police",
        summary="x",
        agency=harm.idva_agency,
        recorded_by=harm.idva,
    )
    incident.perpetrators.set([him])
    rows.append(incident)
    markers = _plant(rows) | {"NE99 9ZZ", "07700 900999"}
    order = Order.objects.create(
        person=him,
        kind=OrderKind.NON_MOLESTATION,
        starts_on=timezone.localdate() - timedelta(days=30),
        agency=harm.idva_agency,
        recorded_by=harm.idva,
    )
    order.protected.set([victim])
    actions.record_risk_event(
        by=harm.worker,
        intervention=intervention,
        kind=EventKind.THREAT,
        occurred_on=timezone.localdate(),
    )
    actions.record_session(
        by=harm.worker,
        intervention=intervention,
        session_on=timezone.localdate(),
        status=SessionStatus.MISSED,
    )
    objects = {
        "person_id": [him.pk, victim.pk],
        "other_person_id": [him.pk, victim.pk],
        "intervention_id": [intervention.pk],
        "order_id": [order.pk],
        "case_id": [case.pk],
        "goal_id": [goal.pk],
        "family_id": [family.pk],
    }
    return intervention, markers, objects


def _paths(route: str, params: list[str], objects: dict[str, list[int]]):
    choices = [objects.get(param, [1]) for param in params]
    for values in itertools.product(*choices):
        path = "/" + route
        for param, value in zip(params, values, strict=True):
            for converter in ("int:", "", "str:", "slug:", "uuid:"):
                path = path.replace(f"<{converter}{param}>", str(value))
        yield path


def test_every_page_and_api_the_perpetrator_worker_reaches_is_free_of_the_victim(harm, walled):
    intervention, markers, objects = walled
    _token, plain = issue_token(user=harm.worker, name="Wall", by=harm.worker)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    opened = {}
    for endpoint in all_endpoints():
        if "get" not in endpoint.methods():
            continue
        for path in _paths(endpoint.route, endpoint.params, objects):
            # A fresh sign-in each time: some pages (signing out) end the session.
            client = api if endpoint.is_api else sign_in(Client(), harm.worker)
            response = client.get(path)
            content = b"".join(response) if response.streaming else response.content
            text = content.decode("utf-8", "replace")
            opened[path] = response.status_code
            leaked = sorted(marker for marker in markers if marker in text)
            assert not leaked, f"{path} shows the victim's {leaked}"
    # The walk reached his pages, so the test can fail.
    assert opened[f"/harm/interventions/{intervention.pk}/"] == 200
    assert opened[f"/people/{intervention.person_id}/"] == 200
    assert opened[f"/people/{harm.victim.pk}/"] == 404
    assert opened[f"/api/v1/persons/{intervention.person_id}/"] == 200
    assert opened[f"/harm/families/{objects['family_id'][0]}/"] == 200
    assert sum(1 for status in opened.values() if status == 200) > 10


def test_the_services_partner_support_worker_reaches_nothing_of_hers(harm, walled):
    """The service's own partner-support worker opens every page her role may, with every
    object: her alerts and the interventions she is linked to, and nothing of the victim."""
    intervention, markers, objects = walled
    support = UserFactory(agency=harm.service, role=RoleName.PARTNER_SUPPORT)
    intervention.partner_worker = support
    intervention.save(update_fields=["partner_worker"])
    actions.record_risk_event(
        by=harm.worker,
        intervention=intervention,
        kind=EventKind.NEW_RELATIONSHIP,
        occurred_on=timezone.localdate(),
    )
    opened = {}
    for endpoint in all_endpoints():
        _public, permissions, _ = endpoint.policy("get")
        if "get" not in endpoint.methods() or endpoint.is_api:
            continue
        if permissions and not any(support.has_permission(p) for p in permissions):
            continue  # refused by its role before anything is read
        for path in _paths(endpoint.route, endpoint.params, objects):
            text = sign_in(Client(), support).get(path).content.decode("utf-8", "replace")
            opened[path] = text
            leaked = sorted(marker for marker in markers if marker in text)
            assert not leaked, f"{path} shows the victim's {leaked}"
    assert "Darren Kell" in opened["/harm/alerts/"]


def test_the_markers_would_show_to_the_victims_own_worker(harm, walled):
    """The planted markers are real: her own IDVA sees them on her record."""
    _intervention, markers, _objects = walled
    client = sign_in(Client(), harm.idva)
    text = client.get(f"/people/{harm.victim.pk}/").content.decode()
    assert any(marker in text for marker in markers)


def test_every_victim_side_model_is_planted(harm, walled):
    """A new person-level model in people or cases must join the planted rows above."""
    planted = {
        "people.person",
        "people.personname",
        "people.address",
        "people.contactmethod",
        "people.safecontactplan",
        "people.relationship",
        "cases.case",
        "cases.casenote",
        "cases.goal",
        "cases.planaction",
        "cases.targethardening",
        "risk.incident",
    }
    victim_side = {
        m._meta.label_lower for m in person_level_models() if m._meta.app_label in {"people"}
    }
    assert victim_side <= planted
