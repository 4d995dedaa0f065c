"""``twoway serve``: the production server (gunicorn) with static files and the sweeper."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from twoway.wsgi import application

        return application


def _default_workers() -> int:
    return max(2, min(8, (os.cpu_count() or 1) * 2))


class Command(BaseCommand):
    help = "Serve Twoway with gunicorn (static files included) and run the feedback sweeper."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", 0)) or None,
            help="Worker processes (default: 2 per CPU core, 2 to 8).",
        )
        parser.add_argument("--threads", type=int, default=4, help="Threads per worker.")
        parser.add_argument("--no-sweeper", action="store_true", help="Do not run the sweeper.")
        parser.add_argument("--access-log", action="store_true", help="Log every request.")

    def handle(self, *args: Any, **options: Any) -> None:
        self._check_migrated()
        call_command("collectstatic", interactive=False, verbosity=0)
        workers = options["workers"] or _default_workers()
        bind = f"{options['host']}:{options['port']}"
        sweeper = None if options["no_sweeper"] else self._start_sweeper()
        self.stdout.write(
            self.style.SUCCESS(f"Twoway is serving on http://{bind} ")
            + f"({workers} workers x {options['threads']} threads; Ctrl-C stops it)"
        )
        try:
            _Gunicorn(
                {
                    "bind": bind,
                    "workers": workers,
                    "threads": options["threads"],
                    "worker_class": "gthread",
                    "preload_app": True,
                    "accesslog": "-" if options["access_log"] else None,
                    "errorlog": "-",
                    "loglevel": "warning",
                    "timeout": 60,
                    "graceful_timeout": 10,
                    "keepalive": 5,
                    "max_requests": 0,
                    "proc_name": "twoway",
                }
            ).run()
        finally:
            if sweeper is not None and sweeper.poll() is None:
                sweeper.send_signal(signal.SIGTERM)
                try:
                    sweeper.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    sweeper.kill()

    def _check_migrated(self) -> None:
        connection = connections["default"]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not migrated: run `twoway migrate` first.")
        connection.close()

    def _start_sweeper(self) -> subprocess.Popen[bytes] | None:
        if "twoway.feedback" not in settings.INSTALLED_APPS:
            return None
        return subprocess.Popen([sys.executable, "-m", "twoway.cli", "sweep", "--loop"])
