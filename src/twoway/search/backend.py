"""Full-text search with the database's own index: SQLite FTS5 or PostgreSQL tsvector + GIN.

Two small tables hold one document per freelancer and per job, written by the services in the
same transaction as the profile or job they describe. Queries come back as SQL fragments the
selectors plug into ordinary querysets, so keyword search combines with every other filter,
sort and keyset pagination.

**Words.** Every word of a query must match (AND), in the title, the skills or the body, after
stemming ("developers" finds "developer"). A word that is a whole word somewhere in the index
matches whole words only ("java" does not find "JavaScript"); a word that is not (someone still
typing) matches as the start of one ("djan" finds "Django"). Which is which is looked up once per
word and cached for a few minutes.

**Ranking tiers** (a tiered index). Each freelancer's document also carries the band of their
ranking score (``TIER_FLOORS``; people without reviews are the last band), so the index can
answer "the matches among the best-ranked people" without reading every match. Relevance search
ranks a bounded candidate set drawn band by band from the best (``selectors``): a common word
matches a fifth of all freelancers at a million people, and ranking every match costs a
microsecond or more each. The band is rewritten when a reveal moves the ranking across a floor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

TABLES = {"freelancer": "search_freelancer", "job": "search_job"}

# Ranking bands, best first: band i holds ranking scores >= TIER_FLOORS[i] (and below the band
# before); the last band holds people without a ranking (no reviews: stored as -1).
TIER_FLOORS = (4.5, 4.0, 3.5, 3.0, 2.5, 2.0, 0.0)
TIERS = len(TIER_FLOORS) + 1
WORD_FACTS_SECONDS = 300

# SQLite: the text columns a query searches (the tier column is not text anyone typed).
_TEXT_COLUMNS = "{title skills body}"
# bm25 weights per column: title, skills, body, tier (the band is no evidence of relevance).
_BM25 = "bm25({table}, 4.0, 3.0, 1.0, 0.0)"
_BM25_JOB = "bm25({table}, 4.0, 3.0, 1.0)"


def terms(text: str) -> list[str]:
    """The words of a query, lower-cased; punctuation and search syntax are dropped."""
    return [word.lower() for word in _WORD.findall(text.replace("\x00", " "))][:MAX_TERMS]


def _vendor() -> str:
    return connection.vendor


def tier_of(ranking: float | None) -> int:
    """The band of a stored ranking score (``FreelancerProfile.sort_ranking``; -1: none)."""
    if ranking is not None and ranking >= 0:
        for tier, floor in enumerate(TIER_FLOORS):
            if ranking >= floor:
                return tier
    return TIERS - 1


def tier_sql(column: str) -> str:
    """``tier_of`` as an SQL expression over a ranking column."""
    cases = " ".join(f"WHEN {column} >= {floor!r} THEN {t}" for t, floor in enumerate(TIER_FLOORS))
    return f"(CASE {cases} ELSE {TIERS - 1} END)"


def _tier_lexeme(tier: int) -> str:
    # PostgreSQL: no query word reaches this lexeme ("~" never survives ``terms``).
    return f"~{tier}"


def _tier_token(tier: int) -> str:
    return f"t{tier}"


def tier_lexeme_sql(column: str) -> str:
    """PostgreSQL: the tsvector holding the band of a ranking column."""
    return f"('~' || {tier_sql(column)})::tsvector"


def tier_token_sql(column: str) -> str:
    """SQLite: the tier column's text for a ranking column."""
    return f"('t' || {tier_sql(column)})"


def index(
    kind: str, key: int, *, title: str, body: str, skills: list[str], tier: int | None = None
) -> None:
    """Write (or replace) the search document of a freelancer (with their band) or a job."""
    table = TABLES[kind]
    freelancer = kind == "freelancer"
    band = tier if tier is not None else TIERS - 1
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            tier_part = " || %s::tsvector" if freelancer else ""
            cursor.execute(
                f"""
                INSERT INTO {table} (id, document) VALUES (
                    %s,
                    setweight(to_tsvector('english', %s), 'A')
                    || setweight(to_tsvector('english', %s), 'A')
                    || setweight(to_tsvector('english', %s), 'B'){tier_part}
                )
                ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document
                """,  # noqa: S608 - table names are constants
                [key, title, " ".join(skills), body, *([_tier_lexeme(band)] if freelancer else [])],
            )
        else:
            cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [key])  # noqa: S608
            if freelancer:
                cursor.execute(
                    f"INSERT INTO {table} (rowid, title, skills, body, tier) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s, %s)",
                    [key, title, " ".join(skills), body, _tier_token(band)],
                )
            else:
                cursor.execute(
                    f"INSERT INTO {table} (rowid, title, skills, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                    [key, title, " ".join(skills), body],
                )


def retier(key: int, tier: int) -> None:
    """Move a freelancer's document to another ranking band; nothing is written when it is in
    that band already (the usual case: most reveals move a score within its band)."""
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute(
                "UPDATE search_freelancer SET document = ts_delete(document, %s::text[]) "
                "|| %s::tsvector WHERE id = %s AND NOT document @@ %s::tsquery",
                [
                    [_tier_lexeme(t) for t in range(TIERS)],
                    _tier_lexeme(tier),
                    key,
                    _tier_lexeme(tier),
                ],
            )
        else:
            cursor.execute(
                "UPDATE search_freelancer SET tier = %s WHERE rowid = %s AND tier != %s",
                [_tier_token(tier), key, _tier_token(tier)],
            )


