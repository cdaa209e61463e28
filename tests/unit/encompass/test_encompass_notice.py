"""What a school notice holds: the police reference, the date and time, the brief
circumstances, and the child's name and date of birth. Nothing else."""

from dataclasses import fields
from datetime import date, datetime

from onestory.directory.models import Service
from onestory.encompass.models import EncompassNotice, EncompassNotification
from onestory.encompass.notice import (
    NOTICE_FIELDS,
    NoticeContent,
    document_html,
    notice_content,
)
from onestory.encompass.rules import LONDON
from onestory.people.models import Person


def _notice() -> EncompassNotice:
    """An unsaved notice whose victim, perpetrator and school all carry details that must
    never reach the notice."""
    victim = Person(
        given_name="Dawn",
        family_name="Ashby-Clarke",
        date_of_birth=date(1988, 2, 3),
        police_reference="VICTIM-REF-99",
        nhs_number="9434765919",
    )
    child = Person(given_name="Lily", family_name="Ashby", date_of_birth=date(2017, 5, 6))
    notification = EncompassNotification(
        victim=victim,
        police_reference="NP/123456/26",
        occurred_at=datetime(2026, 3, 12, 23, 15, tzinfo=LONDON),
        circumstances="Police were called to a domestic incident at home. Lily was upstairs.",
    )
    school = Service(name="Millbrook Academy", phone="01632 960000", email="office@mb.example")
    return EncompassNotice(
        notification=notification, child=child, school=school, dsl_name="Ms Priya Shah"
    )


FORBIDDEN = [
    "Dawn",  # the victim's name
    "Ashby-Clarke",
    "1988",  # the victim's date of birth
    "VICTIM-REF-99",  # the victim's own references
    "9434765919",
    "01632",  # anyone's phone number
    "office@mb.example",  # anyone's email address
    "Priya",  # the safeguarding lead is told, but not named on the notice
]


def test_it_holds_exactly_the_five_things_a_school_is_told():
    assert tuple(f.name for f in fields(NoticeContent)) == NOTICE_FIELDS
    assert NOTICE_FIELDS == (
        "police_reference",
        "occurred_at",
        "circumstances",
        "child_name",
        "child_date_of_birth",
    )


def test_it_reads_the_notice_from_the_notification_and_the_child():
    content = notice_content(_notice())
    assert content == NoticeContent(
        police_reference="NP/123456/26",
        occurred_at=datetime(2026, 3, 12, 23, 15, tzinfo=LONDON),
        circumstances="Police were called to a domestic incident at home. Lily was upstairs.",
        child_name="Lily Ashby",
        child_date_of_birth=date(2017, 5, 6),
    )


def test_it_shows_each_thing_in_plain_words():
    assert notice_content(_notice()).lines() == [
        ("Police reference", "NP/123456/26"),
        ("Date and time of the incident", "Thursday 12 March 2026 at 11:15pm"),
        (
            "What happened",
            "Police were called to a domestic incident at home. Lily was upstairs.",
        ),
        ("Child's name", "Lily Ashby"),
        ("Child's date of birth", "6 May 2017"),
    ]


def test_it_says_when_a_date_of_birth_is_not_known():
    notice = _notice()
    notice.child.date_of_birth = None
    assert notice_content(notice).lines()[-1] == ("Child's date of birth", "Not known")


def test_it_gives_the_time_in_england():
    notice = _notice()
    # 22:30 UTC on 1 July is 23:30 in England (BST).
    notice.notification.occurred_at = datetime.fromisoformat("2026-07-01T22:30:00+00:00")
    assert notice_content(notice).lines()[1][1] == "Wednesday 1 July 2026 at 11:30pm"


def test_nothing_forbidden_reaches_the_notice_or_its_document():
    notice = _notice()
    content = notice_content(notice)
    text = " ".join(label + " " + value for label, value in content.lines())
    document = document_html(content, school_name=notice.school.name).split("<body>")[1]
    for forbidden in FORBIDDEN:
        assert forbidden not in text, forbidden
        assert forbidden not in document, forbidden
    for _, value in content.lines():
        assert value in document
    assert "Millbrook Academy" in document
