"""``twoway abuse-scan``: look for rating rings across all contracts and flag them for operators.

Reveals already check the two people involved as they happen; this scan is the backstop (for
data loaded or reveals processed before the check existed) and is safe to run at any time, as
often as wanted: a flag changes only when it gains evidence. Operators review flags in the
admin (Reputation, then Ring flags).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from twoway.reputation.services import ring_flags_scan


class Command(BaseCommand):
    help = "Flag rating rings (tiny contracts, top ratings both ways, repeated) for operators."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = ring_flags_scan()
        found = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Found {found:,} ring(s): {counts['raised']:,} newly flagged, "
                f"{counts['updated']:,} with new evidence, {counts['reopened']:,} reopened, "
                f"{counts['unchanged']:,} unchanged."
            )
        )
