"""Insert many rows fast, for seeding: plain tuples in batches, COPY on PostgreSQL and one
``executemany`` per batch elsewhere. No model instances, no signals, no audit events: only for the
system writing demo or benchmark history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction


def batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_rows(model, columns: tuple[str, ...], rows: Iterable[tuple], *, batch_size: int = 10_000) -> int:
    """Insert ``rows`` (values in ``columns`` order; dates as ISO text) into ``model``'s table,
    each batch in its own transaction. Returns how many rows went in."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    total = 0
    for batch in batches(rows, batch_size):
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", batch)
        total += len(batch)
    return total
