"""``onestory load-areas FILE``: the whole file checked first, then saved all or nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onestory.accounts.models import Area, AreaLevel

pytestmark = pytest.mark.django_db

HEADER = "code,name,level,parent_code,adult_women"
GOOD = [
    HEADER,
    "E05004123,Pitsea North West,ward,E07000066,5100",  # before its parent, on purpose
    "E07000066,Basildon,district,E10000012,75000",
    "E10000012,Essex,local_authority,,612000",
    "E05004124,Pitsea South East,ward,E07000066,",
]


def write(tmp_path, lines, name="areas.csv"):
    path = tmp_path / name
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def load(path, *args):
    out, err = StringIO(), StringIO()
    call_command("load-areas", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_loads_a_good_file(tmp_path):
    out, _ = load(write(tmp_path, GOOD))
    assert "Loaded 4 areas" in out
    assert "4 new, 0 changed, 0 unchanged" in out
    ward = Area.objects.get(code="E05004123")
    assert (ward.name, ward.level, ward.adult_women) == (
        "Pitsea North West",
        AreaLevel.WARD,
        5100,
    )
    assert ward.parent.code == "E07000066"
    assert ward.parent.parent.code == "E10000012"
    assert ward.parent.parent.parent is None
    assert Area.objects.get(code="E05004124").adult_women is None


def test_it_reads_a_spreadsheets_byte_order_mark(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("\ufeff" + "\n".join(GOOD) + "\n", encoding="utf-8")
    load(path)
    assert Area.objects.count() == 4


def test_it_adds_areas_under_parents_loaded_before(tmp_path):
    load(write(tmp_path, GOOD))
    out, _ = load(write(tmp_path, [HEADER, "E05004125,Vange,ward,E07000066,4800"], "more.csv"))
    assert "1 new, 0 changed, 0 unchanged" in out
    assert Area.objects.get(code="E05004125").parent.code == "E07000066"


def test_it_changes_nothing_when_loaded_again(tmp_path):
    path = write(tmp_path, GOOD)
    load(path)
    before = list(Area.objects.order_by("code").values())
    out, _ = load(path)
    assert "0 new, 0 changed, 4 unchanged" in out
    assert list(Area.objects.order_by("code").values()) == before


def test_it_updates_names_and_populations_when_loaded_again(tmp_path):
    load(write(tmp_path, GOOD))
    changed = [
        HEADER,
        "E07000066,Basildon Borough,district,E10000012,76000",
        "E05004123,Pitsea North West,ward,E07000066,",  # empty: keeps the stored figure
        "E05004124,Pitsea South East,ward,E07000066,4900",
    ]
    out, _ = load(write(tmp_path, changed, "changed.csv"))
    assert "0 new, 2 changed, 1 unchanged" in out
    district = Area.objects.get(code="E07000066")
    assert (district.name, district.adult_women) == ("Basildon Borough", 76000)
    assert Area.objects.get(code="E05004123").adult_women == 5100
    assert Area.objects.get(code="E05004124").adult_women == 4900
    assert Area.objects.count() == 4  # areas left out of a file stay


def test_it_moves_a_ward_to_another_district(tmp_path):
    load(write(tmp_path, GOOD))
    load(write(tmp_path, [HEADER, "E07000067,Brentwood,district,E10000012,"], "b.csv"))
    load(write(tmp_path, [HEADER, "E05004123,Pitsea North West,ward,E07000067,"], "m.csv"))
    assert Area.objects.get(code="E05004123").parent.code == "E07000067"


BAD_FILES = {
    "a code of the wrong shape": (
        [*GOOD, "E0500412,Short Code,ward,E07000066,"],
        "Line 6: code 'E0500412' is not an official code",
    ),
    "an unknown parent": (
        [*GOOD, "E05004125,Vange,ward,E07000099,"],
        "Line 6: parent E07000099 is not in this file and has not been loaded",
    ),
    "a parent of the wrong level": (
        [*GOOD, "E05004125,Vange,ward,E10000012,"],
        "Line 6: parent E10000012 is a local authority; a ward's parent must be a district",
    ),
    "a local authority with a parent": (
        [*GOOD, "E10000013,Kent,local_authority,E10000012,"],
        "Line 6: a local authority has no parent",
    ),
    "a duplicate code": (
        [*GOOD, "E05004123,Pitsea again,ward,E07000066,"],
        "Line 6: code E05004123 is already on line 2",
    ),
    "a bad number": (
        [*GOOD, "E05004125,Vange,ward,E07000066,about 5000"],
        "Line 6: adult_women 'about 5000' is not a whole number",
    ),
    "an unknown level": (
        [*GOOD, "E05004125,Vange,parish,E07000066,"],
        "Line 6: level 'parish' is not one of local_authority, district, ward",
    ),
    "a missing column": (
        ["code,name,level", "E10000012,Essex,local_authority"],
        "Line 1: the header is missing the column(s) parent_code",
    ),
    "a short line": (
        [*GOOD, "E05004125,Vange"],
        "Line 6: this line has 2 values; the header has 5",
    ),
    "no areas": ([HEADER], "Line 1: the file has no areas after the header"),
}


@pytest.mark.parametrize(("lines", "problem"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_it_saves_nothing_from_a_bad_file(tmp_path, lines, problem):
    path, err = write(tmp_path, lines), StringIO()
    with pytest.raises(CommandError, match=r"has 1 problem\(s\); nothing was saved"):
        call_command("load-areas", str(path), stderr=err)
    assert problem in err.getvalue()
    assert Area.objects.count() == 0


def test_it_changes_nothing_stored_when_a_reload_is_bad(tmp_path):
    load(write(tmp_path, GOOD))
    before = list(Area.objects.order_by("code").values())
    bad = [HEADER, "E07000066,Renamed,district,E10000012,1", "E05004199,X,ward,E07000098,"]
    with pytest.raises(CommandError):
        load(write(tmp_path, bad, "bad.csv"))
    assert list(Area.objects.order_by("code").values()) == before


def test_it_refuses_to_change_an_areas_level(tmp_path):
    load(write(tmp_path, GOOD))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load-areas",
            str(write(tmp_path, [HEADER, "E07000066,Basildon,ward,E07000067,"], "l.csv")),
            stderr=err,
        )
    assert "E07000066 is already loaded as a district" in err.getvalue()
    assert Area.objects.get(code="E07000066").level == AreaLevel.DISTRICT


def test_it_lists_every_problem_with_its_line(tmp_path):
    lines = [*GOOD, "E0500412,,ward,E07000066,", "E05004126,Vange,ward,E07000099,x"]
    err = StringIO()
    with pytest.raises(CommandError, match=r"has 4 problem\(s\)"):
        call_command("load-areas", str(write(tmp_path, lines)), stderr=err)
    assert err.getvalue().splitlines() == [
        "Line 6: code 'E0500412' is not an official code (like E07000066)",
        "Line 6: the name is empty",
        "Line 7: adult_women 'x' is not a whole number (write it like 41250)",
        "Line 7: parent E07000099 is not in this file and has not been loaded",
    ]


def test_it_shows_progress_for_a_large_file(tmp_path):
    wards = [f"E05{n:06d},Ward {n},ward,E07000066," for n in range(100, 125)]
    _, err = load(write(tmp_path, [*GOOD, *wards]), "--progress-every", "10")
    progress = err.splitlines()
    assert progress[:2] == ["Checked 10 rows", "Checked 20 rows"]
    assert "Saved 29 of 29 areas" in progress
    assert Area.objects.count() == 29


def test_it_keeps_quiet_about_progress_for_a_small_file(tmp_path):
    _, err = load(write(tmp_path, GOOD))
    assert err == ""


def test_it_saves_nothing_when_stopped_part_way(tmp_path, monkeypatch):
    from onestory.accounts import areas

    real_bulk_create = Area.objects.bulk_create
    calls = []

    def stop_on_second_chunk(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(areas.Area.objects, "bulk_create", stop_on_second_chunk)
    with pytest.raises(CommandError, match="Stopped; nothing was saved"):
        load(write(tmp_path, GOOD), "--progress-every", "1")
    assert len(calls) == 2
    assert Area.objects.count() == 0


def test_it_explains_a_file_that_is_not_there(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.csv: No such file"):
        load(tmp_path / "missing.csv")


def test_it_explains_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_bytes((HEADER + "\nE10000012,Ess\xe9x,local_authority,,\n").encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        load(path)
    assert Area.objects.count() == 0


def test_it_refuses_a_progress_step_below_one(tmp_path):
    with pytest.raises(CommandError, match="--progress-every must be 1 or more"):
        load(write(tmp_path, GOOD), "--progress-every", "0")
