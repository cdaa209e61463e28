"""The sound key: names that sound alike share a key; names that do not, do not."""

import pytest

from onestory.people.phonetic import sound_key


@pytest.mark.parametrize(
    "names",
    [
        ("Smith", "Smyth"),
        ("Catherine", "Katherine", "Kathryn"),
        ("Stephen", "Steven"),
        ("Philip", "Phillip", "Filip"),
        ("John", "Jon"),
        ("Clare", "Claire"),
        ("Sara", "Sarah"),
        ("Mohammed", "Muhammad", "Mohamed"),
        ("Geoff", "Jeff"),
        ("Neil", "Neal", "Niall"),
        ("McDonald", "MacDonald"),
        ("Brown", "Braun"),
        ("Reid", "Read", "Reed"),
        ("Gray", "Grey"),
        ("Knight", "Night"),
        ("Wright", "Right"),
        ("Thompson", "Thomson"),
        ("Aisha", "Ayesha"),
        ("Jennifer", "Jenifer"),
        ("Yvonne", "Ivonne"),
        ("O'Brien", "OBrien", "O Brien"),
        ("Zoë", "Zoe"),
        ("Seán", "Sean"),
    ],
)
def test_names_that_sound_alike_share_a_key(names):
    keys = {sound_key(name) for name in names}
    assert len(keys) == 1, {name: sound_key(name) for name in names}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Smith", "Jones"),
        ("Anna", "Hannah"),
        ("Mark", "Mike"),
        ("Charlotte", "Christine"),
        ("Schmidt", "Smith"),
    ],
)
def test_names_that_sound_different_do_not(first, second):
    assert sound_key(first) != sound_key(second)


@pytest.mark.parametrize(
    ("name", "key"),
    [("Kathryn", "KTRN"), ("Smith", "SMT"), ("Anna", "AN"), ("", ""), ("123", ""), ("X", "KS")],
)
def test_it_gives_short_keys(name, key):
    assert sound_key(name) == key


def test_keys_are_never_longer_than_six():
    assert len(sound_key("Featherstonehaugh-Worthington")) <= 6
