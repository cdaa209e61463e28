"""Sanctuary installs: the survey of a victim's home, the measures fitted with their cost and
date, the landlord's permission where needed, and the review. What the survey found stays
with the scheme's agency."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.accommodation.actions import sanctuary
from onestory.accommodation.models import SanctuaryInstall, SanctuaryMeasure
from onestory.audit.models import AuditEvent
from tests.factories import PersonFactory, SchemeFactory, ShareFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)


@pytest.fixture
def scheme(world):
    return SchemeFactory(
        agency=world.agency, name="Safe at Home", scheme_type="sanctuary", created_by=world.manager
    )


@pytest.fixture
def victim(world):
    return PersonFactory(owning_agency=world.agency, given_name="Dawn", family_name="Ashby")


def test_a_survey_measures_and_a_review_on_the_pages(world, as_user, scheme, victim):
    client = as_user(world.caseworker)
    response = client.post(
        f"/accommodation/people/{victim.pk}/sanctuary/new/",
        {
            "scheme": scheme.pk,
            "surveyed_on": "2026-06-01",
            "survey_findings": "Back door frame rotten",
            "landlord_permission": "given",
        },
    )
    install = SanctuaryInstall.objects.get()
    assert response["Location"] == f"/accommodation/sanctuary/{install.pk}/"
    for kind, cost in (("locks", "180.00"), ("letterbox", "45.50")):
        client.post(
            f"/accommodation/sanctuary/{install.pk}/",
            {"kind": kind, "cost": cost, "fitted_on": "2026-06-05"},
        )
    page = client.get(f"/accommodation/sanctuary/{install.pk}/").content.decode()
    assert "Fireproof letterbox" in page
    assert "£225.50" in page
    assert "Back door frame rotten" in page
    client.post(
        f"/accommodation/sanctuary/{install.pk}/review/",
        {"reviewed_on": "2026-06-09", "review_notes": "She feels safer"},
    )
    install.refresh_from_db()
    assert install.reviewed_on == date(2026, 6, 9)
    assert AuditEvent.objects.filter(object_type="accommodation.sanctuarymeasure").count() == 2


def test_nothing_is_fitted_while_the_landlord_has_not_agreed(world, scheme, victim):
    install = sanctuary.start_install(
        scheme=scheme,
        person=victim,
        surveyed_on=TODAY,
        landlord_permission="asked",
        by=world.caseworker,
    )
    with pytest.raises(ValidationError) as refused:
        sanctuary.record_measure(
            install=install, kind="alarm", cost=Decimal(90), fitted_on=TODAY, by=world.caseworker
        )
    assert "until the landlord gives permission" in str(refused.value)
    sanctuary.change_permission(install=install, landlord_permission="given", by=world.caseworker)
    sanctuary.record_measure(
        install=install, kind="alarm", cost=Decimal(90), fitted_on=TODAY, by=world.caseworker
    )
    assert SanctuaryMeasure.objects.count() == 1


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"kind": "locks", "cost": Decimal(-1), "fitted_on": TODAY}, "cost"),
        ({"kind": "locks", "cost": Decimal(10), "fitted_on": date(2026, 5, 31)}, "fitted_on"),
        ({"kind": "other", "cost": Decimal(10), "fitted_on": TODAY}, "details"),
    ],
)
def test_a_measure_needs_a_cost_a_date_after_the_survey_and_a_name(
    world, scheme, victim, details, field
):
    install = sanctuary.start_install(
        scheme=scheme,
        person=victim,
        surveyed_on=date(2026, 6, 1),
        landlord_permission="not_needed",
        by=world.caseworker,
    )
    with pytest.raises(ValidationError) as refused:
        sanctuary.record_measure(install=install, by=world.caseworker, **details)
    assert field in refused.value.message_dict
    assert not SanctuaryMeasure.objects.exists()


def test_installs_go_only_under_a_sanctuary_scheme(world, victim):
    refuge = SchemeFactory(agency=world.agency, scheme_type="refuge", created_by=world.manager)
    with pytest.raises(ValidationError):
        sanctuary.start_install(
            scheme=refuge,
            person=victim,
            surveyed_on=TODAY,
            landlord_permission="not_needed",
            by=world.caseworker,
        )
    assert not SanctuaryInstall.objects.exists()


def test_outsiders_get_404_and_the_survey_stays_with_the_agency(world, as_user, scheme, victim):
    install = sanctuary.start_install(
        scheme=scheme,
        person=victim,
        surveyed_on=TODAY,
        survey_findings="ZQ7XW garden gate",
        landlord_permission="not_needed",
        by=world.caseworker,
    )
    # Even with the person shared in full, another agency does not reach the install.
    ShareFactory(person=victim, to_agency=world.other_agency, granted_by=world.caseworker)
    client = as_user(world.other_caseworker)
    for path in (
        f"/accommodation/sanctuary/{install.pk}/",
        f"/accommodation/sanctuary/{install.pk}/review/",
        f"/accommodation/sanctuary/{install.pk}/permission/",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert "ZQ7XW" not in response.content.decode()
    assert AuditEvent.objects.filter(
        action="refused", actor_id=world.other_caseworker.pk, reason__contains="sanctuary"
    ).exists()
    with pytest.raises(PermissionDenied):
        sanctuary.record_review(
            install=install, reviewed_on=TODAY, review_notes="", by=world.other_caseworker
        )
    assert (
        as_user(world.representative).get(f"/accommodation/sanctuary/{install.pk}/").status_code
        == 403
    )
