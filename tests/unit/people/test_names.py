"""Names made comparable, and a typed name split into given and family names."""

import pytest

from onestory.people.names import keys_column, name_keys, normalise, search_columns, split_full_name


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("  Seán O'Brien-Smyth ", "sean obrien smyth"),
        ("ZOË", "zoe"),
        ("Mary  Ann", "mary ann"),
        ("Smith–Jones", "smith jones"),
        ("", ""),
    ],
)
def test_it_normalises_names(typed, normalised):
    assert normalise(typed) == normalised


@pytest.mark.parametrize(
    ("typed", "given", "family"),
    [
        ("Bill Smith-Jones", ("bill",), ("smith", "jones")),
        ("Smith-Jones, Bill", ("bill",), ("smith", "jones")),
        ("Mary Ann Smith", ("mary", "ann"), ("smith",)),
        ("Anna van der Berg", ("anna",), ("van", "der", "berg")),
        ("Bill", ("bill",), ()),
        ("", (), ()),
    ],
)
def test_it_splits_a_typed_name(typed, given, family):
    assert split_full_name(typed) == (given, family)


def test_it_keeps_a_key_for_each_part_of_a_family_name():
    assert keys_column("Smith-Jones") == " SMT JNS "
    assert keys_column("van der Berg") == " PRK "
    assert keys_column("") == ""


def test_it_fills_every_search_column():
    assert search_columns("Kathryn", "Smith-Jones") == {
        "search_given_name": "kathryn",
        "search_family_name": "smith jones",
        "given_name_keys": " KTRN ",
        "family_name_keys": " SMT JNS ",
        "given_key": "KTRN",
        "family_key": "SMT",
        "family_key_2": "JNS",
    }


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Smith", ("SMT", "")),
        ("Smyth", ("SMT", "")),
        ("Smith-Jones", ("SMT", "JNS")),
        ("Smith Jones Brown", ("SMT", "PRN")),  # the first and the last part
        ("van der Berg", ("PRK", "")),  # particles are not names
        ("Smith-Smyth", ("SMT", "")),  # parts that sound alike give one key
        ("Mary Jane", ("MR", "JN")),
        ("O'Brien", ("APRN", "")),
        ("", ("", "")),
        ("---", ("", "")),
    ],
)
def test_each_name_has_an_indexed_key_for_its_first_and_last_part(name, keys):
    assert name_keys(name) == keys
