"""School notices (Operation Encompass): the list of notices due and overdue, a notification,
preparing a notice later, the notice itself and its download, and recording its sending.

Each page: works, wrong role (403), another agency (404), anonymous (sign in).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.audit.models import AuditEvent
from onestory.encompass import actions
from onestory.encompass.models import EncompassNotice, EncompassNotification
from onestory.people.models import Address, ContactMethod
from tests.integration.encompass.test_encompass_record import (
    EncompassWorld,
    last_night,
    make_encompass_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_school")]


@pytest.fixture
def ew(world) -> EncompassWorld:
    return make_encompass_world(world)


@pytest.fixture
def notification(ew) -> EncompassNotification:
    """Last night's notification: Lily at Millbrook Academy, the baby at no school. The
    victim's record holds a secret address and a safe number that must never reach a school."""
    Address.objects.create(person=ew.victim, kind="home", line_1="14 Oak Road", postcode="NE1 4AB")
    ContactMethod.objects.create(person=ew.victim, kind="phone", value="07700 900123")
    return actions.record_notification(
        victim=ew.victim,
        police_reference="NP/004512/26",
        occurred_at=last_night(),
        circumstances="Police were called to a domestic incident at home. Lily was there.",
        children={ew.child: ew.school, ew.baby: None},
        perpetrators=[ew.perpetrator],
        by=ew.officer,
    )


@pytest.fixture
def notice(notification) -> EncompassNotice:
    return notification.notices.get()


def _urls(notification, notice) -> dict[str, str]:
    return {
        "list": reverse("encompass:notices"),
        "notification": reverse("encompass:notification", args=[notification.pk]),
        "prepare": reverse("encompass:prepare", args=[notification.pk]),
        "notice": reverse("encompass:notice", args=[notice.pk]),
        "pdf": reverse("encompass:pdf", args=[notice.pk]),
        "sent": reverse("encompass:sent", args=[notice.pk]),
    }


# --- The matrix for these pages ---------------------------------------------------------------


def test_every_page_works_for_the_recording_agency(ew, notification, notice, as_user):
    client = as_user(ew.officer)
    for name, url in _urls(notification, notice).items():
        response = client.get(url)
        assert response.status_code == 200, name


def test_every_page_refuses_a_role_that_does_not_triage(world, notification, notice, as_user):
    for user in (world.caseworker, world.marac_coordinator, world.commissioner, world.admin):
        client = as_user(user)
        for name, url in _urls(notification, notice).items():
            assert client.get(url).status_code == 403, f"{user} {name}"


def test_another_agency_gets_404_and_the_refusal_is_audited(
    world, ew, notification, notice, as_user
):
    for user in (ew.other_force_officer, ew.front_door):
        client = as_user(user)
        for name, url in _urls(notification, notice).items():
            if name == "list":
                continue
            assert client.get(url).status_code == 404, f"{user} {name}"
        assert client.post(_urls(notification, notice)["sent"], {}).status_code == 404
    refused = AuditEvent.objects.filter(action="refused", actor_id=ew.other_force_officer.pk)
    assert refused.count() == 6  # five pages, and the post


def test_anonymous_visitors_are_sent_to_sign_in(notification, notice, client):
    for name, url in _urls(notification, notice).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/account/sign-in/")


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_notices_due_and_overdue_for_the_agency(ew, notification, as_user):
    from tests.factories import EncompassNoticeFactory, EncompassNotificationFactory

    earlier = EncompassNotificationFactory(
        victim=ew.victim,
        recorded_by=ew.officer,
        police_reference="NP/000001/26",
        occurred_at=timezone.now() - timedelta(days=4),
        notified_at=timezone.now() - timedelta(days=4),
    )
    EncompassNoticeFactory(notification=earlier, child=ew.child, school=ew.school)
    page = as_user(ew.officer).get(reverse("encompass:notices")).content.decode()
    assert "NP/004512/26" in page
    assert "NP/000001/26" in page
    assert page.index("NP/000001/26") < page.index("NP/004512/26")  # overdue first
    assert ">Overdue</strong>" in page
    assert "1 notice on this page is overdue" in page


def test_another_agency_sees_none_of_the_notices(ew, notification, as_user):
    page = as_user(ew.other_force_officer).get(reverse("encompass:notices")).content.decode()
    assert "NP/004512/26" not in page
    assert "There are no notices waiting to be sent." in page


