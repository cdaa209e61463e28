"""Sessions in the database, with an update written as one statement.

Django's database sessions wrap every save in a transaction. Creating a session needs that
(a clash of keys must roll back cleanly), but updating one is a single UPDATE, atomic on its
own. The idle-timeout stamp updates the session once a minute, so on PostgreSQL that saves
two statements (BEGIN and COMMIT) on those requests. Creating, and an update that finds the
session gone, behave exactly as Django's do.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        data = dict(self.items())
        using = router.db_for_write(self.model)
        updated = (
            self.model.objects.using(using)
            .filter(session_key=self.session_key)
            .update(session_data=self.encode(data), expire_date=self.get_expiry_date())
        )
        if not updated:
            raise UpdateError
