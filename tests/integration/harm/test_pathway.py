"""Referral, assessment, sessions, risk, endings; the alerts to the victim's worker."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from onestory.audit.models import AuditAction, AuditEvent
from onestory.harm import actions
from onestory.harm.choices import (
    EndReason,
    EventKind,
    InterventionType,
    Readiness,
    RiskLevel,
    RiskStage,
    SessionStatus,
    Source,
    Status,
)
from onestory.harm.models import Intervention, PartnerAlert, Session
from tests.factories import UserFactory
from tests.integration.harm.conftest import referred, started

pytestmark = pytest.mark.django_db


def test_a_self_referral_records_the_person_at_the_service_and_is_audited(harm):
    intervention = referred(harm, source=Source.SELF, reason="Worried about his temper.")
    assert intervention.status == Status.REFERRED
    assert intervention.person.owning_agency == harm.service
    assert intervention.agency == harm.service
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="harm.intervention", object_id=str(intervention.pk)
    ).exists()


def test_a_self_referral_names_no_referring_agency(harm):
    with pytest.raises(ValidationError) as caught:
        referred(harm, source=Source.SELF, referring_agency=harm.csc)
    assert "referring_agency" in caught.value.message_dict
    assert not Intervention.objects.exists()


def test_only_a_perpetrator_service_takes_referrals(harm):
    with pytest.raises(PermissionDenied):
        referred(harm, by=harm.idva)
    assert not Intervention.objects.exists()


def test_suitable_starts_the_intervention_with_the_intake_risk(harm):
    intervention = started(harm)
    assert intervention.status == Status.ACTIVE
    assert intervention.started_on == timezone.localdate()
    review = intervention.risk_reviews.get()
    assert (review.stage, review.level) == (RiskStage.INTAKE, RiskLevel.MEDIUM)


def test_a_programme_shorter_than_22_weeks_is_refused_and_nothing_saved(harm):
    intervention = referred(harm)
    with pytest.raises(ValidationError) as caught:
        actions.assess(
            by=harm.worker,
            intervention=intervention,
            suitable=True,
            readiness=Readiness.READY,
            assessed_on=timezone.localdate(),
            risk_level=RiskLevel.HIGH,
            intervention_type=InterventionType.BEHAVIOUR_CHANGE,
            planned_weeks=12,
        )
    assert "planned_weeks" in caught.value.message_dict
    intervention.refresh_from_db()
    assert intervention.status == Status.REFERRED
    assert not intervention.risk_reviews.exists()


def test_not_suitable_ends_at_assessment(harm):
    intervention = actions.assess(
        by=harm.worker,
        intervention=referred(harm),
        suitable=False,
        readiness=Readiness.NOT_READY,
        assessed_on=timezone.localdate(),
        risk_level=RiskLevel.HIGH,
    )
    assert intervention.status == Status.NOT_SUITABLE
    assert intervention.started_on is None


def test_a_session_before_the_referral_was_accepted_is_refused(harm):
    intervention = referred(harm)
    with pytest.raises(ValidationError) as caught:
        actions.record_session(
            by=harm.worker,
            intervention=intervention,
            session_on=timezone.localdate(),
            status=SessionStatus.ATTENDED,
        )
    assert "assessed and accepted" in caught.value.message_dict["session_on"][0]
    assert not Session.objects.exists()


def test_a_missed_session_after_a_threat_tells_the_victims_worker_at_once(
    harm, django_capture_on_commit_callbacks
):
    intervention = started(harm)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_risk_event(
            by=harm.worker,
            intervention=intervention,
            kind=EventKind.THREAT,
            occurred_on=today,
            notes="Said he would 'sort her out' MARKER-PERP-NOTE",
        )
    assert PartnerAlert.objects.filter(recipient=harm.idva, kind=EventKind.THREAT).count() == 1
    with (
        time_machine.travel(timezone.now() + timedelta(days=7)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        actions.record_session(
            by=harm.worker,
            intervention=intervention,
            session_on=timezone.localdate(),
            status=SessionStatus.MISSED,
        )
    alert = PartnerAlert.objects.get(recipient=harm.idva, kind=EventKind.MISSED_AFTER_THREAT)
    assert alert.person == intervention.person
    assert alert.from_agency == harm.service
    # The email names nobody and carries none of the perpetrator worker's notes.
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.to == ["idva@example.org"]
        assert "Darren" not in message.body
        assert "MARKER" not in message.body


def test_a_missed_session_without_a_threat_tells_nobody(harm):
    intervention = started(harm)
    actions.record_session(
        by=harm.worker,
        intervention=intervention,
        session_on=timezone.localdate(),
        status=SessionStatus.MISSED,
    )
    assert not PartnerAlert.objects.exists()


def test_a_rising_risk_review_tells_the_victims_worker(harm):
    intervention = started(harm)
    actions.record_risk_review(
        by=harm.worker,
        intervention=intervention,
        stage=RiskStage.REVIEW,
        assessed_on=timezone.localdate(),
        level=RiskLevel.HIGH,
    )
    assert PartnerAlert.objects.filter(kind=EventKind.RISK_RAISED, recipient=harm.idva).exists()


def test_without_a_linked_worker_events_are_recorded_but_nobody_is_alerted(harm):
    intervention = started(harm, partner=False)
    actions.record_risk_event(
        by=harm.worker,
        intervention=intervention,
        kind=EventKind.NEW_RELATIONSHIP,
        occurred_on=timezone.localdate(),
    )
    assert intervention.risk_events.count() == 1
    assert not PartnerAlert.objects.exists()


def test_completion_after_22_weeks_with_the_exit_risk(harm):
    intervention = started(harm)
    with time_machine.travel(timezone.now() + timedelta(weeks=23)):
        actions.end_intervention(
            by=harm.worker,
            intervention=intervention,
            ending=Status.COMPLETED,
            ended_on=timezone.localdate(),
            exit_level=RiskLevel.STANDARD,
        )
    intervention.refresh_from_db()
    assert intervention.status == Status.COMPLETED
    assert intervention.end_reason == EndReason.COMPLETED
    assert intervention.risk_reviews.filter(stage=RiskStage.EXIT, level="standard").exists()
    assert not PartnerAlert.objects.filter(kind=EventKind.RISK_RAISED).exists()


def test_completing_a_programme_early_is_refused(harm):
    intervention = started(harm)
    with pytest.raises(ValidationError) as caught:
        actions.end_intervention(
            by=harm.worker,
            intervention=intervention,
            ending=Status.COMPLETED,
            ended_on=timezone.localdate(),
        )
    assert "22 weeks" in caught.value.message_dict["ending"][0]
    intervention.refresh_from_db()
    assert intervention.status == Status.ACTIVE


@pytest.mark.parametrize(
    ("ending", "reason", "event"),
    [
        (Status.DROPPED_OUT, EndReason.STOPPED_ATTENDING, EventKind.DISENGAGEMENT),
        (Status.REMOVED, EndReason.FURTHER_ABUSE, EventKind.REMOVAL),
    ],
)
def test_a_drop_out_or_removal_tells_the_victims_worker(harm, ending, reason, event):
    intervention = started(harm)
    actions.end_intervention(
        by=harm.worker,
        intervention=intervention,
        ending=ending,
        reason=reason,
        ended_on=timezone.localdate(),
    )
    assert PartnerAlert.objects.filter(kind=event, recipient=harm.idva).exists()


def test_another_service_may_not_change_an_intervention(harm):
    intervention = started(harm)
    with pytest.raises(PermissionDenied):
        actions.record_session(
            by=harm.other_worker,
            intervention=intervention,
            session_on=timezone.localdate(),
            status=SessionStatus.ATTENDED,
        )


def test_the_partner_worker_must_work_on_the_victims_side(harm):
    colleague = UserFactory(agency=harm.service)
    with pytest.raises(ValidationError) as caught:
        actions.assess(
            by=harm.worker,
            intervention=referred(harm),
            suitable=True,
            readiness=Readiness.READY,
            assessed_on=timezone.localdate(),
            risk_level=RiskLevel.HIGH,
            intervention_type=InterventionType.INTENSIVE,
            partner_worker=colleague,
        )
    assert "partner_worker" in caught.value.message_dict
    assert colleague not in actions.partner_workers(harm.service)
    assert harm.idva in actions.partner_workers(harm.service)
