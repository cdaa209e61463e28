"""Operation Encompass deadlines through the actions, the pages and the term dates loader:
from the incident, on the school's own school days, and late from the start when recorded
late."""

import io
from datetime import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from onestory.accounts.models import AreaLevel
from onestory.encompass import actions
from onestory.encompass.models import EncompassNotice, SchoolTerm
from onestory.encompass.rules import LONDON
from tests.factories import AreaFactory
from tests.integration.encompass.test_encompass_record import make_encompass_world

pytestmark = pytest.mark.django_db

COUNTY = "E10000099"
TERMS = """local_authority_code,starts_on,ends_on
E10000099,2026-04-13,2026-05-22
E10000099,2026-06-01,2026-07-22
E10000099,03/09/2026,23/10/2026
"""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


@pytest.fixture
def county():
    return AreaFactory(code=COUNTY, name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)


_FILES = []


def _write(text: str):
    path = _FILES[-1] / f"terms-{len(list(_FILES[-1].iterdir()))}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _load(text: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load-term-dates", str(_write(text)), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _folder(tmp_path):
    _FILES.append(tmp_path)
    yield
    _FILES.pop()


@pytest.fixture
def ew(world, county):
    ew = make_encompass_world(world)
    district = AreaFactory(
        code="E07000999", name="Millbrook", level=AreaLevel.DISTRICT, parent=county
    )
    ward = AreaFactory(code="E05099999", name="Millbrook Central", parent=district)
    ew.school.areas.set([ward])  # the school's term dates are its county's
    _load(TERMS)
    return ew


# --- The term dates loader ----------------------------------------------------------------------


def test_it_loads_term_dates_and_loading_again_replaces_them(county):
    out, _ = _load(TERMS)
    assert "Loaded 3 terms for 1 local authority" in out
    _load(TERMS.replace("2026-07-22", "2026-07-21"))
    assert SchoolTerm.objects.count() == 3
    assert SchoolTerm.objects.filter(ends_on="2026-07-21").exists()


def test_a_bad_file_lists_every_problem_by_line_and_saves_nothing(county):
    bad = """local_authority_code,starts_on,ends_on
E10000099,2026-04-13,2026-05-22
E10000098,2026-06-01,2026-07-22
E10000099,2026-06-01,31/02/2026
E10000099,2026-05-20,2026-05-29
E10000099,2026-09-03,2026-09-01
"""
    with pytest.raises(CommandError, match="4 problem"):
        _load(bad)
    assert not SchoolTerm.objects.exists()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load-term-dates", str(_write(bad)), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "Line 3: E10000098 is not a local authority loaded here: load it with load-areas first",
        "Line 4: ends_on '31/02/2026' is not a date (write it like 2026-09-03)",
        "Line 5: this term overlaps the one on line 2 for E10000099",
        "Line 6: ends_on is before starts_on",
    ]


def test_a_bad_file_leaves_the_term_dates_already_loaded(county):
    _load(TERMS)
    with pytest.raises(CommandError):
        _load("local_authority_code,starts_on,ends_on\nE10000099,2026-09-03,not a date\n")
    assert SchoolTerm.objects.count() == 3


def test_a_file_with_the_wrong_header_is_refused(county):
    with pytest.raises(CommandError, match="1 problem"):
        _load("authority,from,to\nE10000099,2026-04-13,2026-05-22\n")


# --- Deadlines through the action ---------------------------------------------------------------


def _record(ew, *, occurred_at, school=None):
    return actions.record_notification(
        victim=ew.victim,
        police_reference="NP/004512/26",
        occurred_at=occurred_at,
        circumstances="Police were called to a domestic incident at home. Lily was there.",
        children={ew.child: school or ew.school},
        perpetrators=[ew.perpetrator],
        by=ew.officer,
    )


@pytest.mark.parametrize(
    ("case", "recorded", "incident", "due"),
    [
        ("Friday evening before the bank holiday Monday, in half term",
         "2026-05-23 09:00", "2026-05-22 19:00", "2026-06-01 08:30"),
        ("in the summer holiday", "2026-08-05 16:00", "2026-08-05 14:00", "2026-09-03 08:30"),
        ("on the last day of term", "2026-07-22 20:00", "2026-07-22 15:00", "2026-09-03 08:30"),
        ("an ordinary school night", "2026-06-09 23:30", "2026-06-09 21:00", "2026-06-10 08:30"),
    ],
)  # fmt: skip
def test_a_notice_is_due_before_the_schools_next_school_day(ew, case, recorded, incident, due):
    with time_machine.travel(at(recorded), tick=False):
        notification = _record(ew, occurred_at=at(incident))
    notice = EncompassNotice.objects.get()
    assert notice.due_at == at(due), case
    assert notification.notices_due_at == at(due)
    assert notice.recorded_late is False


def test_a_school_that_asked_to_be_told_at_once_is_due_the_next_morning(ew):
    ew.school.encompass_at_once = True
    ew.school.save(update_fields=["encompass_at_once"])
    with time_machine.travel(at("2026-08-05 16:00"), tick=False):
        _record(ew, occurred_at=at("2026-08-05 14:00"))
    assert EncompassNotice.objects.get().due_at == at("2026-08-06 08:30")


def test_a_school_without_term_dates_counts_every_weekday_but_bank_holidays(ew):
    with time_machine.travel(at("2026-05-23 09:00"), tick=False):
        _record(ew, occurred_at=at("2026-05-22 19:00"), school=ew.other_school)
    assert EncompassNotice.objects.get().due_at == at("2026-05-26 08:30")


def test_a_late_recorded_notification_is_late_from_the_start(ew, as_user):
    # An incident on a school night, recorded only the next afternoon.
    with time_machine.travel(at("2026-06-10 15:00"), tick=False):
        notification = _record(ew, occurred_at=at("2026-06-09 21:00"))
        notice = EncompassNotice.objects.get()
        assert notice.due_at == at("2026-06-10 08:30")
        assert notice.recorded_late is True
        client = as_user(ew.officer)
        listed = client.get(reverse("encompass:notices")).content.decode()
        assert "Overdue" in listed
        assert "Recorded after it was due" in listed
        page = client.get(reverse("encompass:notice", args=[notice.pk])).content.decode()
        assert "it has been late from the start" in page
        shown = client.get(
            reverse("encompass:notification", args=[notification.pk])
        ).content.decode()
        assert "late from the start" in shown
        sent = actions.record_sending(
            notice=notice,
            method="phone",
            dsl_name="Ms Priya Shah",
            sent_at=at("2026-06-10 14:55"),
            by=ew.officer,
        )
    api = as_user(ew.officer).get(f"/api/v1/marac/encompass/notices/{sent.pk}")
    assert (api.json()["status"], api.json()["recorded_late"]) == ("sent_late", True)
