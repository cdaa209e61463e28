"""Blocking keys for finding people among a million records (PostgreSQL only).

``people_match_keys`` turns the columns a person's record already keeps for searching (the
normalised names and their sound keys, the year and date of birth) into short keys that a
real match nearly always shares with the question asked, while few other records do:

- ``D19850304``: the date of birth;
- ``MJN:198503``: the given name's sound key with the year and month of birth;
- ``BJN:0304``: the given name's sound key with the day and month of birth;
- ``FSMT:1985:J``: a family name's sound key, the year of birth, the given name's first sound;
- ``GJN:1985:S``: the given name's sound key, the year of birth, the family name's first sound;
- ``NSMT:JN``: the family and given names' sound keys together, without a date;
- ``QSMT:joh``: a family name's sound key and the given name's first three letters;
- ``RJN:smi``: the given name's sound key and a family name's first three letters.

``people_name_keys`` does the same for other names (previous names, aliases): ``N``, ``Q``
and ``R`` keys, and ``P`` keys of a family name alone. Each table keeps its keys in a stored
generated column, ``match_keys``, that the database fills on every insert and update, so
every way of writing a person (forms, actions, bulk loads) keeps them right without extra
code; a GIN index on it makes "any of these keys" one index look-up. The column is not on
the Django model: nothing but the search reads it. ``people/blocking.py`` builds the keys of
a question the same way. See docs/decisions/0009-person-search-candidates.md.

The indexes are made without GIN's "fast update" list: that list makes each write cheaper
but every search slower until it is cleaned up, and finding people is the hot path.

A later migration that changes the type of a column the keys are made from must drop
``match_keys`` first and add it again after (PostgreSQL refuses otherwise).

On SQLite (the demo) nothing is made: finding people there uses the plain routes.
"""

from django.db import migrations

FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION people_match_keys(
        given text, given_keys text, family text, family_keys text, birth_year integer, born date
    ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH given AS (
            SELECT split_part(btrim(given_keys), ' ', 1) AS g,
                   left(split_part(given, ' ', 1), 3) AS g3
        ),
        family AS (
            SELECT f FROM unnest(string_to_array(btrim(family_keys), ' ')) AS f WHERE f <> ''
        ),
        words AS (
            SELECT DISTINCT left(w, 3) AS w3 FROM unnest(string_to_array(family, ' ')) AS w
            WHERE w <> ''
        )
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
        )
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION people_name_keys(
        given text, given_keys text, family text, family_keys text
    ) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH given AS (
            SELECT split_part(btrim(given_keys), ' ', 1) AS g,
                   left(split_part(given, ' ', 1), 3) AS g3
        ),
        family AS (
            SELECT f FROM unnest(string_to_array(btrim(family_keys), ' ')) AS f WHERE f <> ''
        ),
        words AS (
            SELECT DISTINCT left(w, 3) AS w3 FROM unnest(string_to_array(family, ' ')) AS w
            WHERE w <> ''
        )
        SELECT ARRAY(
            SELECT 'P' || f FROM family
            UNION ALL SELECT 'N' || f || ':' || g FROM family, given WHERE g <> ''
            UNION ALL SELECT 'Q' || f || ':' || g3 FROM family, given WHERE g3 <> ''
            UNION ALL SELECT 'R' || g || ':' || w3 FROM words, given WHERE g <> ''
        )
    $$
    """,
]
COLUMNS = [
    """
    ALTER TABLE people_person ADD COLUMN match_keys text[] GENERATED ALWAYS AS (
        people_match_keys(
            search_given_name, given_name_keys, search_family_name, family_name_keys,
            birth_year, date_of_birth
        )
    ) STORED
    """,
    """
    ALTER TABLE people_personname ADD COLUMN match_keys text[] GENERATED ALWAYS AS (
        people_name_keys(search_given_name, given_name_keys, search_family_name, family_name_keys)
    ) STORED
    """,
    "CREATE INDEX person_match_keys ON people_person USING gin (match_keys) "
    "WITH (fastupdate = off)",
    "CREATE INDEX personname_match_keys ON people_personname USING gin (match_keys) "
    "WITH (fastupdate = off)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FUNCTIONS + COLUMNS:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in ("people_person", "people_personname"):
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS match_keys")
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS people_match_keys(text, text, text, text, integer, date)"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS people_name_keys(text, text, text, text)")


class Migration(migrations.Migration):
    dependencies = [("people", "0003_trigram_search")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
