"""The reads every request of the opening-minute rush makes, in SQL written once per process.

Two reads run on every signed-in request of the rush: the user with their focal point and its
delegation (``access.signed_in_user``), and the list inscribed on
(``speakers.selectors.public_list``). For both, building the ORM's query cost the portal more
than the database's answer, so each is a statement written once per process from the models'
fields (``columns``) and read back into the same instances as the ORM gives (``read_row``).

PostgreSQL plans a statement each time it receives one, and for these joins planning costs
the server more than running them (three times as much with both cores busy in the rush). So
each is prepared once per database connection (``PREPARE``) and run by name (``EXECUTE``);
other databases receive the statement itself. The ``PREPARE`` belongs to the connection, as
the time zone Django sets on it does: it is not one of the queries of the request that first
needs it, so the query counts the tests hold do not depend on which test used a connection
first. A prepared statement outlives the transaction that prepared it and ends with its
connection (a pooler in front of PostgreSQL must keep sessions, as PgBouncer's "session"
mode does).
"""

import re
from functools import cache
from weakref import WeakKeyDictionary

from django.db import connections
from django.db.models.sql import Query
from django.utils.connection import ConnectionProxy

#: For each open connection (psycopg2's), the names of the statements prepared on it.
_prepared: WeakKeyDictionary = WeakKeyDictionary()


def columns(aliased_models, using: str) -> str:
    """The select list of the concrete fields of each ``(alias, model)``, in the models' order
    (the order ``read_row`` expects)."""
    quote = connections[using].ops.quote_name
    return ", ".join(
        f"{alias}.{quote(field.column)}"
        for alias, model in aliased_models
        for field in model._meta.concrete_fields
    )


def read_row(name: str, sql: str, params: list, models: tuple, using: str) -> list | None:
    """Run the statement ``name`` (``sql``, ``%s`` placeholders, selecting ``columns`` of
    ``models``) and return an instance of each model from its one row, None for a model an
    outer join did not find; None if there is no row."""
    db = connections[using]
    with db.cursor() as cursor:
        _execute_prepared(cursor, name, sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    compiler, converters, layout = _reading(models, using)
    if converters:
        (row,) = compiler.apply_converters([row], converters)
    instances = []
    for model, names, start, pk_at in layout:
        values = row[start : start + len(names)]
        instances.append(None if values[pk_at] is None else model.from_db(using, names, values))
    return instances


def _execute_prepared(cursor, name: str, sql: str, params: list) -> None:
    db = cursor.db
    if db.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    names = _prepared.setdefault(db.connection, set())
    if name not in names:
        numbers = iter(range(1, len(params) + 1))
        server_sql = re.sub("%[s%]", lambda m: f"${next(numbers)}" if m[0] == "%s" else "%", sql)
        with db.wrap_database_errors, db.connection.cursor() as setup:
            setup.execute(f"PREPARE {name} AS {server_sql}")
        names.add(name)
    cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(params))})", params)


@cache
def _reading(models, using) -> tuple:
    """Django's compiler and the converters it applies to the columns of ``models`` (SQLite's
    dates gain their time zone, for one), as ``raw()`` finds them, and where each model's
    fields and primary key stand in the row: once per process."""
    db = ConnectionProxy(connections, using)  # each thread's own connection
    compiler = db.ops.compiler("SQLCompiler")(Query(None), db, using)
    selected = [
        field.get_col(model._meta.db_table)
        for model in models
        for field in model._meta.concrete_fields
    ]
    layout, start = [], 0
    for model in models:
        names = [field.attname for field in model._meta.concrete_fields]
        layout.append((model, names, start, names.index(model._meta.pk.attname)))
        start += len(names)
    return compiler, compiler.get_converters(selected), layout
