"""The front door's actions, called directly: the rules hold without any form in front."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.intake import actions, rules
from onestory.intake.choices import Channel
from onestory.intake.models import Referral
from tests.factories import PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db

GOOD = {"source": "self", "given_name": "Jo", "phone": "07700 900123", "safe_to_call": True}


def test_it_refuses_answers_that_break_the_rules(world):
    with pytest.raises(ValidationError) as refused:
        actions.submit_referral(channel=Channel.PHONE, **{**GOOD, "safe_to_call": False})
    assert "phone" in refused.value.message_dict
    assert not Referral.objects.exists()


def test_it_refuses_what_is_not_an_answer(world):
    with pytest.raises(TypeError, match="status"):
        actions.submit_referral(channel=Channel.PHONE, status="closed", **GOOD)


def test_it_draws_another_reference_when_one_is_taken(world, monkeypatch):
    taken = ReferralFactory(owning_agency=world.central, reference="AAAA-AAAA")
    drawn = iter(["AAAA-AAAA", "BBBB-BBBB"])
    monkeypatch.setattr(rules, "new_reference", lambda: next(drawn))
    referral = actions.submit_referral(channel=Channel.PHONE, **GOOD)
    assert referral.reference == "BBBB-BBBB"
    assert Referral.objects.exclude(pk=taken.pk).get() == referral


def test_assigning_to_someone_else_needs_the_permission(world, desk):
    referral = ReferralFactory(owning_agency=world.central)
    with pytest.raises(PermissionDenied):
        actions.assign_referral(referral=referral, to=desk.colleague, by=desk.call_handler)


def test_linking_needs_a_person_the_worker_may_see(world, desk):
    referral = ReferralFactory(owning_agency=world.central)
    with pytest.raises(PermissionDenied):
        actions.link_person(
            referral=referral,
            person=PersonFactory(owning_agency=world.other_agency),
            by=desk.manager,
        )
    assert Referral.objects.get().person is None


def test_an_outcome_without_a_reason_is_refused(world, desk):
    referral = ReferralFactory(owning_agency=world.central)
    with pytest.raises(ValidationError):
        actions.record_outcome(referral=referral, outcome="advice", reason="  ", by=desk.manager)
    assert Referral.objects.get().status == "new"


def test_the_database_refuses_a_closed_referral_without_a_reason(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralFactory(owning_agency=world.central, status="closed", outcome="advice")


def test_bad_first_contact_targets_stop_start_up_with_a_message():
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONESTORY_")}
    env["ONESTORY_FIRST_CONTACT_TARGETS"] = "urgent=4,high=soon,standard=72"
    result = subprocess.run(
        [sys.executable, "-c", "import onestory.settings"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "ONESTORY_FIRST_CONTACT_TARGETS: the target for high must be a whole number" in (
        result.stderr
    )
