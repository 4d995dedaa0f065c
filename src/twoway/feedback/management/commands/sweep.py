"""``twoway sweep``: record reveals that fell due, send reminders, refresh search's success
scores, and email notifications.

Reads never wait for this (visibility is computed from stored facts and the clock); the sweep
makes the side effects happen: aggregates, "feedback revealed" notices, reminders. Safe to run
several at once: every piece of work is claimed with a conditional update or SKIP LOCKED.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from twoway.feedback.services import reminders_send_due, reveals_process_due
from twoway.notifications.services import notifications_deliver_pending
from twoway.reputation.services import reputation_baselines_refresh, success_scores_refresh

BATCH_SIZE = 500
# Search's success scores: each batch is one transaction holding SQLite's write lock.
SUCCESS_BATCH = 200


class Command(BaseCommand):
    help = "Record due reveals, send reminders and pending email (once, or --loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep sweeping until stopped.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between sweeps with --loop (default: SWEEP_INTERVAL).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Reveals claimed per transaction (default: {BATCH_SIZE}). Smaller batches "
            "hold row locks for less time and spread the work over more sweepers.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = max(1, options["batch_size"])
        if not options["loop"]:
            self.stdout.write(self._summary(sweep_once(batch_size=batch_size)))
            return
        interval = options["interval"] or settings.SWEEP_INTERVAL.total_seconds()
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            close_old_connections()
            try:
                counts = sweep_once(batch_size=batch_size)
                if any(counts.values()):
                    self.stdout.write(self._summary(counts))
            except Exception as exc:  # keep the worker alive; the next sweep retries
                self.stderr.write(f"sweep failed: {exc!r}")
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(min(0.25, interval))
                slept += 0.25

    @staticmethod
    def _summary(counts: dict[str, int]) -> str:
        return ", ".join(f"{name}: {value}" for name, value in counts.items())


def _drain(work: Callable[..., int], batch_size: int) -> int:
    """Run ``work`` batch after batch (each its own transaction) until a batch is short."""
    done = 0
    while True:
        batch = work(limit=batch_size)
        done += batch
        if batch < batch_size:
            return done


def sweep_once(*, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    counts = {
        "revealed": _drain(reveals_process_due, batch_size),
        "reminders": reminders_send_due(limit=batch_size),
        "success scores": _drain(success_scores_refresh, SUCCESS_BATCH),
        "emails": notifications_deliver_pending(),
    }
    reputation_baselines_refresh()  # every few minutes; not a count worth printing
    return counts
