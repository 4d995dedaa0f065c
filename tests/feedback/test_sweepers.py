"""Several ``twoway sweep`` processes at once on PostgreSQL reveal each feedback exactly once.

Real processes, not threads: four ``twoway sweep --loop`` workers (as on four machines) run
against a database of their own — a copy of the migrated test database, since subprocesses
cannot see a test's transaction — seeded with hundreds of sealed feedback. When every worker is
connected and polling, one UPDATE makes all the reveals due at the same instant, so the workers
race for them; ``SELECT … FOR UPDATE SKIP LOCKED`` shares the work out and the conditional
``UPDATE … WHERE revealed_at IS NULL`` is the backstop. Afterwards: one ``feedback.revealed``
audit event per feedback, one "feedback revealed" notification per party and contract, one email
per notification, and stored reputations equal to a rebuild (``twoway recompute``).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection, connections

from twoway.reputation.models import Reputation

pytestmark = [
    pytest.mark.live,
    # Makes the test database exist (migrated); it is copied as a template, never written to.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SKIP LOCKED sweepers are a PostgreSQL matter"
    ),
]

SWEEPERS = 3
CONTRACTS = 300  # every fifth with both sides' feedback: 360 reveals
BATCH = 40  # reveals per transaction: nine batches for three sweepers to share
PEOPLE = 40  # clients, and as many freelancers
APP_NAME = "twoway-sweeper-test"
ROOT = Path(__file__).resolve().parents[2]


def _conninfo(settings_dict: dict[str, Any], name: str) -> str:
    return psycopg.conninfo.make_conninfo(
        dbname=name,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        host=settings_dict["HOST"] or None,
        port=str(settings_dict["PORT"]) if settings_dict["PORT"] else None,
    )


def _url(settings_dict: dict[str, Any], name: str) -> str:
    auth = quote(settings_dict["USER"] or "", safe="")
    if settings_dict["PASSWORD"]:
        auth += ":" + quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{name}?application_name={APP_NAME}"


@pytest.fixture
def sweep_db(transactional_db: None, django_db_blocker: Any) -> Iterator[tuple[str, str]]:
    """A migrated database of this test's own: (its psycopg conninfo, its DATABASE_URL)."""
    settings_dict = dict(connections["default"].settings_dict)
    template = settings_dict["NAME"]
    name = f"{template}_sweepers_{os.getpid()}"
    admin = _conninfo(settings_dict, "postgres")
    with django_db_blocker.unblock():
        connections.close_all()  # a template database must have no other sessions
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for attempt in range(40):
            try:
                db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                break
            except psycopg.errors.ObjectInUse:
                if attempt == 39:
                    raise
                time.sleep(0.25)
    try:
        yield _conninfo(settings_dict, name), _url(settings_dict, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "twoway.settings",
        "DATABASE_URL": url,
        "DATABASE_REPLICA_URLS": "",
        "TWOWAY_DATA_DIR": str(data_dir),
        "SECRET_KEY": "sweepers-test-secret",
        "DEBUG": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }


def _wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)


