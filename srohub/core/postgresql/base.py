"""Django's PostgreSQL backend, with a connection health check that costs no round trip.

``CONN_HEALTH_CHECKS`` keeps a persistent connection from failing the first request after the
database restarted (for an anonymous student, that failure could be a tip never sent again). Django
checks with ``SELECT 1`` at the start of every request: one more round trip on each (one of a
tip's seven), and on a loaded server every round trip waits for the database process to be
scheduled. An idle connection has nothing to read: when
the server goes away it sends its goodbye or closes the socket, and the socket becomes readable.
So a connection whose socket has something to read is treated as unusable — Django then opens a
new one, which is all that a false alarm would cost.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        return not readable
