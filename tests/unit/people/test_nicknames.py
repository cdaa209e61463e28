"""Short forms of given names from the data file."""

import pytest

from onestory.people import nicknames


def test_the_table_holds_at_least_sixty_common_pairs():
    assert len(nicknames.pairs()) >= 60


@pytest.mark.parametrize(
    ("asked", "recorded", "reason"),
    [
        ("Bill", "William", "Bill is a short form of William"),
        ("william", "bill", "Bill is a short form of William"),
        ("Peggy", "Margaret", "Peggy is a short form of Margaret"),
        ("Bob", "Robert", "Bob is a short form of Robert"),
        ("Liz", "Elizabeth", "Liz is a short form of Elizabeth"),
        ("Kate", "Katherine", "Kate is a short form of Katherine"),
        ("Kate", "Catherine", "Kate is a short form of Catherine"),
        ("Bill", "Will", "Bill and Will are both short forms of William"),
        ("Harry", "Henry", "Harry is a short form of Henry"),
        ("Harry", "Harold", "Harry is a short form of Harold"),
        ("Bill", "Robert", None),
        ("Bill", "Bill", None),
        ("", "William", None),
    ],
)
def test_it_explains_how_two_given_names_relate(asked, recorded, reason):
    assert nicknames.relation(asked, recorded) == reason


@pytest.mark.parametrize(
    ("name", "includes", "excludes"),
    [
        ("bill", {"william", "will", "billy", "liam"}, {"bill", "robert"}),
        ("william", {"bill", "will"}, {"william"}),
        ("kate", {"katherine", "catherine", "kathryn", "katie"}, {"margaret"}),
        ("nobody", set(), {"nobody"}),
    ],
)
def test_it_expands_a_given_name(name, includes, excludes):
    related = nicknames.related_names(name)
    assert includes <= related
    assert not excludes & related


def test_every_line_of_the_data_file_is_well_formed():
    for line in nicknames.DATA_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            full, colon, shorts = line.partition(":")
            assert colon, line
            assert full.isalpha(), line
            assert full == full.lower(), line
            assert all(short.strip().isalpha() for short in shorts.split(",")), line
