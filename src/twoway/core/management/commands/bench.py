"""``twoway bench``: the load benchmark. Its code lives in bench/ at the repository root."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Benchmark the API on the configured database with wrk (127.0.0.1 only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seconds", type=float, default=10, help="Per endpoint.")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--wrk-threads", type=int, default=2)
        parser.add_argument("--workers", type=int, default=4, help="Server worker processes.")
        parser.add_argument("--threads", type=int, default=2, help="Threads per server worker.")
        parser.add_argument(
            "--only", nargs="*", help="Endpoint names to run (baseline always runs)."
        )
        parser.add_argument("--label", default="")
        parser.add_argument("--out", type=Path)
        parser.add_argument(
            "--soak",
            type=float,
            metavar="MINUTES",
            help="Instead of the per-endpoint runs: a soak of mixed reads and writes for this "
            "many minutes at --fraction of the measured capacity.",
        )
        parser.add_argument("--fraction", type=float, default=0.7)
        parser.add_argument("--window", type=float, default=30, help="Soak window, seconds.")

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.BASE_DIR)
        if not (root / "bench" / "run.py").exists():
            raise CommandError("bench/ is not there: run twoway bench from a source checkout.")
        sys.path.insert(0, str(root))
        server = {
            "connections": options["connections"],
            "threads": options["wrk_threads"],
            "workers": options["workers"],
            "server_threads": options["threads"],
            "out": options["out"],
            "log": self.stdout.write,
        }
        if options["soak"]:
            from bench import soak

            soak_report = soak.soak(
                minutes=options["soak"],
                window=options["window"],
                fraction=options["fraction"],
                **server,
            )
            self.stdout.write("")
            self.stdout.write(soak.markdown(soak_report))
            return
        from bench.run import markdown, run

        report = run(
            seconds=options["seconds"],
            only=options["only"],
            label=options["label"],
            **server,
        )
        self.stdout.write("")
        self.stdout.write(markdown(report))
