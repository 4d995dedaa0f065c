"""Writing generated rows fast, into the tables Django created, on SQLite or PostgreSQL.

SQLite: ``executemany`` on the Django connection's sqlite3 handle, in one transaction, with
``synchronous=OFF``, foreign-key checks off and the rollback journal instead of WAL for the run
(on a fresh file the journal holds next to nothing). PostgreSQL: ``COPY ... FROM STDIN`` through
psycopg 3 (``write_row``), after ``TRUNCATE`` in the same transaction so ``COPY ... FREEZE``
writes rows already frozen (no vacuum pass later), with ``session_replication_role = replica``
when the role may (which skips the per-row feedback trigger and foreign-key triggers: the rows
are correct by construction, and the tests check them).

Both: secondary indexes (and the SQLite feedback triggers) are dropped before the load and
recreated from their own definitions (``sqlite_master`` / ``pg_indexes``) afterwards, which
is several times faster than maintaining them row by row; recreating the unique indexes
re-checks their uniqueness. Everything happens in one transaction: a failed run leaves the
database as it was.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

from twoway.search.backend import tier_lexeme_sql, tier_token_sql

DAY = 86_400


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _identity(seconds: int) -> int:
    return seconds


def timestamp_formatter(first: int, last: int, suffix: str) -> Callable[[int], str]:
    """Epoch seconds -> 'YYYY-MM-DD HH:MM:SS<suffix>', from two lookup tables (fast)."""
    first_day, last_day = first // DAY - 1, last // DAY + 1
    epoch = dt.date(1970, 1, 1)
    days = [
        (epoch + dt.timedelta(days=d)).isoformat() + " " for d in range(first_day, last_day + 1)
    ]
    clock = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{suffix}" for s in range(DAY)]

    def ts(seconds: int) -> str:
        day = seconds // DAY - first_day
        if 0 <= day < len(days):
            return days[day] + clock[seconds % DAY]
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        return moment.strftime("%Y-%m-%d %H:%M:%S") + suffix

    return ts


class Store:
    """The loader for the current database (``connection.vendor``)."""

    vendor = ""
    timestamp_suffix = ""
    search_before_indexes = False
    # Make rows in a forked child while this process writes them (and, on PostgreSQL, while
    # the server stores them): on two cores the three overlap.
    default_processes = 2 if (os.cpu_count() or 1) > 1 else 1

    def __init__(self) -> None:
        connection.ensure_connection()
        self.raw: Any = connection.connection
        self.dropped: list[tuple[str, str]] = []  # (name, definition), to recreate
        self.notes: list[str] = []  # what the run did to the database, for the summary

    @staticmethod
    def for_connection() -> Store:
        if connection.vendor == "postgresql":
            return PostgresStore()
        if connection.vendor == "sqlite":
            return SQLiteStore()
        raise RuntimeError(
            f"twoway generate supports SQLite and PostgreSQL, not {connection.vendor}"
        )

    def formatter(self, first: int, last: int) -> Callable[[int], Any]:
        """How rows carry times: epoch seconds -> what ``write`` expects."""
        return timestamp_formatter(first, last, self.timestamp_suffix)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)  # no params: "%" is an operator, not a placeholder
            return int(cursor.rowcount)

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        return row[0] if row else None

    def non_empty(self, tables: Iterable[str]) -> list[str]:
        return [
            table
            for table in tables
            if self.scalar(f"SELECT EXISTS (SELECT 1 FROM {_quote(table)})")  # noqa: S608
        ]

    # Per vendor ----------------------------------------------------------------------------

    def session_start(self) -> None:
        """Connection settings for the load (outside the transaction)."""

    def server_cpu_seconds(self) -> float | None:
        """CPU time of the database server process serving us (PostgreSQL on this host)."""
        return None

    def session_end(self) -> None:
        """Put the connection's settings back (outside the transaction)."""

    def clear(self, tables: Sequence[str]) -> None:
        raise NotImplementedError

    def drop_indexes(self, tables: Sequence[str]) -> None:
        raise NotImplementedError

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def recreate(self, progress: Callable[[str], None]) -> None:
        for name, definition in self.dropped:
            self.execute(definition)
            progress(name)
        self.dropped = []

    def reset_sequences(self, models: Sequence[type[Model]]) -> None:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            self.execute(sql)

    def analyze(self, tables: Sequence[str]) -> None:
        raise NotImplementedError

    def gen_table(self, name: str, columns: str, rows: list[tuple[Any, ...]], index: str) -> None:
        """A temporary helper table (dropped at the end of the run)."""
        self.execute(f"DROP TABLE IF EXISTS {name}")
        self.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")
        self.write(name, [c.split()[0] for c in columns.split(",")], rows)
        self.execute(f"CREATE INDEX {name}_key ON {name} ({index})")

    def insert_m2m_skills(self) -> tuple[int, int]:
        raise NotImplementedError

    def insert_search_documents(self) -> tuple[int, int]:
        raise NotImplementedError


