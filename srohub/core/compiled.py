"""A queryset (or a model's INSERT) written once with the ORM, compiled to SQL once per process,
run many times.

For the few statements on a hot path (a tip stored and routed on arrival, the audit event of every
write) where building and compiling the query costs several times what the database spends
answering it. The ORM stays the one definition; only its compilation is reused.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date

from django.db import connections, transaction
from django.db.models import Model, QuerySet, signals
from django.db.models.sql import InsertQuery

# Values no real argument takes: each stands for one argument while the query is compiled.
_SENTINEL_INTS = itertools.count(-7_919_000_001, -1)
_SENTINEL_DATES = iter(date(1001, 1, day) for day in range(1, 29))


class CompiledQuery:
    """``build(**arguments)`` → a ``values_list`` queryset; :meth:`rows` runs it with new arguments.

    The queryset is built once per database with a sentinel for each argument (ints and dates are
    supported), compiled, and each sentinel found among the SQL parameters is replaced by the real
    value on every run. Rows come back as the database driver returns them, without Django's
    field converters: select only columns that need none (ints, text, booleans).
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self._build, self._kinds = build, kinds
        self._sentinels = {name: _sentinel(kind) for name, kind in kinds.items()}
        self._compiled: dict[str, tuple[str, list]] = {}
        self._lock = threading.Lock()

    def rows(self, using: str = "default", **arguments) -> list[tuple]:
        if set(arguments) != set(self._kinds):
            raise TypeError(f"expected arguments {sorted(self._kinds)}, got {sorted(arguments)}")
        sql, slots = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        params = [_adapted(connection, arguments[slot[1]]) if slot[0] == "arg" else slot[1] for slot in slots]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, using: str) -> tuple[str, list]:
        with self._lock:
            connection = connections[using]
            queryset = self._build(**self._sentinels)
            sql, params = queryset.query.get_compiler(using=using).as_sql()
            by_value = {}
            for name, sentinel in self._sentinels.items():
                by_value[_key(sentinel)] = name
                by_value[_key(_adapted(connection, sentinel))] = name
            slots = [("arg", by_value[_key(p)]) if _key(p) in by_value else ("const", p) for p in params]
            missing = set(self._sentinels) - {slot[1] for slot in slots if slot[0] == "arg"}
            if missing:
                raise ValueError(f"arguments {sorted(missing)} do not reach the query's parameters")
            self._compiled[using] = (sql, slots)
            return sql, slots


def _sentinel(kind: type):
    if kind is int:
        return next(_SENTINEL_INTS)
    if kind is date:
        return next(_SENTINEL_DATES)
    raise TypeError(f"CompiledQuery supports int and date arguments, not {kind.__name__}")


def _adapted(connection, value):
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _key(value) -> tuple:
    return (type(value).__name__, str(value))


# The shapes of a compiled INSERT.
RETURNING_ID, WITH_ID, WITHOUT_ID = "returning id", "with id", "without id"


class CompiledInsert:
    """``insert(instance)`` does what ``instance.save(force_insert=True)`` does for a new record of
    ``model`` — the fields' ``pre_save`` (timestamps) and database preparation, the INSERT, the new
    id — with the INSERT statement compiled once per database instead of on every save.

    Where Django would do more than that, it is left to do it: a model with pre/post-save signal
    receivers, or a statement whose values are not all plain parameters (database defaults,
    expressions), is saved through ``save()``.
    """

    def __init__(self, model: type[Model]):
        self.model = model
        self._compiled: dict[tuple[str, str], tuple[list, str] | None] = {}
        self._lock = threading.Lock()

    def insert(self, instance: Model, using: str = "default") -> Model:
        compiled = self._statement(using, RETURNING_ID)
        if compiled is None or self.has_receivers():
            instance.save(force_insert=True, using=using)
            return instance
        fields, sql = compiled
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(instance, fields, connection))
            (instance.pk,) = connection.ops.fetch_returned_insert_columns(cursor, ())
        _mark_stored(instance, using)
        return instance

    def plain(self, instance: Model, using: str = "default") -> tuple[str, list] | None:
        """The INSERT of ``instance`` with its values and without RETURNING — its id included when it
        has one already — to be run inside a larger statement; None where ``insert`` would fall
        back to ``save()``."""
        compiled = self._statement(using, WITH_ID if instance.pk is not None else WITHOUT_ID)
        if compiled is None or self.has_receivers():
            return None
        fields, sql = compiled
        return sql, self._params(instance, fields, connections[using])

    def has_receivers(self) -> bool:
        return signals.pre_save.has_listeners(self.model) or signals.post_save.has_listeners(self.model)

    @staticmethod
    def _params(instance: Model, fields: list, connection) -> list:
        instance._prepare_related_fields_for_save(operation_name="save")  # as save(): ids of linked records
        return [field.get_db_prep_save(field.pre_save(instance, True), connection=connection) for field in fields]

    def _statement(self, using: str, shape: str) -> tuple[list, str] | None:
        key = (using, shape)
        return self._compiled[key] if key in self._compiled else self._compile(using, shape)

    def _compile(self, using: str, shape: str) -> tuple[list, str] | None:
        """The model's INSERT as Django writes it (``shape``: RETURNING the new id, or plain with or
        without the id column), or None where it cannot be reused."""
        with self._lock:
            meta, connection = self.model._meta, connections[using]
            fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
            if shape == WITH_ID:
                fields = [meta.pk, *fields]
            query = InsertQuery(self.model)
            query.insert_values(fields, [self.model()])
            compiler = query.get_compiler(using=using)
            compiler.returning_fields = [meta.pk] if shape == RETURNING_ID else None
            [(sql, params)] = compiler.as_sql()
            reusable = (
                meta.auto_field is not None
                and (shape != RETURNING_ID or connection.features.can_return_columns_from_insert)
                and not compiler.returning_params
                and len(params) == len(fields)
                and sql.count("%s") == len(fields)
            )
            self._compiled[(using, shape)] = (fields, sql) if reusable else None
            return self._compiled[(using, shape)]