def retier_all() -> None:
    """Put every freelancer's document in the band of their stored ranking (after a
    recompute rewrote the rankings in bulk). Only documents whose band changed are written."""
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute(
                "UPDATE search_freelancer s SET document = ts_delete(s.document, %s::text[]) "  # noqa: S608
                f"|| {tier_lexeme_sql('p.sort_ranking')} FROM accounts_freelancerprofile p "
                f"WHERE p.user_id = s.id AND NOT s.document @@ ('~' || "
                f"{tier_sql('p.sort_ranking')})::tsquery",
                [[_tier_lexeme(t) for t in range(TIERS)]],
            )
        else:
            band = (
                f"(SELECT {tier_token_sql('p.sort_ranking')} FROM accounts_freelancerprofile p "  # noqa: S608
                "WHERE p.user_id = search_freelancer.rowid)"
            )
            cursor.execute(
                f"UPDATE search_freelancer SET tier = {band} WHERE tier != {band}"  # noqa: S608
            )


def unindex(kind: str, key: int) -> None:
    table = TABLES[kind]
    column = "id" if _vendor() == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [key])  # noqa: S608


def whole_words(kind: str, words: list[str]) -> dict[str, bool]:
    """For each word, whether it is a whole (stemmed) word in the kind's index: one indexed
    probe per word not already known, remembered for WORD_FACTS_SECONDS."""
    table = TABLES[kind]
    keys = {word: f"search:word:{kind}:{word}" for word in words}
    known = cache.get_many(list(keys.values()))
    facts = {word: known[key] for word, key in keys.items() if key in known}
    for word in words:
        if word in facts:
            continue
        with connection.cursor() as cursor:
            if _vendor() == "postgresql":
                cursor.execute(
                    f"SELECT {table}_matches(to_tsquery('english', %s), 1)",
                    [word],
                )
            else:
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 FROM {table} "  # noqa: S608
                    f"WHERE {table} MATCH %s LIMIT 1)",
                    [f'{_TEXT_COLUMNS} : "{word}"'],
                )
            row = cursor.fetchone()
        facts[word] = bool(row and row[0])
        cache.set(keys[word], facts[word], WORD_FACTS_SECONDS)
    return facts


@dataclass(frozen=True)
class Match:
    """SQL for "ids matching the query" and "relevance of row <outer id>" (higher is better)."""

    ids_sql: str
    ids_params: list[str]
    rank_sql: str
    rank_params: list[str]
    # SQLite only: rank by joining the FTS table once (``join_where`` in the outer query's
    # WHERE with ``ids_params``, ``joined_rank_sql`` as the relevance). A correlated MATCH per
    # row, as ``rank_sql`` does, costs a whole prefix scan of the index for every match.
    table: str = ""
    join_where: tuple[str, ...] = ()
    joined_rank_sql: str = ""
    # The ids matching the query in one ranking band (freelancers only): ``tier_sql`` with
    # ``tier_params(band)``.
    tier_ids_sql: str = ""
    tier_query: str = ""
    # How many documents match, counted up to a bound (``ids_params`` and the bound): through
    # the index on both databases, stopping at the bound.
    count_sql: str = ""

    def tier_params(self, tier: int) -> list[str]:
        if _vendor() == "postgresql":
            return [self.tier_query, _tier_lexeme(tier)]
        return [f"{self.tier_query} AND tier : {_tier_token(tier)}"]

    def joined_params_within(self, bands: int) -> list[str]:
        """SQLite: ``ids_params`` restricted to the first ``bands`` ranking bands, so that a
        join driven by the text index reads only the matches in those bands."""
        tokens = " OR ".join(_tier_token(tier) for tier in range(bands))
        return [f"{self.tier_query} AND tier : ({tokens})"]


def match(kind: str, words: list[str], outer_id: str) -> Match | None:
    """SQL fragments for a keyword query; None when the query has no words.

    ``outer_id`` is the qualified id column of the outer query (for the correlated rank).
    All words must match (AND); see the module's docstring for whole words and prefixes.
    """
    if not words:
        return None
    table = TABLES[kind]
    whole = whole_words(kind, words)
    tiered = kind == "freelancer"
    if _vendor() == "postgresql":
        tsquery = " & ".join(word if whole[word] else f"{word}:*" for word in words)
        return Match(
            ids_sql=f"SELECT id FROM {table} WHERE document @@ to_tsquery('english', %s)",  # noqa: S608
            ids_params=[tsquery],
            rank_sql=(
                f"SELECT ts_rank_cd(document, to_tsquery('english', %s))::float8 FROM {table} "  # noqa: S608
                f"WHERE {table}.id = {outer_id}"
            ),
            rank_params=[tsquery],
            tier_ids_sql=(
                f"SELECT id FROM {table} WHERE document @@ "  # noqa: S608
                "(to_tsquery('english', %s) && %s::tsquery)"
            )
            if tiered
            else "",
            tier_query=tsquery,
            count_sql=f"SELECT {table}_matches(to_tsquery('english', %s), %s)",
        )
    fts = (
        f"{_TEXT_COLUMNS} : ("
        + " AND ".join(f'"{word}"' if whole[word] else f'"{word}"*' for word in words)
        + ")"
    )
    bm25 = (_BM25 if tiered else _BM25_JOB).format(table=table)
    return Match(
        ids_sql=f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608
        ids_params=[fts],
        # bm25() is lower for better matches; negate it so "higher is better" holds everywhere.
        rank_sql=(
            f"SELECT -{bm25} FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s AND {table}.rowid = {outer_id}"
        ),
        rank_params=[fts],
        table=table,
        join_where=(f"{table}.rowid = {outer_id}", f"{table} MATCH %s"),
        joined_rank_sql=f"-{bm25}",
        tier_ids_sql=f"SELECT rowid FROM {table} WHERE {table} MATCH %s" if tiered else "",  # noqa: S608
        tier_query=fts,
        count_sql=f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s)",  # noqa: S608
    )