class SQLiteStore(Store):
    vendor = "sqlite"
    search_before_indexes = False  # FTS5 reads skills through the recreated indexes

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[str, Any] = {}
        # Times travel as epoch seconds and SQLite formats them (datetime(?, 'unixepoch') gives
        # Django's 'YYYY-MM-DD HH:MM:SS'): cheaper in C than in Python, and smaller to pickle.
        self.datetime_columns: dict[str, set[str]] = {}
        for model in apps.get_models(include_auto_created=True):
            self.datetime_columns[model._meta.db_table] = {
                field.column
                for field in model._meta.concrete_fields
                if field.get_internal_type() == "DateTimeField"
            }

    def formatter(self, first: int, last: int) -> Callable[[int], Any]:
        return _identity

    def _pragma(self, name: str) -> Any:
        return self.raw.execute(f"PRAGMA {name}").fetchone()[0]

    def session_start(self) -> None:
        for name in ("foreign_keys", "synchronous", "journal_mode", "cache_size", "temp_store"):
            self.saved[name] = self._pragma(name)
        self.raw.execute("PRAGMA foreign_keys = OFF")
        self.raw.execute("PRAGMA synchronous = OFF")
        self.raw.execute("PRAGMA cache_size = -262144")  # 256 MiB
        self.raw.execute("PRAGMA temp_store = FILE")
        self.raw.execute("PRAGMA threads = 2")
        if str(self.saved["journal_mode"]).lower() == "wal":
            try:
                mode = self.raw.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            except Exception:  # another connection holds the file: keep WAL
                mode = "wal"
            if str(mode).lower() == "delete":
                self.notes.append("SQLite: rollback journal instead of WAL during the load")
        self.notes.append("SQLite: synchronous=OFF and foreign-key checks off during the load")

    def session_end(self) -> None:
        for name, value in self.saved.items():
            if name == "journal_mode":
                if str(value).lower() == "wal":
                    self.raw.execute("PRAGMA journal_mode = WAL")
                continue
            self.raw.execute(f"PRAGMA {name} = {int(value)}")
        self.saved = {}

    def clear(self, tables: Sequence[str]) -> None:
        for table in tables:
            self.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608
        for table in tables:
            self.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])

    def drop_indexes(self, tables: Sequence[str]) -> None:
        marks = ", ".join("?" * len(tables))
        found = self.raw.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "  # noqa: S608
            f"AND sql IS NOT NULL AND tbl_name IN ({marks}) ORDER BY type, name",
            list(tables),
        ).fetchall()
        for kind, name, sql in found:
            self.raw.execute(f"DROP {kind.upper()} {_quote(name)}")
            self.dropped.append((name, sql))
        indexes = sum(1 for kind, _, _ in found if kind == "index")
        triggers = len(found) - indexes
        self.notes.append(
            f"SQLite: dropped {indexes} secondary indexes and {triggers} triggers before the "
            "load and recreated them after"
        )

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Many rows per INSERT (up to 50, within SQLite's 32,766 parameters): two to three
        times faster than one row per statement, which re-opens the table and its indexes."""
        if not rows:
            return
        per = max(1, min(50, 32_766 // len(columns)))
        head = f"INSERT INTO {_quote(table)} ({', '.join(_quote(c) for c in columns)}) VALUES "  # noqa: S608
        times = self.datetime_columns.get(table, set())
        marks = ("datetime(?, 'unixepoch')" if column in times else "?" for column in columns)
        one = f"({', '.join(marks)})"
        whole = len(rows) // per * per
        if whole:
            chain = itertools.chain.from_iterable
            self.raw.executemany(
                head + ", ".join([one] * per),
                (list(chain(rows[i : i + per])) for i in range(0, whole, per)),
            )
        if whole < len(rows):
            self.raw.executemany(head + one, rows[whole:])

    def analyze(self, tables: Sequence[str]) -> None:
        self.execute("PRAGMA analysis_limit = 1000")
        for table in tables:
            self.execute(f"ANALYZE {_quote(table)}")

    def insert_m2m_skills(self) -> tuple[int, int]:
        # CROSS JOIN: SQLite keeps the big table outside and looks the small one up.
        jobs = self.execute(
            "INSERT INTO jobs_job_skills (job_id, skill_id) "
            "SELECT j.id, g.skill_id FROM jobs_job j CROSS JOIN gen_job_skill g "
            "ON g.title = j.title AND g.variant = j.id % 4"
        )
        freelancers = self.execute(
            "INSERT INTO accounts_freelancerprofile_skills (freelancerprofile_id, skill_id) "
            "SELECT p.user_id, g.skill_id FROM accounts_freelancerprofile p "
            "CROSS JOIN gen_freelancer_skill g ON g.title = p.title AND g.variant = p.user_id % 5"
        )
        return jobs, freelancers

    def insert_search_documents(self) -> tuple[int, int]:
        # The same text backend.index() stores: title, skill names (by name) and body.
        self.execute(
            "INSERT INTO search_freelancer (rowid, title, skills, body, tier) "  # noqa: S608
            "SELECT p.user_id, p.title, coalesce(("
            "  SELECT group_concat(name, ' ') FROM ("
            "    SELECT k.name FROM accounts_freelancerprofile_skills ps "
            "    JOIN core_skill k ON k.id = ps.skill_id "
            "    WHERE ps.freelancerprofile_id = p.user_id ORDER BY k.name)), ''), p.overview, "
            f"{tier_token_sql('p.sort_ranking')} "
            "FROM accounts_freelancerprofile p"
        )
        self.execute(
            "INSERT INTO search_job (rowid, title, skills, body) "
            "SELECT j.id, j.title, coalesce(("
            "  SELECT group_concat(name, ' ') FROM ("
            "    SELECT k.name FROM jobs_job_skills js JOIN core_skill k ON k.id = js.skill_id "
            "    WHERE js.job_id = j.id ORDER BY k.name)), ''), j.description "
            "FROM jobs_job j WHERE j.status = 'open'"
        )
        return (
            int(self.scalar("SELECT count(*) FROM search_freelancer")),
            int(self.scalar("SELECT count(*) FROM search_job")),
        )


class PostgresStore(Store):
    vendor = "postgresql"
    timestamp_suffix = "+00"
    search_before_indexes = True  # build the GIN indexes once, after the documents

    def __init__(self) -> None:
        super().__init__()
        self.freeze = False
        self.replica = False

    def server_cpu_seconds(self) -> float | None:
        try:
            pid = int(self.scalar("SELECT pg_backend_pid()"))
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):  # another host, or no /proc
            return None

    def session_start(self) -> None:
        self.replica = bool(
            self.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        )
        if self.replica:
            self.execute("SET session_replication_role = replica")
            self.notes.append(
                "PostgreSQL: session_replication_role = replica during the load (the "
                "feedback_parties trigger and foreign-key triggers do not fire)"
            )
        self.execute("SET synchronous_commit = off")
        self.execute("SET maintenance_work_mem = '1GB'")
        self.execute("SET work_mem = '256MB'")

    def session_end(self) -> None:
        for name in ("session_replication_role", "synchronous_commit", "maintenance_work_mem"):
            self.execute(f"RESET {name}")
        self.execute("RESET work_mem")

    def clear(self, tables: Sequence[str]) -> None:
        self.execute(f"TRUNCATE {', '.join(_quote(t) for t in tables)}")
        self.freeze = True
        self.notes.append("PostgreSQL: TRUNCATE and COPY ... FREEZE (rows written frozen)")

    def drop_indexes(self, tables: Sequence[str]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT ic.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_class tc ON tc.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = tc.relnamespace
                WHERE n.nspname = current_schema() AND tc.relname = ANY(%s)
                  AND NOT EXISTS (
                    SELECT 1 FROM pg_constraint c
                    WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
                  )
                ORDER BY tc.relname, ic.relname
                """,
                [list(tables)],
            )
            found = cursor.fetchall()
            # Unique constraints too (no foreign key leans on them: those use primary keys);
            # adding them back builds each index in one sort and re-checks uniqueness.
            cursor.execute(
                """
                SELECT c.conname, tc.relname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                JOIN pg_class tc ON tc.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = tc.relnamespace
                WHERE n.nspname = current_schema() AND tc.relname = ANY(%s) AND c.contype = 'u'
                  AND NOT EXISTS (
                    SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid
                  )
                ORDER BY tc.relname, c.conname
                """,
                [list(tables)],
            )
            unique = cursor.fetchall()
        for name, definition in found:
            self.execute(f"DROP INDEX {_quote(name)}")
            self.dropped.append((name, definition))
        for name, table, definition in unique:
            self.execute(f"ALTER TABLE {_quote(table)} DROP CONSTRAINT {_quote(name)}")
            self.dropped.append(
                (name, f"ALTER TABLE {_quote(table)} ADD CONSTRAINT {_quote(name)} {definition}")
            )
        self.notes.append(
            f"PostgreSQL: dropped {len(found)} secondary indexes and {len(unique)} unique "
            "constraints before the load and added them back after (primary keys stay)"
        )

    def write(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        freeze = " WITH (FREEZE)" if self.freeze and not table.startswith("gen_") else ""
        sql = f"COPY {_quote(table)} ({', '.join(_quote(c) for c in columns)}) FROM STDIN{freeze}"
        with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
            write_row = copy.write_row
            for row in rows:
                write_row(row)

    def analyze(self, tables: Sequence[str]) -> None:
        for table in tables:
            self.execute(f"ANALYZE {_quote(table)}")

    def insert_m2m_skills(self) -> tuple[int, int]:
        jobs = self.execute(
            "INSERT INTO jobs_job_skills (job_id, skill_id) "
            "SELECT j.id, g.skill_id FROM jobs_job j JOIN gen_job_skill g "
            "ON g.title = j.title AND g.variant = j.id % 4"
        )
        freelancers = self.execute(
            "INSERT INTO accounts_freelancerprofile_skills (freelancerprofile_id, skill_id) "
            "SELECT p.user_id, g.skill_id FROM accounts_freelancerprofile p "
            "JOIN gen_freelancer_skill g ON g.title = p.title AND g.variant = p.user_id % 5"
        )
        return jobs, freelancers

    # The document backend.index() writes, computed once per distinct (title, skills, body):
    # generated profiles and jobs share their words, and to_tsvector is the expensive part.
    _DOCUMENT = (
        "setweight(to_tsvector('english', title), 'A') "
        "|| setweight(to_tsvector('english', skills), 'A') "
        "|| setweight(to_tsvector('english', body), 'B')"
    )

    def insert_search_documents(self) -> tuple[int, int]:
        self.execute(
            f"""
            WITH docs AS MATERIALIZED (
                SELECT p.user_id AS id, p.title, coalesce(s.names, '') AS skills,
                       p.overview AS body, {tier_lexeme_sql("p.sort_ranking")} AS tier
                FROM accounts_freelancerprofile p
                LEFT JOIN (
                    SELECT ps.freelancerprofile_id AS id,
                           string_agg(k.name, ' ' ORDER BY k.name) AS names
                    FROM accounts_freelancerprofile_skills ps
                    JOIN core_skill k ON k.id = ps.skill_id
                    GROUP BY ps.freelancerprofile_id
                ) s ON s.id = p.user_id
            ), vectors AS (
                SELECT title, skills, body, {self._DOCUMENT} AS document
                FROM (SELECT DISTINCT title, skills, body FROM docs) d
            )
            INSERT INTO search_freelancer (id, document)
            SELECT docs.id, vectors.document || docs.tier
            FROM docs JOIN vectors USING (title, skills, body)
            ORDER BY docs.id
            """  # noqa: S608 - constants only
        )
        self.execute(
            f"""
            WITH docs AS MATERIALIZED (
                SELECT j.id, j.title, coalesce(s.names, '') AS skills, j.description AS body
                FROM jobs_job j
                LEFT JOIN (
                    SELECT js.job_id AS id, string_agg(k.name, ' ' ORDER BY k.name) AS names
                    FROM jobs_job_skills js
                    JOIN core_skill k ON k.id = js.skill_id
                    JOIN jobs_job o ON o.id = js.job_id AND o.status = 'open'
                    GROUP BY js.job_id
                ) s ON s.id = j.id
                WHERE j.status = 'open'
            ), vectors AS (
                SELECT title, skills, body, {self._DOCUMENT} AS document
                FROM (SELECT DISTINCT title, skills, body FROM docs) d
            )
            INSERT INTO search_job (id, document)
            SELECT docs.id, vectors.document
            FROM docs JOIN vectors USING (title, skills, body)
            ORDER BY docs.id
            """  # noqa: S608 - constants only
        )
        return (
            int(self.scalar("SELECT count(*) FROM search_freelancer")),
            int(self.scalar("SELECT count(*) FROM search_job")),
        )
