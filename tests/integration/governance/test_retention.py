"""``onestory retention``: people whose records all closed more than N years ago are deleted
(a dry run first); anyone with an open record, or a record within the period, is kept whole;
the audit log is only appended to."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases.models import Case, CaseNote
from onestory.governance import retention
from onestory.marac.models import MaracReferral, ReferralStatus
from onestory.people.models import Person
from onestory.referrals.models import OnwardReferral
from tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    MaracReferralFactory,
    OnwardReferralFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 10, 10, 30, tzinfo=dt.UTC)
YEARS = 6
BOUNDARY = dt.datetime(2020, 6, 10, 10, 30, tzinfo=dt.UTC)  # exactly six years before NOW


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def closed_case(person, world, closed_at):
    case = CaseFactory(person=person, opened_by=world.caseworker)
    CaseNoteFactory(case=case, text="We talked about moving away.")
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_at=closed_at, closure_reason="support_completed"
    )
    return case


@pytest.fixture
def people(world):
    old = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    closed_case(old, world, BOUNDARY - dt.timedelta(days=1))
    on_the_day = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    closed_case(on_the_day, world, BOUNDARY)
    still_referred = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    closed_case(still_referred, world, BOUNDARY - dt.timedelta(days=400))
    OnwardReferralFactory(person=still_referred, sent_by=world.caseworker)  # still "sent"
    # A person using harm whose own case closed long ago, named on a recent MARAC referral.
    named = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    closed_case(named, world, BOUNDARY - dt.timedelta(days=400))
    victim = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    MaracReferralFactory(victim=victim, perpetrators=[named], referred_by=world.caseworker)
    young = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(2003, 1, 1))
    closed_case(young, world, BOUNDARY - dt.timedelta(days=1))
    return {
        "old": old,
        "on_the_day": on_the_day,
        "still_referred": still_referred,
        "named": named,
        "victim": victim,
        "young": young,
    }


def run(*args) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_only_those_closed_more_than_the_period_ago_are_chosen(people):
    plan = retention.plan(years=YEARS)
    assert plan.cutoff == BOUNDARY
    assert plan.person_ids == [people["old"].pk]
    assert plan.counts[people["old"].pk]["cases"] == 1


def test_the_plan_takes_the_same_queries_however_many_people(
    people, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        retention.plan(years=YEARS)
    for _ in range(5):
        closed_case(
            PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1)),
            world,
            BOUNDARY - dt.timedelta(days=3),
        )
    with django_assert_num_queries(len(few)):
        assert len(retention.plan(years=YEARS).person_ids) == 6


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(people):
    before = AuditEvent.objects.count()
    output = run(f"--years={YEARS}")
    assert "Would delete 1 person whose records all closed before 2020-06-10" in output
    assert "  cases: 1" in output
    assert f"  person {people['old'].pk} (cases 1)" in output
    assert "Dry run: nothing was deleted" in output
    assert Person.objects.filter(pk=people["old"].pk).exists()
    assert AuditEvent.objects.count() == before


def test_apply_deletes_the_person_whole_and_appends_to_the_audit_log(people, world):
    old = people["old"]
    # Something already in the audit log about them stays there.
    earlier = AuditEvent.objects.create(
        action=AuditAction.VIEW, person_id=old.pk, actor_id=world.caseworker.pk
    )
    kept_notes = CaseNote.objects.exclude(case__person=old).count()
    output = run(f"--years={YEARS}", "--apply")
    assert f"[1/1] deleted person {old.pk}" in output
    assert not Person.objects.filter(pk=old.pk).exists()
    assert not Case.objects.filter(person_id=old.pk).exists()
    assert CaseNote.objects.count() == kept_notes
    assert AuditEvent.objects.filter(pk=earlier.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_DELETE)
    assert event.person_id == old.pk
    assert event.reason.startswith("records closed before 2020-06-10 deleted (cases 1);")
    for name in ("on_the_day", "still_referred", "named", "victim", "young"):
        assert Person.objects.filter(pk=people[name].pk).exists(), name
    # A second run finds nothing more to do.
    assert "Would delete 0 people" in run(f"--years={YEARS}")


def test_a_marac_referral_closed_long_ago_lets_everyone_named_on_it_go(world):
    # The person using harm comes first, so the run meets them while the referral naming
    # them is still held: they wait for the next round.
    harm = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    victim = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    with time_machine.travel(BOUNDARY - dt.timedelta(days=30), tick=False):
        referral = MaracReferralFactory(
            victim=victim, perpetrators=[harm], referred_by=world.caseworker
        )
    referral.status = ReferralStatus.CLOSED
    referral.closed_at = BOUNDARY - dt.timedelta(days=1)
    referral.save(update_fields=["status", "closed_at"])
    plan = retention.plan(years=YEARS)
    assert set(plan.person_ids) == {victim.pk, harm.pk}
    output = run(f"--years={YEARS}", "--apply")
    assert output.index(f"deleted person {victim.pk}") < output.index(f"deleted person {harm.pk}")
    assert "Deleted 2; kept 0." in output
    assert not Person.objects.filter(pk__in=[victim.pk, harm.pk]).exists()
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_DELETE).count() == 2


def test_an_onward_referral_closed_within_the_period_keeps_the_person(world):
    person = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    closed_case(person, world, BOUNDARY - dt.timedelta(days=1))
    OnwardReferralFactory(person=person, sent_by=world.caseworker)
    OnwardReferral.objects.filter(person=person).update(
        status="withdrawn", closed_at=BOUNDARY + dt.timedelta(days=1)
    )
    assert retention.plan(years=YEARS).person_ids == []


def test_a_person_another_record_depends_on_is_kept_whole_and_the_run_goes_on(world, people):
    """If a record outside theirs still points at one of theirs, nothing of theirs goes."""
    gone = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1970, 1, 1))
    with time_machine.travel(BOUNDARY - dt.timedelta(days=30), tick=False):
        theirs = MaracReferralFactory(victim=gone, perpetrators=[], referred_by=world.caseworker)
    MaracReferral.objects.filter(pk=theirs.pk).update(
        status=ReferralStatus.CLOSED, closed_at=BOUNDARY - dt.timedelta(days=2)
    )
    closed_case(gone, world, BOUNDARY - dt.timedelta(days=2))
    # The kept victim's referral is (wrongly, but possibly) marked a repeat of theirs.
    MaracReferral.objects.filter(victim=people["victim"]).update(repeat=True, repeat_of=theirs)
    (harm,) = theirs.perpetrators.all()
    planned = retention.plan(years=YEARS).person_ids
    assert set(planned) == {people["old"].pk, gone.pk, harm.pk}

    output = run(f"--years={YEARS}", "--apply")
    assert f"kept person {gone.pk}: another person's record depends on theirs" in output
    # The person using harm named on their referral stays while the referral does.
    assert f"kept person {harm.pk}: named on a record about someone still held" in output
    assert "Deleted 1; kept 2." in output
    assert list(theirs.perpetrators.all()) == [harm]
    assert Person.objects.filter(pk=gone.pk).exists()
    assert Case.objects.filter(person=gone).count() == 1
    assert CaseNote.objects.filter(case__person=gone).count() == 1
    assert MaracReferral.objects.filter(pk=theirs.pk).exists()
    assert not Person.objects.filter(pk=people["old"].pk).exists()
    assert not AuditEvent.objects.filter(
        action=AuditAction.RETENTION_DELETE, person_id=gone.pk
    ).exists()


@override_settings(RETENTION_YEARS=3)
def test_the_period_is_a_setting(people):
    output = run()
    assert "before 2023-06-10" in output
    assert "(3 years)" in output


def test_years_below_one_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--years must be 1 or more"):
        run("--years=0")


def test_the_cut_off_keeps_the_same_day_of_the_year():
    assert retention.years_before(timezone.make_aware(dt.datetime(2028, 2, 29, 9)), 6) == (
        timezone.make_aware(dt.datetime(2022, 2, 28, 9))
    )


def test_stored_files_go_with_the_person_and_only_once_the_deletion_has_committed(
    people, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from onestory.cases.actions import attach_document

    settings.MEDIA_ROOT = tmp_path / "documents"
    pdf = b"%PDF-1.4\n% a letter\n"

    def stored(person):
        case = Case.objects.filter(person=person).first() or CaseFactory(
            person=person, opened_by=world.caseworker
        )
        upload = SimpleUploadedFile("letter.pdf", pdf, content_type="application/pdf")
        document = attach_document(case=case, title="Letter", upload=upload, by=world.caseworker)
        return settings.MEDIA_ROOT / document.file.name

    old_file, kept_file = stored(people["old"]), stored(people["victim"])
    assert old_file.exists()
    assert kept_file.exists()

    with django_capture_on_commit_callbacks(execute=False) as waiting:
        run(f"--years={YEARS}", "--apply")
    # Deleted in the database, but the file waits for the commit.
    assert not Person.objects.filter(pk=people["old"].pk).exists()
    assert old_file.exists()
    for callback in waiting:
        callback()
    assert not old_file.exists()
    assert kept_file.exists()
