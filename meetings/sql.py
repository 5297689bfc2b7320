"""The statements every request of the opening-minute rush sends, written once per process.

Two reads run on every signed-in request of the rush: the user with their focal point and its
delegation (``access.signed_in_user``), and the list inscribed on
(``speakers.selectors.public_list``). For both, building the ORM's query cost the portal more
than the database's answer, so each is a statement written once per process from the models'
fields (``columns``) and read back into the same instances as the ORM gives (``read_row``).
The one write of the rush, an inscription with its entry in the log, is one statement too
(``insert_linked``): on PostgreSQL it commits alone, without a transaction's ``BEGIN`` and
``COMMIT`` around two ``INSERT``s.

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
from contextlib import nullcontext
from functools import cache
from weakref import WeakKeyDictionary

from django.db import connections, router, transaction
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


def insert_linked(name: str, first, second, link: str, using: str | None = None) -> None:
    """Save the new instances ``first`` and ``second``, whose foreign key ``link`` is ``first``,
    as ``Model.save()`` would, in statement ``name``: on PostgreSQL one ``INSERT`` into a common
    table expression that inserts ``first`` (a statement commits alone; in a transaction, a
    savepoint keeps the caller's transaction usable when it fails, as ``atomic()`` does). Other
    databases save both in a transaction. Raises ``IntegrityError`` as ``save()`` does, and,
    like ``save()`` with signals turned off, sends no ``pre_save`` or ``post_save``: the caller
    does what a receiver would (a service gives the pages their new version).
    """
    using = using or router.db_for_write(type(first), instance=first)
    db = connections[using]
    if db.vendor != "postgresql":
        with transaction.atomic(using):
            first.save(using=using)
            setattr(second, link, first)
            second.save(using=using)
        return
    sql, fields = _inserting(type(first), type(second), link, using)
    values = [
        field.get_db_prep_save(field.pre_save(instance, add=True), connection=db)
        for instance, its_fields in zip((first, second), fields, strict=True)
        for field in its_fields
    ]
    with transaction.atomic(using) if db.in_atomic_block else nullcontext():
        with db.cursor() as cursor:
            _execute_prepared(cursor, name, sql, values)
            first.pk, second.pk = cursor.fetchone()
    setattr(second, link, first)
    for instance in (first, second):
        instance._state.adding, instance._state.db = False, using


@cache
def _inserting(first_model, second_model, link: str, using: str) -> tuple[str, tuple]:
    """The statement of ``insert_linked`` and the fields whose values it takes, in order."""
    quote = connections[using].ops.quote_name
    first_fields = _inserted_fields(first_model)
    link_field = second_model._meta.get_field(link)
    second_fields = [f for f in _inserted_fields(second_model) if f != link_field]
    first_pk = quote(first_model._meta.pk.column)
    # Names quoted from the models, values as parameters.
    sql = (
        f"WITH inserted AS ("  # noqa: S608
        f"INSERT INTO {quote(first_model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in first_fields)}) "
        f"VALUES ({', '.join(['%s'] * len(first_fields))}) RETURNING {first_pk}) "
        f"INSERT INTO {quote(second_model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in [*second_fields, link_field])}) "
        f"VALUES ({', '.join(['%s'] * len(second_fields))}, (SELECT {first_pk} FROM inserted)) "
        f"RETURNING {quote(link_field.column)}, {quote(second_model._meta.pk.column)}"
    )
    return sql, (first_fields, second_fields)


def _inserted_fields(model) -> list:
    """The columns an ``INSERT`` of a new ``model`` names: all but the generated ones and the
    primary key the database numbers."""
    opts = model._meta
    return [f for f in opts.local_concrete_fields if not f.generated and f is not opts.auto_field]


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
