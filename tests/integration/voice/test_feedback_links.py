"""Feedback links: given once at a case's close or after a front-door contact, used once,
and leaving nothing that leads back to the person (decision 0065)."""

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.db import models
from django.utils import timezone

from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases.actions.cases import close_case
from onestory.cases.choices import ClosureReason
from onestory.voice import actions, rules
from onestory.voice.models import FeedbackInvitation, FeedbackLink, FeedbackResponse
from tests.conftest import sign_in
from tests.factories import CaseFactory, PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"listened": "yes", "safer": "partly", "repeated_story": "no"}


@pytest.fixture
def closed_case(world):
    person = PersonFactory(owning_agency=world.agency, given_name="Zofia", family_name="Kowalska")
    return _closed(CaseFactory(person=person, opened_by=world.caseworker), world)


def _closed(case, world):
    return close_case(case=case, reason=ClosureReason.SUPPORT_COMPLETED, by=world.caseworker)


def _token_from(html: str) -> str:
    found = re.search(r"/feedback/([A-Za-z0-9_-]{40,})/", html)
    assert found, "no feedback link on the page"
    return found.group(1)


def test_a_caseworker_gives_a_link_when_the_case_closes_and_only_once(world, client, closed_case):
    staff = sign_in(client, world.caseworker)
    page = staff.get(f"/service-feedback/cases/{closed_case.pk}/")
    assert page.status_code == 200
    assert "Give a feedback link" in page.content.decode()

    given = staff.post(f"/service-feedback/cases/{closed_case.pk}/")
    html = given.content.decode()
    token = _token_from(html)
    assert "<svg" in html  # the QR code
    assert len(token) >= 43

    again = staff.post(f"/service-feedback/cases/{closed_case.pk}/")
    assert "already been given" in again.content.decode()
    assert FeedbackLink.objects.count() == 1
    assert FeedbackInvitation.objects.filter(case=closed_case).count() == 1


def test_no_link_while_the_case_is_open(world, client):
    case = CaseFactory(person=PersonFactory(owning_agency=world.agency), opened_by=world.caseworker)
    staff = sign_in(client, world.caseworker)
    page = staff.post(f"/service-feedback/cases/{case.pk}/")
    assert page.status_code == 200
    assert "Close the case before giving a feedback link" in page.content.decode()
    assert not FeedbackLink.objects.exists()


def test_the_link_works_once(world, client, closed_case):
    token = actions.give_link_for_case(case=closed_case, by=world.caseworker).token
    address = f"/feedback/{token}/"

    form = client.get(address)
    assert form.status_code == 200
    assert "Exit this page" in form.content.decode()
    assert FeedbackLink.objects.count() == 1  # opening the form does not use the link up

    sent = client.post(address, {**ANSWERS, "what_helped": "Being believed."})
    assert sent.status_code == 200
    assert "Thank you" in sent.content.decode()
    assert FeedbackResponse.objects.count() == 1

    assert client.post(address, ANSWERS).status_code == 410
    assert client.get(address).status_code == 410
    assert FeedbackResponse.objects.count() == 1
    with pytest.raises(actions.LinkNotUsable):
        actions.give_feedback(token=token, **ANSWERS)


def test_a_made_up_or_altered_token_opens_nothing(world, client, closed_case):
    token = actions.give_link_for_case(case=closed_case, by=world.caseworker).token
    assert client.get(f"/feedback/{token[:-1]}x/").status_code == 410
    assert client.get("/feedback/guess/").status_code == 410
    assert client.post(f"/feedback/{token.upper()}/", ANSWERS).status_code == 410
    assert not FeedbackResponse.objects.exists()


def test_a_link_runs_out_at_the_end_of_the_next_quarter(world, client, closed_case):
    token = actions.give_link_for_case(case=closed_case, by=world.caseworker).token
    with time_machine.travel(dt.datetime(2026, 9, 30, 22, 0, tzinfo=dt.UTC)):  # 23:00 London
        assert client.get(f"/feedback/{token}/").status_code == 200
    with time_machine.travel(dt.datetime(2026, 9, 30, 23, 30, tzinfo=dt.UTC)):  # 1 Oct London
        assert client.get(f"/feedback/{token}/").status_code == 410


def test_the_answers_need_each_question_answered(world, client, closed_case):
    token = actions.give_link_for_case(case=closed_case, by=world.caseworker).token
    page = client.post(f"/feedback/{token}/", {"listened": "yes"})
    assert page.status_code == 200
    assert "Select an answer" in page.content.decode()
    assert not FeedbackResponse.objects.exists()
    assert FeedbackLink.objects.count() == 1  # a refused form does not use the link up


