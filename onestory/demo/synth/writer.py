"""Bulk inserts: PostgreSQL's COPY through psycopg, or ``bulk_create`` in batches on SQLite.

Rows arrive as dictionaries of field values (attribute names, like ``person_id``); fields a
row leaves out take the model's default, as ``Model()`` would give them. Columns the app
derives when it saves (normalised names and their sound keys, the year of birth) are filled
by the models' own code before the rows are written: see ``prepare_persons``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone

from onestory.people.models import Person, PersonName

SQLITE_BATCH = 400


def prepare_persons(rows: Iterable[dict]) -> list[dict]:
    """Person rows with the derived columns filled exactly as ``Person.save`` fills them."""
    prepared = []
    for row in rows:
        person = Person(**row)
        person.refresh_search_columns()
        if person.date_of_birth is not None:
            person.birth_year = person.date_of_birth.year
        else:
            person.birth_year = person.birth_year_estimate
        prepared.append(
            {**row, "birth_year": person.birth_year}
            | {column: getattr(person, column) for column in _search_columns()}
        )
    return prepared


def prepare_names(rows: Iterable[dict]) -> list[dict]:
    """Other-name rows with the derived columns filled as ``PersonName.save`` fills them."""
    prepared = []
    for row in rows:
        name = PersonName(**row)
        name.refresh_search_columns()
        prepared.append(row | {column: getattr(name, column) for column in _search_columns()})
    return prepared


def _search_columns() -> tuple[str, ...]:
    from onestory.people.models.persons import SEARCH_COLUMNS

    return SEARCH_COLUMNS


class Writer:
    """Writes rows of one model at a time on the default database connection."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.written = 0

    def insert(self, model: type[models.Model], rows: list[dict]) -> None:
        if not rows:
            return
        if self.vendor == "postgresql":
            self._copy(model, rows)
        else:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=SQLITE_BATCH)
        self.written += len(rows)

    def _copy(self, model: type[models.Model], rows: list[dict]) -> None:
        fields = [
            field
            for field in model._meta.concrete_fields
            if not (field.primary_key and field.attname not in rows[0])
        ]
        defaults = {field.attname: _default(field) for field in fields}
        json_fields = {field.attname for field in fields if isinstance(field, models.JSONField)}
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        names = [field.attname for field in fields]
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    values = []
                    for name in names:
                        value = row.get(name, defaults[name])
                        if name in json_fields:
                            value = json.dumps(value)
                        values.append(value)
                    copy.write_row(values)

    def reset_sequences(self, models_written: Iterable[type[models.Model]]) -> None:
        """After rows with chosen ids, let the database carry on numbering above them."""
        if self.vendor != "postgresql":
            return  # SQLite numbers from the largest id already
        with connection.cursor() as cursor:
            for model in models_written:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 (a model's table)
                    f"GREATEST((SELECT max(id) FROM {connection.ops.quote_name(table)}), 1))",
                    [table],
                )

    def tidy(self, models_written: Iterable[type[models.Model]]) -> None:
        """After a big load: GIN indexes' pending entries merged in (searches scan that list
        until then), and fresh planner statistics (and the visibility map, outside a
        transaction), so the first searches after the load run as later ones will."""
        if self.vendor != "postgresql":
            return
        tables = [model._meta.db_table for model in models_written]
        with connection.cursor() as cursor:
            # Only a table's owner may do either; run as the runtime role (which owns
            # nothing), the load is left untidied rather than refused.
            cursor.execute(
                "SELECT relname FROM pg_class WHERE relname = ANY(%s)"
                " AND pg_has_role(relowner, 'MEMBER')",
                [tables],
            )
            tables = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE a.amname = 'gin' AND i.indrelid::regclass::text = ANY(%s)",
                [tables],
            )
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for table in tables:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    return field.get_default()
