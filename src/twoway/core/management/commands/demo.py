"""``twoway demo``: load two years of realistic marketplace history, then print the logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from twoway.core import demo
from twoway.core.console import command_console
from twoway.core.demo.plan import Event

LOGIN_URL = "http://127.0.0.1:8000/login/"


class Command(BaseCommand):
    help = (
        "Load realistic demo data (about 70 people, 170 jobs and two years of proposals, "
        "contracts, payments and two-way feedback) and print the demo logins. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        console = command_console(self.stdout)
        if demo.is_loaded():
            console.print("[bold]Demo data already loaded.[/bold] Nothing to do.")
            self._print_logins(console)
            return
        started = time.monotonic()
        plan = demo.plan_demo()
        events = plan.timeline()
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        with progress:
            task = progress.add_task("Generating two years of history", total=len(events))

            def advance(event: Event) -> None:
                progress.update(
                    task, advance=1, description=f"Generating history: {event.at:%b %Y}"
                )

            demo.execute(plan, on_event=advance)
            progress.update(task, description="Generated two years of history")
        summary = demo.summarise(plan)
        states = summary.contract_states
        fates = summary.proposal_fates
        console.print(
            f"Loaded {summary.people} people, {summary.jobs} jobs ({summary.open_jobs} open), "
            f"{summary.proposals} proposals ({fates.get('pending', 0)} pending, "
            f"{fates.get('hired', 0)} hired, {fates.get('declined', 0)} declined, "
            f"{fates.get('withdrawn', 0)} withdrawn), {summary.contracts} contracts "
            f"({states.get('active', 0)} active, {states.get('window_open', 0)} ended with the "
            f"feedback window open, {states.get('window_closed', 0)} ended earlier) and "
            f"{summary.payments} payments (${summary.paid_cents / 100:,.0f}) "
            f"in {time.monotonic() - started:.1f} s."
        )
        feedback = summary.feedback
        reports = feedback.reports
        console.print(
            f"Feedback: {feedback.given} reviews (mean {feedback.mean_overall}): "
            f"{feedback.revealed_pairs} contracts reviewed by both sides, "
            f"{feedback.revealed_alone} by one side only (shown when the window closed), "
            f"{feedback.sealed} sealed while the other side can still answer, "
            f"{feedback.unreviewed} never reviewed; {feedback.responses} public responses, "
            f"{sum(reports.values())} reports ({reports.get('open', 0)} open, "
            f"{reports.get('upheld', 0)} upheld, {reports.get('dismissed', 0)} dismissed)."
        )
        self._print_logins(console)

    def _print_logins(self, console: Console) -> None:
        console.print()
        console.print(
            f"Log in at [bold]{LOGIN_URL}[/bold] as any of these people. "
            f"The password for every demo account is [bold]{demo.DEMO_PASSWORD}[/bold]"
        )
        table = Table()
        table.add_column("Username", style="bold", no_wrap=True)
        table.add_column("Who")
        table.add_column("What to look at")
        for login in demo.LOGINS:
            table.add_row(login.username, f"{login.who}: {login.name}", login.look_at)
        console.print(table)
