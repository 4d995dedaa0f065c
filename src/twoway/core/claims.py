"""Claiming rows for work that must happen once: ``UPDATE … WHERE field IS NULL RETURNING id``.

A claim sets a "done at" column on the rows that do not have it yet and returns the ids it
set, in one statement, so two workers racing for the same rows (a submission and a sweeper,
two sweepers, two email deliverers) each get a disjoint share and nothing is done twice. Both
databases Twoway runs on have UPDATE … RETURNING (SQLite since 3.35, PostgreSQL always).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import connection, models, transaction


def claim(model: type[models.Model], ids: Iterable[int], field: str, at: datetime) -> set[int]:
    """Set ``field`` to ``at`` on the rows of ``ids`` where it is NULL; returns the ids set."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    meta = model._meta
    quote = connection.ops.quote_name
    target = meta.get_field(field)
    assert isinstance(target, models.Field)
    column = quote(target.column)
    marks = ", ".join(["%s"] * len(wanted))
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {column} = %s "  # noqa: S608 - names from the model
        f"WHERE {column} IS NULL AND {quote(meta.pk.column)} IN ({marks}) "
        f"RETURNING {quote(meta.pk.column)}"
    )
    # A transaction of its own when called outside one (email delivery after commit), so on
    # SQLite the claim queues for the write lock like every other write (core/sqlite).
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(at), *wanted])
        return {row[0] for row in cursor.fetchall()}
