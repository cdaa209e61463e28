"""A blocking key that survives letters typed the wrong way round (PostgreSQL only).

``L`` keys pair the given name's first letter (none for another name recorded without a
given name) with the first four letters of a family name put in alphabetical order: "Mitchell" and "Mtichell" both give ``Lm:cimt`` for Aoife, and
"Brown" and "Brwon" both give ``Lb:borw`` for Benjamin. A swap of two letters near the start
of a family name changes its sound key and its first three letters, so before this key such
a record shared no key with the question at all when it had no date of birth either.

Both key functions gain the ``L`` key; the ``match_keys`` columns are dropped and added
again so that every stored row is keyed afresh (PostgreSQL does not recompute a stored
generated column when its function changes). Letters are sorted by code point (``COLLATE
"C"``), as ``people/blocking.py`` sorts them. See docs/decisions/0009.
"""

from django.db import migrations


def _letters(when: str) -> str:
    return f"""
            UNION ALL SELECT 'L' || g1 || ':' || array_to_string(ARRAY(
                    SELECT c FROM unnest(string_to_array(left(w, 4), NULL)) AS c
                    ORDER BY c COLLATE "C"
                ), '')
                FROM (SELECT DISTINCT w FROM unnest(string_to_array(family, ' ')) AS w
                      WHERE w <> '') AS letters, given WHERE {when}
"""  # noqa: S608 (fixed text: no input reaches it)


# A record's own name always has a given name. Another name is often a family name alone
# (a name before marriage): it is keyed without an initial, as ``P`` keys are.
PERSON_LETTERS = _letters("g1 <> ''")
NAME_LETTERS = _letters("true")

# The given name's sound key, first three letters and initial; the family names' sound keys;
# the first three letters of each family name.
NAMES = """        WITH given AS (
            SELECT split_part(btrim(given_keys), ' ', 1) AS g,
                   left(split_part(given, ' ', 1), 3) AS g3,
                   left(split_part(given, ' ', 1), 1) AS g1
        ),
        family AS (
            SELECT f FROM unnest(string_to_array(btrim(family_keys), ' ')) AS f WHERE f <> ''
        ),
        words AS (
            SELECT DISTINCT left(w, 3) AS w3 FROM unnest(string_to_array(family, ' ')) AS w
            WHERE w <> ''
        )"""

PERSON_KEYS = f"""
    CREATE OR REPLACE FUNCTION people_match_keys(
        given text, given_keys text, family text, family_keys text, birth_year integer, born date
    ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
{NAMES}
        SELECT ARRAY(
            SELECT 'D' || to_char(born, 'YYYYMMDD') WHERE born IS NOT NULL
            UNION ALL SELECT 'M' || g || ':' || to_char(born, 'YYYYMM')
                FROM given WHERE born IS NOT NULL AND g <> ''
            UNION ALL SELECT 'B' || g || ':' || to_char(born, 'MMDD')
                FROM given WHERE born IS NOT NULL AND g <> ''
            UNION ALL SELECT 'F' || f || ':' || birth_year || ':' || left(g, 1)
                FROM family, given WHERE birth_year IS NOT NULL AND g <> ''
            UNION ALL SELECT 'G' || g || ':' || birth_year || ':' || left(f, 1)
                FROM family, given WHERE birth_year IS NOT NULL AND g <> ''
            UNION ALL SELECT 'N' || f || ':' || g FROM family, given WHERE g <> ''
            UNION ALL SELECT 'Q' || f || ':' || g3 FROM family, given WHERE g3 <> ''
            UNION ALL SELECT 'R' || g || ':' || w3 FROM words, given WHERE g <> ''
            {PERSON_LETTERS}
        )
    $$
"""  # noqa: S608 (fixed text: no input reaches it)

NAME_KEYS = f"""
    CREATE OR REPLACE FUNCTION people_name_keys(
        given text, given_keys text, family text, family_keys text
    ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
{NAMES}
        SELECT ARRAY(
            SELECT 'P' || f FROM family
            UNION ALL SELECT 'N' || f || ':' || g FROM family, given WHERE g <> ''
            UNION ALL SELECT 'Q' || f || ':' || g3 FROM family, given WHERE g3 <> ''
            UNION ALL SELECT 'R' || g || ':' || w3 FROM words, given WHERE g <> ''
            {NAME_LETTERS}
        )
    $$
"""  # noqa: S608 (fixed text: no input reaches it)

PERSON_COLUMN = """
    ALTER TABLE people_person ADD COLUMN match_keys text[] GENERATED ALWAYS AS (
        people_match_keys(
            search_given_name, given_name_keys, search_family_name, family_name_keys,
            birth_year, date_of_birth
        )
    ) STORED
"""
NAME_COLUMN = """
    ALTER TABLE people_personname ADD COLUMN match_keys text[] GENERATED ALWAYS AS (
        people_name_keys(search_given_name, given_name_keys, search_family_name, family_name_keys)
    ) STORED
"""
INDEXES = [
    "CREATE INDEX person_match_keys ON people_person USING gin (match_keys) "
    "WITH (fastupdate = off)",
    "CREATE INDEX personname_match_keys ON people_personname USING gin (match_keys) "
    "WITH (fastupdate = off)",
]


def rekey(functions: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in ("people_person", "people_personname"):
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS match_keys")
        for statement in [*functions, PERSON_COLUMN, NAME_COLUMN, *INDEXES]:
            schema_editor.execute(statement)

    return run


def _previous_functions() -> list[str]:
    from importlib import import_module

    return import_module("onestory.people.migrations.0004_match_keys").FUNCTIONS


class Migration(migrations.Migration):
    dependencies = [("people", "0004_match_keys")]

    operations = [
        migrations.RunPython(
            rekey([PERSON_KEYS, NAME_KEYS]),
            lambda apps, schema_editor: rekey(_previous_functions())(apps, schema_editor),
            elidable=False,
        )
    ]
