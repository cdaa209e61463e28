"""The retention cut-off: the same moment, whole calendar years earlier."""

import datetime as dt

import pytest

from onestory.governance.retention import years_before
from onestory.records.subject_access import SUBJECT_FIELDS, paths_to_person

UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "years", "expected"),
    [
        (
            dt.datetime(2026, 6, 10, 10, 30, tzinfo=UTC),
            6,
            dt.datetime(2020, 6, 10, 10, 30, tzinfo=UTC),
        ),
        (dt.datetime(2026, 1, 1, 0, 0, tzinfo=UTC), 1, dt.datetime(2025, 1, 1, 0, 0, tzinfo=UTC)),
        # 29 February in a year that has none becomes 28 February.
        (dt.datetime(2028, 2, 29, 9, 0, tzinfo=UTC), 6, dt.datetime(2022, 2, 28, 9, 0, tzinfo=UTC)),
        (dt.datetime(2028, 2, 29, 9, 0, tzinfo=UTC), 4, dt.datetime(2024, 2, 29, 9, 0, tzinfo=UTC)),
    ],
)
def test_years_before(moment, years, expected):
    assert years_before(moment, years) == expected


@pytest.mark.parametrize(
    ("label", "subject", "named"),
    [
        ("cases.CaseNote", {"case__person"}, set()),
        ("marac.MaracReferral", {"victim"}, {"perpetrators", "children"}),
        ("people.Relationship", {"person"}, {"other_person"}),
        ("risk.Incident", {"person"}, {"perpetrators"}),
    ],
)
def test_which_links_make_a_row_about_the_person(label, subject, named):
    from django.apps import apps

    paths = paths_to_person(apps.get_model(label))
    about = {p for p in paths if p.rsplit("__", 1)[-1] in SUBJECT_FIELDS}
    assert subject <= about
    assert named <= set(paths) - about
