"""Is the server connected as a role that could change or switch off the audit log?

The audit table's triggers refuse UPDATE, DELETE and TRUNCATE, but a superuser or the table's
owner can switch triggers off (``ALTER TABLE ... DISABLE TRIGGER``, ``SET
session_replication_role = replica``) or drop the table. In production the server must
connect as the runtime role, which owns nothing and may only read and add to the log
(see README.md, "Database roles", and docs/decisions/0035-database-roles.md).
"""

from __future__ import annotations

from django.db import connection as default_connection

from onestory.audit.models import AuditEvent

CHANGES = ("UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")

ROLE_SQL = """
SELECT current_user,
       r.rolsuper,
       pg_has_role(current_user, c.relowner, 'MEMBER'),
       pg_get_userbyid(c.relowner)
FROM pg_roles r, pg_class c
WHERE r.rolname = current_user AND c.oid = %s::regclass
"""


def audit_log_risks(connection=default_connection) -> list[str]:
    """What the connected role could do to the audit log that it must not; empty when safe.

    SQLite has no roles, so there is nothing to say for it.
    """
    if connection.vendor != "postgresql":
        return []
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(ROLE_SQL, [table])
        role, superuser, owns, owner = cursor.fetchone()
        cursor.execute(
            "SELECT " + ", ".join(["has_table_privilege(%s::regclass, %s)"] * len(CHANGES)),
            [value for change in CHANGES for value in (table, change)],
        )
        rights = [change for change, held in zip(CHANGES, cursor.fetchone(), strict=True) if held]
    risks = []
    if superuser:
        risks.append(f"the database role {role!r} is a superuser")
    if owns:
        risks.append(f"the database role {role!r} owns the audit table (through {owner!r})")
    if rights:
        risks.append(f"the database role {role!r} may {', '.join(rights)} on the audit table")
    return risks


class UnsafeDatabaseRole(RuntimeError):
    pass


def refuse_an_unsafe_role(connection=default_connection) -> None:
    """Stop the server, with a message saying what to do, when the role could erase the log."""
    risks = audit_log_risks(connection)
    if risks:
        raise UnsafeDatabaseRole(
            "OneStory will not serve in production mode because "
            + "; ".join(risks)
            + ". Connect DATABASE_URL as the runtime role (no superuser, owns nothing, may only "
            "SELECT and INSERT on the audit table) and run migrations as the owner role through "
            "DATABASE_OWNER_URL: see README.md, 'Database roles'."
        )
