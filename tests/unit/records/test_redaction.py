"""Third parties' names in free text are replaced; the subject's own names never are."""

import pytest

from onestory.records.redaction import MARK, name_pattern, redact

SUBJECT = ["Amira", "Haddad"]


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("Leila Haddad came with her.", f"{MARK} came with her.", 1),
        ("leila said Amira was scared.", f"{MARK} said Amira was scared.", 1),
        ("Karl and Karl's brother", f"{MARK} and {MARK}'s brother", 2),
        ("Mrs Haddad rang.", "Mrs Haddad rang.", 0),  # her own family name stays
        ("Karlsson is a surname, Leilani a name.", "Karlsson is a surname, Leilani a name.", 0),
        ("KARL   BROWN shouted.", f"{MARK} shouted.", 1),
        ("Brown was seen at the school.", f"{MARK} was seen at the school.", 1),
        ("", "", 0),
    ],
)
def test_names_of_recorded_third_parties_are_replaced(text, expected, count):
    pattern = name_pattern([("Leila", "Haddad"), ("Karl", "Brown"), ("J", "")], SUBJECT)
    assert redact(text, pattern) == (expected, count)


def test_an_initial_alone_is_not_looked_for():
    pattern = name_pattern([("J", "")], SUBJECT)
    assert pattern is None
    assert redact("J went out.", pattern) == ("J went out.", 0)


def test_a_relative_with_exactly_her_names_is_not_redacted_out_of_her_own_story():
    assert name_pattern([("Amira", "Haddad")], SUBJECT) is None


def test_characters_with_meaning_in_patterns_are_taken_literally():
    pattern = name_pattern([("Jo (Joanne)", "O'Neil")], SUBJECT)
    assert redact("O'Neil and Jo (Joanne) O'Neil", pattern) == (f"{MARK} and {MARK}", 2)
