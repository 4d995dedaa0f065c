"""Django's SQLite backend with a queue in front of the write lock.

SQLite has one writer at a time. A connection that finds the write lock taken does not queue
for it: SQLite's busy handler makes it sleep and retry, with sleeps growing to 100 ms, so
under contention the lock sits idle while waiters sleep, and which one gets it next is luck.
With eight connections submitting feedback this wasted most of the lock's time (docs/
benchmarks.md, "Submissions").

Here every transaction (all of them begin with BEGIN IMMEDIATE, settings.py) first takes an
exclusive ``flock`` on a file beside the database and holds it until COMMIT or ROLLBACK. The
kernel wakes the next waiter the moment the holder lets go, in every process and thread (each
connection opens the file itself, and flock locks belong to the open file). Writes that do not
pass through a transaction (a single autocommit statement, another program on the database)
still meet SQLite's busy timeout, as before. A process that dies holding the lock loses it
with its files. In-memory databases (the tests') have one connection and need no queue.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base


def lock_path(database_name: str) -> str:
    return f"{database_name}-writer.lock"


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writer_fd: int | None = None
        self._writer_pid = 0
        self._writer_held = False

    def _writer_lock(self) -> int | None:
        if self.is_in_memory_db():
            return None
        if self._writer_fd is None or self._writer_pid != os.getpid():
            # Opened per connection and per process: a descriptor inherited across fork would
            # share its lock with the parent.
            path = lock_path(str(self.settings_dict["NAME"]))
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._writer_pid = os.getpid()
            self._writer_held = False
        return self._writer_fd

    def _release_writer(self) -> None:
        if self._writer_held and self._writer_fd is not None:
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)
        self._writer_held = False

    def _start_transaction_under_autocommit(self) -> None:
        fd = self._writer_lock()
        if fd is not None and not self._writer_held:
            fcntl.flock(fd, fcntl.LOCK_EX)  # blocks until the writer before us is done
            self._writer_held = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_writer()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None
