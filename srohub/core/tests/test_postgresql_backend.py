"""The PostgreSQL backend: its health check (a live connection passes without a message to the
server, a connection the server ended fails it, and Django then reconnects), and long statements
parsed once."""

import tempfile
import time

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the backend is PostgreSQL's"),
]


@pytest.fixture
def second_connection():
    """A connection of its own (the test's may not be ended under it)."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def test_a_live_connection_is_usable_without_a_round_trip(second_connection):
    pgconn = second_connection.connection.pgconn
    with tempfile.TemporaryFile() as trace:
        pgconn.trace(trace.fileno())  # libpq writes every protocol message sent or received here
        try:
            usable = second_connection.is_usable()
        finally:
            pgconn.untrace()
        trace.seek(0)
        assert usable is True
        assert trace.read() == b""


def test_a_connection_the_server_ended_is_not_usable_and_django_reconnects(second_connection):
    pid = second_connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert _becomes_unusable(second_connection)

    second_connection.close_if_unusable_or_obsolete()  # a request ends: the next one checks health first
    with second_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def _becomes_unusable(wrapper, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:  # the server's goodbye takes a moment to arrive
        if not wrapper.is_usable():
            return True
        time.sleep(0.01)
    return False


def test_a_statement_of_55_parameters_is_parsed_once_per_process():
    """A tip's one-statement store has 55 parameters; psycopg alone would parse it on every tip."""
    from psycopg import _queries  # noqa: PLC0415 - the cache this backend widens

    sql = "SELECT " + ", ".join(["%s::int"] * 55)
    with connection.cursor() as cursor:
        cursor.execute(sql, list(range(55)))
        before = _queries._query2pg.cache_info()
        cursor.execute(sql, list(range(1, 56)))
        assert cursor.fetchone()[54] == 55
    after = _queries._query2pg.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
