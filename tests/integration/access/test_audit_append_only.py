"""The audit table refuses change: through raw SQL, through the ORM, and through the model.

These run on SQLite and on PostgreSQL; each database has its own triggers (access/0003).
On PostgreSQL the tests connect as the runtime role, whose lack of rights refuses a change
before the triggers are reached (test_database_roles.py also holds the owner to the triggers).
"""

import pytest
from django.db import DatabaseError, connection, models, transaction

from onestory.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

TABLE = AuditEvent._meta.db_table
REFUSED = "append-only|permission denied"


@pytest.fixture
def event() -> AuditEvent:
    return AuditEvent.objects.create(action=AuditAction.VIEW, reason="as it happened")


def unchanged(event: AuditEvent) -> bool:
    return AuditEvent.objects.filter(pk=event.pk, reason="as it happened").exists()


def raw(sql: str, params: list) -> None:
    # A savepoint, so PostgreSQL can carry on after the refusal.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_it_refuses_update_through_raw_sql(event):
    with pytest.raises(DatabaseError, match=REFUSED):
        raw(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", ["rewritten", event.pk])  # noqa: S608 (the model's own table)
    assert unchanged(event)


def test_it_refuses_delete_through_raw_sql(event):
    with pytest.raises(DatabaseError, match=REFUSED):
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])  # noqa: S608 (the model's own table)
    assert unchanged(event)


def test_it_refuses_truncate_on_postgresql(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DatabaseError, match=REFUSED):
        raw(f"TRUNCATE {TABLE}", [])
    assert unchanged(event)


def test_it_refuses_update_and_delete_through_the_model(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        event.delete()
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert unchanged(event)


def test_it_refuses_an_orm_update_that_gets_past_the_model(event):
    # A plain queryset skips the model's guard; the database still refuses.
    plain = models.QuerySet(model=AuditEvent).filter(pk=event.pk)
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        plain.update(reason="rewritten")
    assert unchanged(event)


def test_it_refuses_an_orm_delete_that_gets_past_the_model(event):
    plain = models.QuerySet(model=AuditEvent).filter(pk=event.pk)
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        plain.delete()
    assert unchanged(event)


def test_it_still_takes_new_events(event):
    AuditEvent.objects.create(action=AuditAction.SEARCH)
    assert AuditEvent.objects.filter(pk__gt=event.pk, action=AuditAction.SEARCH).exists()
