"""Django's PostgreSQL backend, with a connection health check that costs no round trip, and
psycopg keeping its parse of longer statements (below).

``CONN_HEALTH_CHECKS`` keeps a persistent connection from failing the first request after the
database restarted (for an anonymous student, that failure could be a tip never sent again). Django
checks with ``SELECT 1`` at the start of every request: one more round trip on each (one of a
tip's seven), and on a loaded server every round trip waits for the database process to be
scheduled. An idle connection has nothing to read: when the server goes away it sends its goodbye
or closes the socket, and the socket becomes readable.
So a connection whose socket has something to read is treated as unusable — Django then opens a
new one, which is all that a false alarm would cost.
"""

import select

from django.db.backends.postgresql import base
from psycopg import _queries

# psycopg turns each statement's %s placeholders into $n once and keeps the result (an LRU of 128
# statements), but only for statements of at most 50 parameters: ORMs' multi-row INSERTs, whose
# length varies, would crowd the cache. A tip's one-statement store (``core.compiled.insert_linked``,
# tip + audit event + first step) has 55 and was parsed anew on every tip: 6 % of the request's
# time (py-spy of the intake in-process). Its text never changes, so it is worth keeping; the limit
# is psycopg's private setting, pinned with psycopg and checked by a test of this backend.
STATEMENT_PARAMETERS_PARSED_ONCE = 100
_queries.MAX_CACHED_STATEMENT_PARAMS = max(_queries.MAX_CACHED_STATEMENT_PARAMS, STATEMENT_PARAMETERS_PARSED_ONCE)


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        return not readable
