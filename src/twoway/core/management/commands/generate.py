"""``twoway generate --users N``: a large synthetic marketplace for benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from twoway.core.console import command_console
from twoway.core.generate import GenerateRefused, Options, Reporter, Result, generate


class _RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        rows = task.fields.get("rows", 0)
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed:
            return Text("")
        return Text(f"{rows:>11,} rows {rows / elapsed:>9,.0f}/s", style="cyan")


class _RichReporter(Reporter):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def start(self, phase: str, total: int | None) -> None:
        self.task = self.progress.add_task(phase, total=total, rows=0)

    def advance(self, done: int, rows: int) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            self.progress.update(self.task, advance=done, rows=task.fields["rows"] + rows)

    def finish(self) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            if task.total is not None:
                self.progress.update(self.task, completed=task.total)
            self.progress.stop_task(self.task)
        self.task = None


class Command(BaseCommand):
    help = (
        "Fill an EMPTY database with a large synthetic marketplace for benchmarks: about N "
        "people, 3.2 N contracts and 4.8 N feedback, written straight to the tables (bulk "
        "writes, not the services: no audit events or notifications per row)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, required=True, help="How many people.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch",
            type=int,
            default=20_000,
            help="Contracts (and people) per write batch (default 20,000).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            choices=(1, 2),
            default=0,
            help="2: make the rows in a forked second process while this one writes them "
            "(the default with two or more CPUs); 1: everything in this process.",
        )
        parser.add_argument(
            "--wipe",
            action="store_true",
            help="Delete ALL existing marketplace data (people, jobs, feedback...) first. "
            "Without it, generate refuses to touch a database that holds any.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = command_console(self.stdout)
        if options["users"] < 20:
            raise CommandError("--users must be at least 20.")
        progress = Progress(
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RowsPerSecond(),
            TimeElapsedColumn(),
            console=console,
        )
        try:
            with progress:
                result = generate(
                    Options(
                        users=options["users"],
                        seed=options["seed"],
                        batch=options["batch"],
                        wipe=options["wipe"],
                        processes=options["processes"],
                    ),
                    _RichReporter(progress),
                )
        except GenerateRefused as exc:
            raise CommandError(str(exc)) from exc
        self._summary(console, result)

    def _summary(self, console: Console, result: Result) -> None:
        phases = Table(title="Phases")
        phases.add_column("Phase")
        phases.add_column("Wall s", justify="right")
        phases.add_column("CPU s", justify="right")
        phases.add_column("Rows", justify="right")
        phases.add_column("Rows/s", justify="right")
        for phase in result.phases:
            rate = f"{phase.rows / phase.seconds:,.0f}" if phase.seconds and phase.rows else ""
            phases.add_row(
                phase.name,
                f"{phase.seconds:.1f}",
                f"{phase.cpu_seconds:.1f}",
                f"{phase.rows:,}",
                rate,
            )
        if result.producer_cpu_seconds:
            phases.add_row(
                "(row producer process)", "", f"{result.producer_cpu_seconds:.1f}", "", ""
            )
        if result.server_cpu_seconds is not None:
            phases.add_row("(PostgreSQL backend)", "", f"{result.server_cpu_seconds:.1f}", "", "")
        phases.add_row(
            "[bold]Total[/bold]",
            f"[bold]{result.seconds:.1f}[/bold]",
            f"{result.cpu_seconds + result.producer_cpu_seconds:.1f}",
            f"{result.rows:,}",
            f"{result.rows / result.seconds:,.0f}" if result.seconds else "",
        )
        console.print(phases)
        tables = Table(title="Rows per table")
        tables.add_column("Table")
        tables.add_column("Rows", justify="right")
        for table, count in sorted(result.counts.items()):
            tables.add_row(table, f"{count:,}")
        console.print(tables)
        s = result.stats
        feedback = s["feedback_revealed"] + s["feedback_sealed"]
        if feedback:
            console.print(
                f"Contracts: {s['contracts_active']:,} active, {s['contracts_window_open']:,} "
                f"ended with the feedback window open, {s['contracts_window_closed']:,} ended "
                f"and closed. Feedback: {s['feedback_revealed']:,} revealed, "
                f"{s['feedback_sealed']:,} sealed; mean overall "
                f"{s['feedback_overall_sum'] / feedback / 100:.2f}, "
                f"{s['feedback_overall_475'] / feedback:.0%} at 4.75 or above; "
                f"{s['responses']:,} responses, "
                f"{s['reports_open'] + s['reports_dismissed'] + s['reports_upheld']:,} reports "
                f"({s['feedback_removed']:,} feedback removed)."
            )
        memory = f"Peak memory (max RSS): {result.peak_rss_mib:,.0f} MiB"
        if result.producer_peak_rss_mib:
            memory += f"; row producer process {result.producer_peak_rss_mib:,.0f} MiB"
        console.print(memory + ".")
        for note in result.notes:
            console.print(f"- {note}")
        console.print(
            f"Every generated person signs in with the password [bold]{result.password}[/bold] "
            "(operators: operator1, operator2, operator3)."
        )