def _reputations(db: psycopg.Connection[Any]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    cursor = db.execute("SELECT * FROM reputation_reputation")
    columns = [c.name for c in cursor.description or []]
    keep = [i for i, c in enumerate(columns) if c not in Reputation.BOOKKEEPING_FIELDS]
    key = (columns.index("user_id"), columns.index("role"))
    stored: dict[tuple[Any, ...], tuple[Any, ...]] = {
        (row[key[0]], row[key[1]]): tuple(row[i] for i in keep) for row in cursor.fetchall()
    }
    for user_id, *search_keys in db.execute(
        "SELECT user_id, review_count, sort_score, sort_ranking, success_score"
        " FROM accounts_freelancerprofile"
    ):
        stored[(user_id, "search")] = tuple(search_keys)
    return stored


def test_several_sweeper_processes_reveal_each_feedback_exactly_once(sweep_db, tmp_path):
    conninfo, url = sweep_db
    env = _env(url, tmp_path)
    seeded = subprocess.run(
        [sys.executable, "-m", "tests.feedback.sweepers_seed", str(CONTRACTS), str(PEOPLE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    total = int(seeded.stdout.strip().splitlines()[-1])
    assert total == CONTRACTS + CONTRACTS // 5

    logs = [tmp_path / f"sweeper{i}.log" for i in range(SWEEPERS)]
    handles = [log.open("w") for log in logs]
    workers = [
        subprocess.Popen(
            [
                *[sys.executable, "-m", "twoway.cli", "sweep", "--loop"],
                *["--interval", "0.2", "--batch-size", str(BATCH)],
            ],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        for handle in handles
    ]
    try:
        with psycopg.connect(conninfo, autocommit=True) as db:

            def connected() -> int:
                row = db.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND application_name = %s",
                    [APP_NAME],
                ).fetchone()
                return int(row[0]) if row else 0

            # Every worker is up and polling an empty queue...
            _wait_for(lambda: connected() == SWEEPERS, 60, "every sweeper to connect")
            for worker in workers:
                assert worker.poll() is None
            # ...when every reveal falls due at once.
            with db.transaction():
                db.execute(
                    "UPDATE contracts_contract SET feedback_window_closes_at = now()"
                    " WHERE feedback_window_closes_at > now()"
                )
                db.execute(
                    "UPDATE feedback_feedback f SET reveals_at = c.feedback_window_closes_at"
                    " FROM contracts_contract c WHERE c.id = f.contract_id"
                )

            def left() -> int:
                row = db.execute(
                    "SELECT (SELECT count(*) FROM feedback_feedback WHERE revealed_at IS NULL)"
                    " + (SELECT count(*) FROM notifications_notification"
                    "    WHERE emailed_at IS NULL)"
                ).fetchone()
                return int(row[0]) if row else -1

            _wait_for(lambda: left() == 0, 90, "every reveal and email to be processed")
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        for handle in handles:
            handle.close()

    outputs = [log.read_text() for log in logs]
    for output in outputs:
        assert "sweep failed" not in output, output[-3000:]
    # The workers shared the work, and together revealed every feedback once.
    revealed = [
        sum(int(n) for n in re.findall(r"^revealed: (\d+)", output, re.MULTILINE))
        for output in outputs
    ]
    assert sum(revealed) == total, revealed
    assert sum(1 for n in revealed if n) >= 2, revealed

    with psycopg.connect(conninfo, autocommit=True) as db:
        # One audit event per feedback.
        events: dict[int, int] = dict(
            db.execute(
                "SELECT target_id, count(*) FROM core_auditevent"
                " WHERE action = 'feedback.revealed' AND target_type = 'feedback.feedback'"
                " GROUP BY target_id"
            ).fetchall()
        )
        feedback_ids = {row[0] for row in db.execute("SELECT id FROM feedback_feedback")}
        assert set(events) == feedback_ids
        assert set(events.values()) == {1}
        # One notification per party and contract, each emailed once.
        notices = db.execute(
            "SELECT contract_id, user_id, count(*) FROM notifications_notification"
            " WHERE kind = 'feedback_revealed' GROUP BY contract_id, user_id"
        ).fetchall()
        assert len(notices) == 2 * CONTRACTS
        assert {count for _, _, count in notices} == {1}
        other = db.execute(
            "SELECT count(*) FROM notifications_notification WHERE kind <> 'feedback_revealed'"
        ).fetchone()
        assert other == (0,)
        emails = sum(len(re.findall(r"^Subject: ", output, re.MULTILINE)) for output in outputs)
        assert emails == 2 * CONTRACTS
        # The stored totals the workers built equal a rebuild from the feedback rows.
        incremental = _reputations(db)
    rebuilt = subprocess.run(
        [sys.executable, "-m", "twoway.cli", "recompute"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    with psycopg.connect(conninfo, autocommit=True) as db:
        assert _reputations(db) == incremental
        assert len(incremental) >= 2 * PEOPLE
