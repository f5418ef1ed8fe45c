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
from datetime import date

from django.db import connections
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
        self._compiled: dict[str, tuple[list, str] | None] = {}
        self._lock = threading.Lock()

    def insert(self, instance: Model, using: str = "default") -> Model:
        compiled = self._compiled[using] if using in self._compiled else self._compile(using)
        if compiled is None or self._has_receivers():
            instance.save(force_insert=True, using=using)
            return instance
        fields, sql = compiled
        connection = connections[using]
        instance._prepare_related_fields_for_save(operation_name="save")  # as save(): ids of linked records
        params = [field.get_db_prep_save(field.pre_save(instance, True), connection=connection) for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            (instance.pk,) = connection.ops.fetch_returned_insert_columns(cursor, ())
        instance._state.adding, instance._state.db = False, using
        return instance

    def _has_receivers(self) -> bool:
        return signals.pre_save.has_listeners(self.model) or signals.post_save.has_listeners(self.model)

    def _compile(self, using: str) -> tuple[list, str] | None:
        """The model's INSERT … RETURNING id as Django writes it, or None where it cannot be reused."""
        with self._lock:
            meta, connection = self.model._meta, connections[using]
            fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
            query = InsertQuery(self.model)
            query.insert_values(fields, [self.model()])
            compiler = query.get_compiler(using=using)
            compiler.returning_fields = [meta.pk]
            [(sql, params)] = compiler.as_sql()
            reusable = (
                meta.auto_field is not None
                and connection.features.can_return_columns_from_insert
                and not compiler.returning_params
                and len(params) == len(fields)
                and sql.count("%s") == len(fields)
            )
            self._compiled[using] = (fields, sql) if reusable else None
            return self._compiled[using]
