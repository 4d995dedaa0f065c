"""``twoway reindex``: rebuild every full-text search document."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from twoway.search.index import reindex_all


class Command(BaseCommand):
    help = "Rebuild the full-text search documents of every freelancer and job."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            freelancers, jobs = reindex_all()
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {freelancers:,} freelancers and {jobs:,} jobs.")
        )
