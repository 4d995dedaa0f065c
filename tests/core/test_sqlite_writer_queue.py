"""SQLite transactions queue for the write lock on a file lock (twoway.core.sqlite)."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from twoway.core.sqlite.base import DatabaseWrapper, lock_path

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the writer queue is SQLite's"
)


def wrapper(path: Path, alias: str) -> DatabaseWrapper:
    settings = {**connection.settings_dict, "NAME": str(path), "TEST": {}}
    return DatabaseWrapper(settings, alias=alias)


def lock_is_free(database: Path) -> bool:
    fd = os.open(lock_path(str(database)), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing lets go of a lock this probe took
    return True


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker: Any) -> Any:
    # These tests open their own connections to their own files, not the test database.
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "queue.sqlite3"
    setup = wrapper(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    return path


def test_a_second_writer_waits_for_the_first_and_goes_on_the_moment_it_commits(
    database: Path,
) -> None:
    first = wrapper(database, "first")
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with first.cursor() as cursor:
        cursor.execute("UPDATE counter SET n = n + 1")
    started = threading.Event()
    done: dict[str, Any] = {}

    def write() -> None:
        second = wrapper(database, "second")  # a connection belongs to its thread
        started.set()
        second.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        done["began"] = time.monotonic()
        with second.cursor() as cursor:
            cursor.execute("UPDATE counter SET n = n * 10")
        second.commit()
        second.set_autocommit(True)
        second.close()

    thread = threading.Thread(target=write)
    thread.start()
    started.wait()
    time.sleep(0.3)
    assert "began" not in done
    assert not lock_is_free(database)  # the first writer holds the queue's lock
    first.commit()
    first.set_autocommit(True)
    thread.join(timeout=5)
    assert "began" in done
    assert lock_is_free(database)  # and every writer let go of it
    with first.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (10,)  # (0 + 1) * 10: one after the other
    first.close()
    assert Path(lock_path(str(database))).exists()


def test_a_rollback_and_a_failed_begin_release_the_queue(database: Path) -> None:
    first, second = wrapper(database, "first"), wrapper(database, "second")
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    first.rollback()
    first.set_autocommit(True)
    assert lock_is_free(database)
    second.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    second.commit()  # would block for ever if the rollback had kept the lock
    second.set_autocommit(True)
    first.close()
    second.close()


def test_closing_a_connection_mid_transaction_lets_the_next_writer_in(database: Path) -> None:
    first, second = wrapper(database, "first"), wrapper(database, "second")
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert not lock_is_free(database)
    first.close()
    assert lock_is_free(database)
    second.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    second.commit()
    second.set_autocommit(True)
    second.close()


def test_in_memory_databases_need_no_queue(tmp_path: Path) -> None:
    memory = DatabaseWrapper({**connection.settings_dict, "NAME": ":memory:"}, alias="mem")
    memory.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    memory.commit()
    memory.set_autocommit(True)
    assert memory._writer_fd is None
    memory.close()
