"""Plain row writes for the entry write path: what `bulk_create` does, without building a
model instance per row or compiling a query per call.

An entry create is a handful of small statements, and compiling them with the ORM cost
more than running them (budgets.md: a create must reach half the trivial endpoint's rate).
Values are stored exactly as the ORM would store them: on SQLite each goes through its
field's own `get_db_prep_save`; on PostgreSQL a table's rows travel as one JSON document
that the column types read back (tests/journal/test_rows.py compares both with the ORM).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

# PostgreSQL's wire protocol numbers a statement's parameters with 16 bits.
POSTGRESQL_MAX_PARAMS = 65_535


@functools.cache
def _fields(model: type[models.Model], attnames: tuple[str, ...]) -> tuple[Any, ...]:
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    return tuple(by_attname[name] for name in attnames)


@dataclasses.dataclass(frozen=True)
class Write:
    """One write statement whose result nobody reads."""

    sql: str
    params: list[Any]


@functools.lru_cache(maxsize=256)
def _insert_sql(vendor: str, table: str, columns: tuple[str, ...], row_count: int) -> str:
    quote = connection.ops.quote_name
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    return (
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES {', '.join([placeholders] * row_count)}"
    )


def _max_params() -> int:
    return int(connection.features.max_query_params or POSTGRESQL_MAX_PARAMS)


@functools.lru_cache(maxsize=64)
def _recordset_insert_sql(model: type[models.Model], attnames: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    fields = _fields(model, attnames)
    names = ", ".join(quote(field.column) for field in fields)
    record = ", ".join(f"{quote(field.column)} {field.db_type(connection)}" for field in fields)
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608 (the model's names)
        f"SELECT {names} FROM json_to_recordset(%s::json) AS row_values({record})"
    )


def _recordset_insert(
    model: type[models.Model], attnames: tuple[str, ...], rows: Sequence[Sequence[Any]]
) -> Write:
    """PostgreSQL: all the rows as one JSON document that the server turns back into typed
    rows (json_to_recordset). One parameter whatever the number of rows, a statement text
    that does not change with it (so it is prepared once per connection), and one C-speed
    json.dumps instead of adapting every value in Python. UUIDs, dates and aware datetimes
    travel in their ISO text form, which their column types read back exactly."""
    columns = [field.column for field in _fields(model, attnames)]
    document = json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=str)
    return Write(_recordset_insert_sql(model, attnames), [document])


def rows_insert_writes(
    model: type[models.Model], attnames: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[Write]:
    """The INSERTs of the rows (values in `attnames` order): one on PostgreSQL, as few as
    SQLite's parameter limit allows there. Defaults, `auto_now` and signals are not
    applied: pass every value the row needs."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return [_recordset_insert(model, tuple(attnames), rows)]
    fields = _fields(model, tuple(attnames))
    batch_size = max(1, _max_params() // len(fields))
    columns = tuple(field.column for field in fields)
    writes = []
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        params = [
            field.get_db_prep_save(value, connection)
            for row in batch
            for field, value in zip(fields, row, strict=True)
        ]
        sql = _insert_sql(connection.vendor, model._meta.db_table, columns, len(batch))
        writes.append(Write(sql, params))
    return writes


def writes_execute(writes: Sequence[Write]) -> None:
    """Run the writes. On PostgreSQL, as many as the parameter limit allows go as one
    statement, each but the last a data-modifying WITH query: one round trip and one plan
    instead of one each. So they must not depend on one another: each sees the tables as
    they were before the statement (foreign keys are checked at commit). SQLite has no
    data-modifying WITH: there they run one by one."""
    groups: list[list[Write]] = []
    if connection.vendor == "postgresql":
        for write in writes:
            group = groups[-1] if groups else None
            if group and sum(len(w.params) for w in group) + len(write.params) <= _max_params():
                group.append(write)
            else:
                groups.append([write])
    else:
        groups = [[write] for write in writes]
    with connection.cursor() as cursor:
        for group in groups:
            *first, last = group
            prefix = ", ".join(f"write_{n} AS ({w.sql})" for n, w in enumerate(first))
            sql = f"WITH {prefix} {last.sql}" if first else last.sql
            cursor.execute(sql, [param for w in group for param in w.params])


def writes_execute_if(guard: Write, inserts: Sequence[Write]) -> tuple[Any, ...] | None:
    """PostgreSQL only: one statement that runs `guard` (a data-modifying statement with
    RETURNING) and the `inserts` (from rows_insert_writes) only if the guard returned a
    row. Answers that row, or None when the guard matched nothing and nothing was
    written. One round trip, and outside a transaction no BEGIN or COMMIT either: a
    statement is atomic on its own."""
    assert connection.vendor == "postgresql"
    guarded = [
        f"write_{n} AS ({w.sql} WHERE EXISTS (SELECT FROM guard))" for n, w in enumerate(inserts)
    ]
    sql = f"WITH {', '.join([f'guard AS ({guard.sql})', *guarded])} SELECT * FROM guard"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*guard.params, *(p for w in inserts for p in w.params)])
        row = cursor.fetchone()
    return None if row is None else tuple(row)


@functools.lru_cache(maxsize=64)
def _select_plan(
    database: BaseDatabaseWrapper, model: type[models.Model], attnames: tuple[str, ...]
) -> tuple[str, tuple[tuple[Any, tuple[Any, ...]], ...]]:
    """The column list and, per column, the converters the ORM would apply to its value
    (SQLite hands back UUIDs, dates and booleans as text and integers, JSON as text).
    Cached per connection object, as the converters are its methods."""
    quote = database.ops.quote_name
    table = model._meta.db_table
    fields = _fields(model, attnames)
    plan = []
    for field in fields:
        column = field.get_col(table)
        converters = (
            *database.ops.get_db_converters(column),
            *column.get_db_converters(database),
        )
        plan.append((column, tuple(converters)))
    columns = ", ".join(f"{quote(table)}.{quote(field.column)}" for field in fields)
    return columns, tuple(plan)


def rows_select(
    model: type[models.Model], attnames: Sequence[str], where: str, params: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """SELECT the named fields of the rows matching `where` (SQL over the table's column
    names, with %s placeholders for `params` made by `rows_param`), converted to Python
    values as the ORM's values_list would give them."""
    database = connections[DEFAULT_DB_ALIAS]
    columns, plan = _select_plan(database, model, tuple(attnames))
    table = database.ops.quote_name(model._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE {where}"  # noqa: S608 (names are the model's)
    with database.cursor() as cursor:
        cursor.execute(sql, params)
        raw_rows = cursor.fetchall()
    rows = []
    for raw in raw_rows:
        values = []
        for value, (column, converters) in zip(raw, plan, strict=True):
            for converter in converters:
                value = converter(value, column, database)
            values.append(value)
        rows.append(tuple(values))
    return rows


def rows_param(model: type[models.Model], attname: str, value: Any) -> Any:
    """A value as a query parameter compared with the field's column."""
    (field,) = _fields(model, (attname,))
    return field.get_db_prep_value(value, connection)