def test_the_list_has_a_bounded_number_of_queries(
    ew, notification, as_user, django_assert_max_num_queries
):
    from tests.factories import EncompassNoticeFactory, EncompassNotificationFactory

    for _ in range(5):
        more = EncompassNotificationFactory(victim=ew.victim, recorded_by=ew.officer)
        EncompassNoticeFactory(notification=more, school=ew.school)
    client = as_user(ew.officer)
    with django_assert_max_num_queries(15):
        client.get(reverse("encompass:notices"))


# --- A notice, its download and its sending ---------------------------------------------------


def test_the_notice_holds_only_what_the_school_is_told(
    ew, notice, as_user, django_assert_max_num_queries
):
    client = as_user(ew.officer)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("encompass:notice", args=[notice.pk])).content.decode()
    main = page.split("What the school is told")[1].split("Who to tell")[0]
    for shown in ("NP/004512/26", "Lily Ashby", "Lily was there", "11:15pm"):
        assert shown in main
    for secret in ("14 Oak Road", "NE1 4AB", "07700 900123", "Dawn", "Karl"):
        assert secret not in page
    assert "Ms Priya Shah" in page  # whom to tell
    viewed = AuditEvent.objects.get(action="view", object_type="encompass.encompassnotice")
    assert viewed.person_id == ew.child.pk
    assert "circumstances" in viewed.fields


def test_the_notice_downloads_as_a_document_and_the_export_is_audited(ew, notice, as_user):
    response = as_user(ew.officer).get(reverse("encompass:pdf", args=[notice.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    exported = AuditEvent.objects.get(action="export")
    assert (exported.person_id, exported.object_id) == (ew.child.pk, str(notice.pk))


def test_it_records_the_sending(ew, notice, as_user):
    client = as_user(ew.officer)
    url = reverse("encompass:sent", args=[notice.pk])
    assert "Ms Priya Shah" in client.get(url).content.decode()
    sent_at = timezone.localtime() - timedelta(minutes=5)
    response = client.post(
        url,
        {
            "method": "secure_email",
            "dsl_name": "Ms Priya Shah",
            "sent_on": sent_at.date().isoformat(),
            "sent_time": sent_at.strftime("%H:%M"),
        },
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.method, notice.dsl_name, notice.sent_by) == (
        "secure_email",
        "Ms Priya Shah",
        ew.officer,
    )
    assert notice.sent_at == sent_at.replace(second=0, microsecond=0)
    page = client.get(reverse("encompass:notice", args=[notice.pk])).content.decode()
    assert "Secure email" in page
    listed = client.get(reverse("encompass:notices"), {"show": "sent"}).content.decode()
    assert "Lily Ashby" in listed
    # A second go is turned back to the notice.
    assert client.get(url).status_code == 302
    assert AuditEvent.objects.filter(
        action="update", object_type="encompass.encompassnotice"
    ).count()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"method": ""}, "Select how the notice was sent"),
        ({"dsl_name": ""}, "Enter the name of the designated safeguarding lead"),
        ({"sent_on": ""}, "Enter the date the notice was sent"),
        ("future", "cannot be in the future"),
    ],
)
def test_it_refuses_a_sending_with_bad_answers(ew, notice, as_user, changes, message):
    now = timezone.localtime()
    data = {
        "method": "phone",
        "dsl_name": "Ms Priya Shah",
        "sent_on": now.date().isoformat(),
        "sent_time": "00:00",
    }
    if changes == "future":
        data["sent_on"] = (now.date() + timedelta(days=1)).isoformat()
    else:
        data.update(changes)
    response = as_user(ew.officer).post(reverse("encompass:sent", args=[notice.pk]), data)
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert message in page
    if changes == {"method": ""}:
        assert 'href="#id_method_0"' in page  # the summary leads to the first choice
    notice.refresh_from_db()
    assert notice.sent_at is None


# --- A notification, and a notice prepared later ----------------------------------------------


def test_the_notification_lists_its_children_and_their_notices(
    ew, notification, as_user, django_assert_max_num_queries
):
    client = as_user(ew.officer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("encompass:notification", args=[notification.pk]))
    page = response.content.decode()
    assert "Lily Ashby" in page
    assert "Noah Ashby" in page
    assert "Prepare a notice for another child" in page
    viewed = AuditEvent.objects.get(action="view", object_type="encompass.encompassnotification")
    assert viewed.person_id == ew.victim.pk


