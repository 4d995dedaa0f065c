"""Full-text search with the database's own index: SQLite FTS5 or PostgreSQL tsvector + GIN.

Two small tables hold one document per freelancer and per job, written by the services in the
same transaction as the profile or job they describe. Queries come back as SQL fragments the
selectors plug into ordinary querysets, so keyword search combines with every other filter,
sort and keyset pagination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

TABLES = {"freelancer": "search_freelancer", "job": "search_job"}


def terms(text: str) -> list[str]:
    """The words of a query, lower-cased; punctuation and search syntax are dropped."""
    return [word.lower() for word in _WORD.findall(text.replace("\x00", " "))][:MAX_TERMS]


def _vendor() -> str:
    return connection.vendor


def index(kind: str, key: int, *, title: str, body: str, skills: list[str]) -> None:
    """Write (or replace) the search document of a freelancer or a job."""
    table = TABLES[kind]
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute(
                f"""
                INSERT INTO {table} (id, document) VALUES (
                    %s,
                    setweight(to_tsvector('english', %s), 'A')
                    || setweight(to_tsvector('english', %s), 'A')
                    || setweight(to_tsvector('english', %s), 'B')
                )
                ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document
                """,  # noqa: S608 - table names are constants
                [key, title, " ".join(skills), body],
            )
        else:
            cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [key])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {table} (rowid, title, skills, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [key, title, " ".join(skills), body],
            )


def unindex(kind: str, key: int) -> None:
    table = TABLES[kind]
    column = "id" if _vendor() == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [key])  # noqa: S608


@dataclass(frozen=True)
class Match:
    """SQL for "ids matching the query" and "relevance of row <outer id>" (higher is better)."""

    ids_sql: str
    ids_params: list[object]
    rank_sql: str
    rank_params: list[object]
    # SQLite only: rank by joining the FTS table once (``join_where`` in the outer query's
    # WHERE with ``ids_params``, ``joined_rank_sql`` as the relevance). A correlated MATCH per
    # row, as ``rank_sql`` does, costs a whole prefix scan of the index for every match.
    table: str = ""
    join_where: tuple[str, ...] = ()
    joined_rank_sql: str = ""


def match(kind: str, words: list[str], outer_id: str) -> Match | None:
    """SQL fragments for a keyword query; None when the query has no words.

    ``outer_id`` is the qualified id column of the outer query (for the correlated rank).
    All words must match (AND), each also as a prefix ("djan" finds "Django").
    """
    if not words:
        return None
    table = TABLES[kind]
    if _vendor() == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        return Match(
            ids_sql=f"SELECT id FROM {table} WHERE document @@ to_tsquery('english', %s)",  # noqa: S608
            ids_params=[tsquery],
            rank_sql=(
                f"SELECT ts_rank_cd(document, to_tsquery('english', %s))::float8 FROM {table} "  # noqa: S608
                f"WHERE {table}.id = {outer_id}"
            ),
            rank_params=[tsquery],
        )
    fts = " ".join(f'"{word}"*' for word in words)
    return Match(
        ids_sql=f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608
        ids_params=[fts],
        # bm25() is lower for better matches; negate it so "higher is better" holds everywhere.
        rank_sql=(
            f"SELECT -bm25({table}, 4.0, 3.0, 1.0) FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s AND {table}.rowid = {outer_id}"
        ),
        rank_params=[fts],
        table=table,
        join_where=(f"{table}.rowid = {outer_id}", f"{table} MATCH %s"),
        joined_rank_sql=f"-bm25({table}, 4.0, 3.0, 1.0)",
    )
