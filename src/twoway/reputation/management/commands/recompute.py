"""``twoway recompute``: rebuild every stored reputation from the feedback rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from twoway.feedback.services import reveals_process_due
from twoway.reputation.services import counted_feedback, reputation_recompute


class Command(BaseCommand):
    help = "Rebuild all stored reputations from scratch (safe to run at any time)."

    def handle(self, *args: Any, **options: Any) -> None:
        while reveals_process_due(limit=1000) == 1000:  # count reveals that fell due first
            pass
        total = counted_feedback().count()
        with Progress(
            TextColumn("Recomputing reputations"),
            BarColumn(),
            TextColumn("{task.completed:,}/{task.total:,} feedback"),
            TimeElapsedColumn(),
        ) as progress:
            task = progress.add_task("recompute", total=total)
            rows = reputation_recompute(progress=lambda n: progress.advance(task, n))
            progress.update(task, completed=total)
        self.stdout.write(
            self.style.SUCCESS(f"Rebuilt {rows:,} reputations from {total:,} feedback.")
        )