def test_a_front_door_link_only_for_someone_who_agreed_to_be_asked(world, client):
    referral = ReferralFactory(owning_agency=world.agency)
    staff = sign_in(client, world.call_handler)
    address = f"/service-feedback/front-door/{referral.pk}/"
    assert staff.get(address).status_code == 200
    refused = staff.post(address, {})
    assert "agreed to be asked" in refused.content.decode()
    assert not FeedbackLink.objects.exists()

    given = staff.post(address, {"agreed_to_be_asked": "on"})
    token = _token_from(given.content.decode())
    link = FeedbackLink.objects.get()
    assert (link.agency, link.contact_kind) == (world.agency, "front_door")
    client.logout()
    client.post(f"/feedback/{token}/", ANSWERS)
    response = FeedbackResponse.objects.get()
    assert (response.agency, response.contact_kind, response.quarter) == (
        world.agency,
        "front_door",
        "2026Q2",
    )


def test_another_agency_cannot_give_a_link_for_a_case(world, client, closed_case):
    outsider = sign_in(client, world.other_caseworker)
    assert outsider.post(f"/service-feedback/cases/{closed_case.pk}/").status_code == 404
    assert not FeedbackLink.objects.exists()
    assert AuditEvent.objects.filter(
        actor_id=world.other_caseworker.pk, action=AuditAction.REFUSED
    ).exists()


# --- nothing ties an answer to the person ----------------------------------------------------

_ALLOWED_RELATIONS = {"accounts.agency", "accounts.user"}


@pytest.mark.parametrize("model", [FeedbackLink, FeedbackResponse])
def test_links_and_answers_name_no_person_case_or_referral(model):
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete:
            target = field.related_model._meta.label_lower
            assert target in _ALLOWED_RELATIONS, f"{model.__name__}.{field.name} -> {target}"
        assert not isinstance(field, models.DateTimeField | models.TimeField), field.name
    assert isinstance(model._meta.pk, models.UUIDField)  # no order to join on


def test_the_columns_kept_are_exactly_these():
    """A field added to either table must be argued for in decision 0065 first."""
    assert {f.name for f in FeedbackLink._meta.concrete_fields} == {
        "id",
        "digest",
        "agency",
        "contact_kind",
        "valid_until",
    }
    assert {f.name for f in FeedbackResponse._meta.concrete_fields} == {
        "id",
        "agency",
        "contact_kind",
        "quarter",
        "listened",
        "safer",
        "repeated_story",
        "what_helped",
        "could_be_better",
        "text_check",
        "checked_by",
    }


def test_links_given_on_different_days_look_alike(world):
    for day in (dt.date(2026, 4, 2), dt.date(2026, 6, 29)):
        person = PersonFactory(owning_agency=world.agency)
        case = _closed(CaseFactory(person=person, opened_by=world.caseworker), world)
        with time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)):
            actions.give_link_for_case(case=case, by=world.caseworker)
    alike = FeedbackLink.objects.values("agency", "contact_kind", "valid_until").distinct()
    assert FeedbackLink.objects.count() == 2
    assert alike.count() == 1


def test_nothing_identifying_is_stored_with_the_answers(world, client, closed_case):
    token = actions.give_link_for_case(case=closed_case, by=world.caseworker).token
    before = AuditEvent.objects.order_by("-id").first().id
    client.post(
        f"/feedback/{token}/",
        {**ANSWERS, "could_be_better": "Shorter waits."},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Shared tablet",
    )
    response = FeedbackResponse.objects.get()
    stored = " ".join(str(getattr(response, f.attname)) for f in response._meta.concrete_fields)
    for trace in (
        token,
        rules.digest(token),
        "Zofia",
        "Kowalska",
        "203.0.113.9",
        "Shared tablet",
        timezone.localdate().isoformat(),
    ):
        assert trace not in stored, trace
    assert not FeedbackLink.objects.exists()  # the link is gone once used

    (event,) = AuditEvent.objects.filter(id__gt=before)
    assert event.object_id == ""
    assert event.person_id is None
    assert event.ip_address in (None, "")
    assert event.actor_id is None
    assert str(response.pk) not in event.reason


def test_the_invitation_holds_no_token(world, closed_case):
    given = actions.give_link_for_case(case=closed_case, by=world.caseworker)
    invitation = FeedbackInvitation.objects.get()
    values = " ".join(str(getattr(invitation, f.attname)) for f in invitation._meta.concrete_fields)
    link = FeedbackLink.objects.get()
    assert given.token not in values
    assert link.digest not in values
    assert str(link.pk) not in values
    for event in AuditEvent.objects.all():
        assert given.token not in str(event.__dict__)
        assert str(link.pk) not in str(event.__dict__)
    assert isinstance(link.pk, uuid.UUID)


def test_the_public_form_sets_no_cookie_but_csrf(world, client, closed_case):
    token = actions.give_link_for_case(case=closed_case, by=world.caseworker).token
    page = client.get(f"/feedback/{token}/")
    assert set(page.cookies) <= {"csrftoken"}
    assert "no-store" in page.get("Cache-Control", "") or "no-cache" in page.get(
        "Cache-Control", ""
    )
    sent = client.post(f"/feedback/{token}/", ANSWERS)
    assert set(sent.cookies) <= {"csrftoken"}