def test_it_prepares_a_notice_once_the_school_is_known(ew, notification, as_user):
    client = as_user(ew.officer)
    url = reverse("encompass:prepare", args=[notification.pk])
    response = client.post(url, {"child": ew.baby.pk, "school": ew.other_school.pk})
    notice = EncompassNotice.objects.get(child=ew.baby)
    assert response["Location"] == reverse("encompass:notice", args=[notice.pk])
    page = client.get(response["Location"]).content.decode()
    # The directory names no safeguarding lead for this school: the page says so.
    assert "names no designated safeguarding lead" in page
    # Every child has a notice now.
    assert client.get(url).status_code == 302


def test_it_refuses_to_prepare_a_notice_without_a_school(ew, notification, as_user):
    response = as_user(ew.officer).post(
        reverse("encompass:prepare", args=[notification.pk]), {"child": ew.baby.pk}
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert "Select the child's school" in page
    assert not EncompassNotice.objects.filter(child=ew.baby).exists()


# --- A school's safeguarding lead -------------------------------------------------------------


def _lead_of(school, username: str):
    """The school's safeguarding lead, at an agency of the school's own that its directory
    entry is linked to."""
    from onestory.accounts.models import AgencyKind
    from onestory.accounts.roles import RoleName
    from tests.factories import AgencyFactory, UserFactory

    school.agency = AgencyFactory(name=school.name, kind=AgencyKind.EDUCATION)
    school.save(update_fields=["agency"])
    return UserFactory(
        username=username, agency=school.agency, role=RoleName.SCHOOL_SAFEGUARDING_LEAD
    )


def test_a_schools_lead_reads_its_notice_but_not_the_notification(
    ew, notification, notice, as_user
):
    # The school is told who sent the notice: a name that cannot be mistaken for a secret.
    ew.officer.first_name, ew.officer.last_name = "Sam", "Reed"
    ew.officer.save(update_fields=["first_name", "last_name"])
    client = as_user(_lead_of(ew.school, "millbrook_dsl"))
    urls = _urls(notification, notice)
    assert "Lily Ashby" in client.get(urls["list"]).content.decode()
    page = client.get(urls["notice"]).content.decode()
    assert "Lily was there" in page
    for secret in ("14 Oak Road", "NE1 4AB", "07700 900123", "Dawn", "Karl"):
        assert secret not in page
    # Back to the list: the notification behind the notice is the police's alone.
    assert f'href="{urls["list"]}" class="govuk-back-link"' in page
    assert urls["notification"] not in page
    assert "Record that it was sent" not in page
    assert client.get(urls["pdf"]).status_code == 200
    # The lead's role reads notices and does nothing else: not the police's notification,
    # not preparing notices or recording their sending, not finding people.
    assert client.get(urls["notification"]).status_code == 403
    assert client.get(urls["prepare"]).status_code == 403
    assert client.get(urls["sent"]).status_code == 403
    assert client.post(urls["sent"], {"method": "phone"}).status_code == 403
    assert client.get(reverse("people:search")).status_code == 403
    notice.refresh_from_db()
    assert notice.sent_at is None
    viewed = AuditEvent.objects.filter(action="view", object_type="encompass.encompassnotice")
    assert viewed.filter(person_id=ew.child.pk).exists()


def test_another_schools_lead_sees_none_of_its_notices(ew, notification, notice, as_user):
    client = as_user(_lead_of(ew.other_school, "fenside_dsl"))
    urls = _urls(notification, notice)
    page = client.get(urls["list"]).content.decode()
    assert "There are no new notices for your school." in page
    assert client.get(urls["notice"]).status_code == 404


def test_the_police_still_record_the_sending_of_a_notice_the_school_reads(ew, notice, as_user):
    _lead_of(ew.school, "millbrook_dsl")
    page = as_user(ew.officer).get(reverse("encompass:notice", args=[notice.pk]))
    assert "Record that it was sent" in page.content.decode()


def test_the_prepare_page_offers_the_school_picker(ew, notification, as_user):
    ew.other_school.locations.create(name="Main site", town="Fenside")
    page = as_user(ew.officer).get(reverse("encompass:prepare", args=[notification.pk]))
    text = page.content.decode()
    assert 'data-autocomplete="school"' in text
    assert f'<option value="{ew.other_school.pk}">Fenside Primary School, Fenside</option>' in text
    assert "onestory/autocomplete.js" in text


def test_a_schools_lead_is_shown_only_the_school_notices(ew, notice, as_user):
    client = as_user(_lead_of(ew.school, "millbrook_dsl"))
    home = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("encompass:notices")}"' in home
    for elsewhere in ("people:search", "intake:queue", "cases:my-caseload", "marac:dashboard"):
        assert f'href="{reverse(elsewhere)}"' not in home
