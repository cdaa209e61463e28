"""The harm world: a perpetrator service and another, the victim's IDVA service, children's
social care, and the victim (held by the IDVA service) with a marker in every field."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.harm import actions
from onestory.harm.choices import InterventionType, Readiness, RiskLevel, Source
from onestory.harm.models import Intervention
from onestory.people.models import Person
from tests.factories import AgencyFactory, PersonFactory, UserFactory


@dataclass
class HarmWorld:
    service: Agency
    other_service: Agency
    idva_agency: Agency
    csc: Agency
    worker: User  # the perpetrator worker
    other_worker: User  # the same role at another perpetrator service
    idva: User  # the victim's IDVA, linked as partner-support worker
    csc_worker: User
    victim: Person


@pytest.fixture
def harm(db) -> HarmWorld:
    service = AgencyFactory(name="Change Course", kind=AgencyKind.PERPETRATOR_SERVICE)
    other = AgencyFactory(name="Turning Point", kind=AgencyKind.PERPETRATOR_SERVICE)
    idva_agency = AgencyFactory(name="Northshire IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    csc = AgencyFactory(name="Northshire CSC", kind=AgencyKind.CHILDRENS_SOCIAL_CARE)
    return HarmWorld(
        service=service,
        other_service=other,
        idva_agency=idva_agency,
        csc=csc,
        worker=UserFactory(username="perp_worker", agency=service, role=RoleName.CASEWORKER),
        other_worker=UserFactory(
            username="other_perp_worker", agency=other, role=RoleName.CASEWORKER
        ),
        idva=UserFactory(
            username="idva",
            agency=idva_agency,
            role=RoleName.CASEWORKER,
            email="idva@example.org",
        ),
        csc_worker=UserFactory(username="csc", agency=csc, role=RoleName.CASEWORKER),
        victim=PersonFactory(owning_agency=idva_agency),
    )


def referred(harm: HarmWorld, **overrides) -> Intervention:
    values = {
        "by": harm.worker,
        "source": Source.POLICE,
        "referred_on": timezone.localdate(),
        "given_name": "Darren",
        "family_name": "Kell",
    }
    values.update(overrides)
    return actions.record_referral(**values)


def started(harm: HarmWorld, *, partner=True, **overrides) -> Intervention:
    intervention = referred(harm, **overrides)
    return actions.assess(
        by=harm.worker,
        intervention=intervention,
        suitable=True,
        readiness=Readiness.AMBIVALENT,
        assessed_on=timezone.localdate(),
        risk_level=RiskLevel.MEDIUM,
        intervention_type=InterventionType.BEHAVIOUR_CHANGE,
        planned_weeks=26,
        partner_worker=harm.idva if partner else None,
    )
