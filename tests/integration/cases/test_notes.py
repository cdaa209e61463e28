"""Case notes: kinds, who may read them, contacts and the address-in-note warning."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases import access, actions
from onestory.cases.actions.notes import AddressInNote
from onestory.cases.choices import CaseStatus, NoteKind, Sensitivity
from onestory.cases.models import CaseNote
from tests.factories import ShareFactory, UserFactory

pytestmark = pytest.mark.django_db


def note_url(case):
    return reverse("cases:add-note", args=[case.pk])


def page(client, case) -> str:
    return client.get(reverse("cases:case", args=[case.pk])).content.decode()


@pytest.fixture
def notes(world, case):
    """One note of each sensitivity; the restricted one names the manager."""
    by = world.caseworker
    actions.add_note(case=case, kind=NoteKind.MEETING, text="Standard note text", by=by)
    actions.add_note(
        case=case,
        kind=NoteKind.MULTI_AGENCY,
        text="Agency note text",
        sensitivity=Sensitivity.AGENCY,
        by=by,
    )
    actions.add_note(
        case=case,
        kind=NoteKind.MANAGEMENT_OVERSIGHT,
        text="Restricted note text",
        sensitivity=Sensitivity.RESTRICTED,
        named_readers=[world.manager],
        by=by,
    )


def test_the_writer_and_named_workers_read_a_restricted_note(world, as_user, case, notes):
    for user in (world.caseworker, world.manager):
        html = page(as_user(user), case)
        assert "Restricted note text" in html
        assert "Agency note text" in html


def test_a_colleague_who_is_not_named_does_not_see_a_restricted_note(world, as_user, case, notes):
    colleague = UserFactory(username="colleague", agency=world.agency, role=RoleName.CASEWORKER)
    client = as_user(colleague)
    for url in (reverse("cases:case", args=[case.pk]), reverse("cases:notes", args=[case.pk])):
        html = client.get(url).content.decode()
        assert "Standard note text" in html
        assert "Agency note text" in html
        assert "Restricted note text" not in html


def test_another_agency_with_a_full_share_reads_only_standard_notes(world, as_user, case, notes):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    client = as_user(world.other_caseworker)
    html = client.get(reverse("cases:notes", args=[case.pk])).content.decode()
    assert "Standard note text" in html
    assert "Agency note text" not in html
    assert "Restricted note text" not in html


def test_a_restricted_note_must_name_workers_of_the_agency(world, case):
    with pytest.raises(ValidationError) as refused:
        actions.add_note(
            case=case,
            kind=NoteKind.MEETING,
            text="Secret",
            sensitivity=Sensitivity.RESTRICTED,
            by=world.caseworker,
        )
    assert "named_readers" in refused.value.message_dict
    with pytest.raises(ValidationError):
        actions.add_note(
            case=case,
            kind=NoteKind.MEETING,
            text="Secret",
            sensitivity=Sensitivity.RESTRICTED,
            named_readers=[world.other_caseworker],
            by=world.caseworker,
        )
    assert not CaseNote.objects.exists()


def test_the_note_page_writes_a_restricted_note(world, as_user, case):
    client = as_user(world.caseworker)
    response = client.post(
        note_url(case),
        {
            "kind": "court",
            "text": "Hearing adjourned.",
            "sensitivity": "restricted",
            "named_readers": [world.manager.pk],
        },
    )
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert list(note.named_readers.all()) == [world.manager]
    html = client.post(note_url(case), {"kind": "court", "text": "x", "sensitivity": "restricted"})
    assert "Name at least one worker who may read this note" in html.content.decode()


def test_a_contact_makes_the_case_active_and_dates_first_contact(world, case):
    by = world.caseworker
    opened = timezone.now() - dt.timedelta(days=2)
    case.opened_at = opened
    case.save(update_fields=["opened_at"])
    actions.add_note(
        case=case,
        kind=NoteKind.ATTEMPTED_CONTACT,
        channel="phone",
        text="No answer",
        occurred_at=opened + dt.timedelta(hours=3),
        by=by,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    made = opened + dt.timedelta(hours=20)
    actions.add_note(
        case=case, kind=NoteKind.CONTACT, channel="text", text="Replied", occurred_at=made, by=by
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert case.first_contact_at == made
    assert case.time_to_first_contact == dt.timedelta(hours=20)
    # A later contact does not move the first one; an earlier one recorded late does.
    actions.add_note(case=case, kind=NoteKind.CONTACT, channel="phone", text="Again", by=by)
    earlier = opened + dt.timedelta(hours=5)
    actions.add_note(
        case=case,
        kind=NoteKind.CONTACT,
        channel="in_person",
        text="Saw her",
        occurred_at=earlier,
        by=by,
    )
    case.refresh_from_db()
    assert case.first_contact_at == earlier


def test_a_contact_note_says_how(world, as_user, case):
    with pytest.raises(ValidationError) as refused:
        actions.add_note(case=case, kind=NoteKind.CONTACT, text="Spoke", by=world.caseworker)
    assert "channel" in refused.value.message_dict
    html = as_user(world.caseworker).post(
        note_url(case), {"kind": "contact", "text": "Spoke", "sensitivity": "standard"}
    )
    assert "Say how you tried to reach the person" in html.content.decode()


def test_a_note_cannot_be_dated_in_the_future(world, case):
    with pytest.raises(ValidationError):
        actions.add_note(
            case=case,
            kind=NoteKind.MEETING,
            text="Later",
            occurred_at=timezone.now() + dt.timedelta(days=1),
            by=world.caseworker,
        )


# The address-in-note check ------------------------------------------------------------

ADDRESS_NOTE = "She has moved in with her sister at 12 Hidden Lane, NE2 7QT."


def test_the_action_refuses_an_address_until_the_worker_keeps_it_location_secret(world, case):
    with pytest.raises(AddressInNote) as warned:
        actions.add_note(case=case, kind=NoteKind.MEETING, text=ADDRESS_NOTE, by=world.caseworker)
    assert "address form" in warned.value.message_dict["text"][0]
    assert "location-secret" in warned.value.message_dict["text"][0]
    assert not CaseNote.objects.exists()
    note = actions.add_note(
        case=case,
        kind=NoteKind.MEETING,
        text=ADDRESS_NOTE,
        keep_location_secret=True,
        by=world.caseworker,
    )
    assert note.location_secret
    assert note.address_warning_confirmed
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="cases.casenote")
    assert event.reason == "saved as location-secret after the address check"
    assert "location_secret" in event.fields


def test_a_note_without_an_address_is_never_location_secret(world, case):
    note = actions.add_note(
        case=case,
        kind=NoteKind.MEETING,
        text="Talked about the court date.",
        keep_location_secret=True,
        by=world.caseworker,
    )
    assert not note.location_secret


def test_the_note_page_warns_and_offers_the_address_form(world, as_user, case):
    client = as_user(world.caseworker)
    data = {"kind": "meeting", "text": ADDRESS_NOTE, "sensitivity": "standard"}
    response = client.post(note_url(case), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a note – OneStory</title>" in html
    assert "This note looks as if it holds an address" in html
    assert "“12 Hidden Lane”" in html
    assert reverse("people:add-address", args=[case.person_id]) in html
    assert "Save this note as location-secret" in html
    assert not CaseNote.objects.exists()

    # Ticking the box saves it, location-secret.
    response = client.post(note_url(case), {**data, "keep_location_secret": "on"})
    assert response.status_code == 302
    assert CaseNote.objects.get().location_secret
    assert "Location-secret" in page(client, case)


@pytest.mark.parametrize(
    ("includes_location", "reads_it"),
    [(False, False), (True, True)],
)
def test_a_location_secret_note_reaches_only_agencies_with_the_right_to_location(
    world, as_user, case, includes_location, reads_it
):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        includes_location=includes_location,
        granted_by=world.caseworker,
    )
    for text, secret in (("Staying at Rowan House for now.", True), ("Court on Friday.", False)):
        actions.add_note(
            case=case,
            kind=NoteKind.MEETING,
            text=text,
            is_key=True,
            keep_location_secret=secret,
            by=world.caseworker,
        )
    other = page(as_user(world.other_caseworker), case)
    timeline = (
        as_user(world.other_caseworker)
        .get(reverse("timeline:person", args=[case.person_id]))
        .content.decode()
    )
    assert "Court on Friday." in other
    assert "Court on Friday." in timeline
    assert ("Rowan House" in other) is reads_it
    assert ("Rowan House" in timeline) is reads_it
    # The owning agency reads it; its MARAC representative, who may not see location, does not.
    assert "Rowan House" in page(as_user(world.caseworker), case)
    visible = access.visible_notes(world.representative, case).values_list("text", flat=True)
    assert list(visible) == ["Court on Friday."]


def test_a_worker_who_may_not_add_addresses_is_told_whom_to_ask(world, as_user, case):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    other_case = actions.open_case(
        person=case.person, agency=world.other_agency, by=world.other_caseworker
    )
    html = (
        as_user(world.other_caseworker)
        .post(
            note_url(other_case),
            {"kind": "meeting", "text": "Now at 4 Rose Court", "sensitivity": "standard"},
        )
        .content.decode()
    )
    assert "This note looks as if it holds an address" in html
    assert reverse("people:add-address", args=[case.person_id]) not in html
    assert f"ask {world.agency}" in html


def test_an_ordinary_note_saves_without_a_warning(world, as_user, case):
    response = as_user(world.caseworker).post(
        note_url(case),
        {"kind": "meeting", "text": "Talked about the court date.", "sensitivity": "standard"},
    )
    assert response.status_code == 302
    assert not CaseNote.objects.get().location_secret


def test_the_note_page_refuses_other_roles_and_agencies(world, as_user, client, case):
    assert as_user(world.call_handler).get(note_url(case)).status_code == 403
    assert as_user(world.other_caseworker).get(note_url(case)).status_code == 404
    assert client.get(note_url(case))["Location"].startswith(reverse("accounts:sign-in"))


def test_the_note_form_refuses_a_day_still_to_come(world, as_user, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = as_user(world.caseworker).post(
        note_url(case),
        {
            "kind": "meeting",
            "text": "Met at the office.",
            "sensitivity": "standard",
            "occurred_on_day": str(tomorrow.day),
            "occurred_on_month": str(tomorrow.month),
            "occurred_on_year": str(tomorrow.year),
        },
    )
    assert "Date it happened must be today or in the past" in response.content.decode()
    assert not case.notes.exists()