def _mark_stored(instance: Model, using: str) -> None:
    instance._state.adding, instance._state.db = False, using


def insert_linked(
    parent_insert: CompiledInsert,
    parent: Model,
    linked: Callable[[Model], list[tuple[CompiledInsert, Model]]],
    using: str = "default",
) -> Model:
    """Insert a new record and the new records that refer to it (``linked(parent)`` builds them once
    the parent has its id): all stored, or none.

    On PostgreSQL this is one statement — the inserts as a data-modifying ``WITH`` — with the
    parent's id reserved beforehand (:class:`IdReservations`): one round trip, and outside a
    transaction one transaction by itself, where an explicit transaction of three inserts took five
    round trips (BEGIN, three INSERTs, COMMIT; a tip's intake, `srohub bench tips`). The linked
    rows' foreign keys are checked when the statement ends (Django's are deferred to the commit),
    when the parent row exists. Elsewhere, or where a model saves through ``save()``, the inserts
    run one after another in a transaction.
    """
    connection = connections[using]
    if connection.vendor == "postgresql" and not parent_insert.has_receivers():
        parent.pk = RESERVED_IDS.next_id(parent_insert.model, using)
        parts = [(parent_insert, parent), *linked(parent)]
        statements = [insert.plain(instance, using) for insert, instance in parts]
        if all(statements):
            *first, last = statements
            sql = "".join(("WITH " if n == 0 else ", ") + f"i{n} AS ({s})" for n, (s, _) in enumerate(first))
            # Outside a transaction the statement is one by itself; inside the caller's, a savepoint
            # keeps that transaction usable when the insert is refused (as a nested atomic does).
            params = [param for _, values in statements for param in values]
            savepoint = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
            with savepoint, connection.cursor() as cursor:
                cursor.execute(f"{sql} {last[0]}", params)
            for _, instance in parts:
                _mark_stored(instance, using)
            return parent
        parent.pk = None  # a reserved id is only ever used once: leave it unused
    with transaction.atomic(using=using):
        parent_insert.insert(parent, using)
        for insert, instance in linked(parent):
            insert.insert(instance, using)
    return parent


class IdReservations:
    """New ids for a model's records, reserved from its PostgreSQL sequence in blocks: one query
    for every ``block`` records, instead of asking the database for each id as it inserts.

    Each id is used at most once; ids a process reserved and did not use (it stopped, an insert
    failed) are gaps in the sequence, as after any rolled-back insert. A process's records take
    increasing ids, records of different processes interleave: order by time, not by id. Resetting
    the sequence below ids already handed out (a restore, ``sqlsequencereset``) while processes run
    would make it hand them out again: restart the processes after such a reset.
    """

    def __init__(self, block: int = 32):
        self.block = block
        self._free: dict[tuple[str, str], list[int]] = {}
        self._lock = threading.Lock()

    def next_id(self, model: type[Model], using: str = "default") -> int:
        key = (using, model._meta.label)
        with self._lock:
            free = self._free.setdefault(key, [])
            if not free:
                free.extend(reversed(self._reserve(model, using)))
            return free.pop()

    def _reserve(self, model: type[Model], using: str) -> list[int]:
        meta, connection = model._meta, connections[using]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(meta.db_table), meta.pk.column, self.block],
            )
            return sorted(row[0] for row in cursor.fetchall())


RESERVED_IDS = IdReservations()
