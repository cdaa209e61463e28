"""Importing an extract: the whole file checked first, every problem by line, all or nothing,
progress shown, stopped and carried on."""

import pytest
from django.core.management import CommandError, call_command

from onestory.audit.models import AuditEvent
from onestory.linkage import actions, queries
from onestory.linkage.models import Extract, ExtractStatus, SourceEvent, SourceRecord
from tests.integration.linkage.helpers import HEALTH, POLICE, TODAY, csv_bytes

pytestmark = pytest.mark.django_db


def test_a_bad_file_is_refused_with_every_problem_by_line_and_nothing_saved(
    world, tmp_path, capsys
):
    rows = [dict(r) for r in POLICE] + [dict(r) for r in HEALTH]
    rows[1]["date_of_birth"] = "1990-02-30"
    rows[4]["postcode"] = "nowhere"
    rows[5]["given_name"] = ""
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="has 3 problem"):
        call_command(
            "linkage-import",
            str(path),
            agency=world.agency.name,
            source="police",
            supplier="Northshire Police",
        )
    said = capsys.readouterr().err.splitlines()
    assert said == [
        "Line 3: date_of_birth '1990-02-30' is not a date that has happened (write YYYY-MM-DD, "
        "or YYYY-MM or YYYY when only part is known)",
        "Line 6: postcode 'nowhere' is not a UK postcode",
        "Line 7: given_name is empty; every line needs a given name",
    ]
    assert not Extract.objects.exists()
    assert not SourceRecord.objects.exists()


def test_a_good_file_is_imported_with_progress_and_audited(world, tmp_path, capsys):
    path = tmp_path / "police.csv"
    path.write_bytes(csv_bytes(POLICE))
    call_command(
        "linkage-import",
        str(path),
        agency=world.agency.name,
        source="police",
        supplier="Northshire Police",
        chunk=2,
    )
    out = capsys.readouterr()
    assert "Saved 2 of 3 records" in out.err
    assert "Saved 3 of 3 records" in out.err
    assert "Imported 3 records from police.csv" in out.out
    extract = Extract.objects.get()
    assert (extract.status, extract.records_done) == (ExtractStatus.COMPLETE, 3)
    assert SourceEvent.objects.filter(record__extract=extract).count() == 3
    assert (
        AuditEvent.objects.filter(object_type="linkage.extract", object_id=str(extract.pk)).count()
        == 2
    )
    with pytest.raises(CommandError, match="This file was imported on"):
        call_command(
            "linkage-import",
            str(path),
            agency=world.agency.name,
            source="police",
            supplier="Northshire Police",
        )


def test_a_stopped_import_is_unused_until_carried_on(world):
    content = csv_bytes(HEALTH)

    def stop_after_first_chunk(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        actions.import_extract(
            content=content,
            file_name="health.csv",
            agency=world.agency,
            source="health",
            supplier="Health",
            by_name="t",
            today=TODAY,
            chunk=3,
            progress=stop_after_first_chunk,
        )
    extract = Extract.objects.get()
    assert (extract.status, extract.records_done, extract.records.count()) == ("importing", 3, 3)
    assert queries.linkage_persons(world.agency) == []  # half an extract is never used
    again = actions.import_extract(
        content=content,
        file_name="health.csv",
        agency=world.agency,
        source="health",
        supplier="Health",
        by_name="t",
        today=TODAY,
        chunk=3,
    )
    assert again.resumed_from == 3
    extract.refresh_from_db()
    assert (extract.status, extract.records.count()) == ("complete", 4)
    assert len(queries.linkage_persons(world.agency)) == 4


def test_an_unfinished_import_can_be_abandoned(world, tmp_path):
    content = csv_bytes(HEALTH)

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        actions.import_extract(
            content=content,
            file_name="health.csv",
            agency=world.agency,
            source="health",
            supplier="Health",
            by_name="t",
            today=TODAY,
            chunk=1,
            progress=stop,
        )
    path = tmp_path / "health.csv"
    path.write_bytes(content)
    call_command(
        "linkage-import",
        str(path),
        agency=world.agency.name,
        source="health",
        supplier="Health",
        abandon=True,
    )
    assert not Extract.objects.exists()
    assert not SourceRecord.objects.exists()
