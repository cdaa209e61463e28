"""Sessions: an update is one statement, and a session deleted meanwhile is not recreated."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onestory.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_an_update_is_written_in_one_statement():
    store = SessionStore()
    store["seen"] = 1
    store.create()
    store["seen"] = 2
    with CaptureQueriesContext(connection) as captured:
        store.save()
    assert len(captured.captured_queries) == 1
    assert captured.captured_queries[0]["sql"].startswith("UPDATE")
    assert SessionStore(store.session_key).load() == {"seen": 2}


def test_a_session_deleted_meanwhile_is_not_brought_back():
    store = SessionStore()
    store["seen"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).delete()
    store["seen"] = 2
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.filter(session_key=store.session_key).exists()


def test_a_new_session_is_created_as_before():
    store = SessionStore()
    store["seen"] = 1
    store.save()
    assert store.session_key
    assert SessionStore(store.session_key).load() == {"seen": 1}
