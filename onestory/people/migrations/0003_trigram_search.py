"""Fuzzy name search on PostgreSQL: the pg_trgm extension and trigram indexes.

On SQLite (the demo) every step does nothing: finding people there uses the sound keys
and the dates of birth, then scores candidates in Python (see people/matching.py).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# (index name, table, column): the normalised names and their sound keys.
TRIGRAM_INDEXES = [
    ("person_given_trgm", "people_person", "search_given_name"),
    ("person_family_trgm", "people_person", "search_family_name"),
    ("person_given_keys_trgm", "people_person", "given_name_keys"),
    ("person_family_keys_trgm", "people_person", "family_name_keys"),
    ("personname_given_trgm", "people_personname", "search_given_name"),
    ("personname_family_trgm", "people_personname", "search_family_name"),
    ("personname_given_keys_trgm", "people_personname", "given_name_keys"),
    ("personname_family_keys_trgm", "people_personname", "family_name_keys"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in TRIGRAM_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_details")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
