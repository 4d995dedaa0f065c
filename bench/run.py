"""`twoway bench`: start the production server on the configured database, drive load with
wrk from a separate process on 127.0.0.1, and report per endpoint throughput, p50, p99 and
errors beside a baseline (a trivial JSON view on the same server) measured in the same run."""

from __future__ import annotations

import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from bench import scenarios, wrk
from twoway.accounts.models import User
from twoway.feedback.models import Feedback

RESULTS = Path(__file__).resolve().parent / "results"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost")
    env.setdefault("SECRET_KEY", "bench-secret-key")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "twoway.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                wait_until_idle(process.pid)
                return process
        except OSError:
            time.sleep(0.25)
    stop_server(process)
    raise RuntimeError("the server did not start")


def group_cpu_seconds(group: int) -> float:
    """CPU time used so far by the processes of a process group (Linux's /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_idle(group: int, *, busy: float = 0.05, longest: float = 30.0) -> None:
    """Wait until the server's processes are idle: the sweeper starts beside gunicorn (Django
    and the theme model, about two seconds of CPU) and must not share the first measurement."""
    deadline = time.monotonic() + longest
    used = group_cpu_seconds(group)
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = group_cpu_seconds(group)
        if now - used < busy:
            return
        used = now


def stop_server(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def settle() -> None:
    """Do the sweeper's pending work (due reveals, reminders, the rating baseline) before the
    server starts, so its first pass does not run during the first measurement."""
    from twoway.feedback.management.commands.sweep import sweep_once

    sweep_once()


def database_label() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def run(
    *,
    seconds: float,
    connections: int,
    threads: int,
    workers: int,
    server_threads: int,
    only: list[str] | None,
    label: str,
    out: Path | None,
    log: Any = print,
) -> dict[str, Any]:
    rnd = random.Random(7)
    people = User.objects.count()
    feedback = Feedback.objects.count()
    log(f"Database: {database_label()}, {people:,} people, {feedback:,} feedback")
    settle()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, workers, server_threads)
    try:
        skills = scenarios.popular_skills()
        hot_reputation = scenarios.reputation(rnd)
        hot_jobs = scenarios.job_detail(rnd)
        cold_count = int(max(seconds, 1) * 600)
        chosen = [
            scenarios.baseline(),
            scenarios.reputation_cold(
                rnd,
                cold_count,
                exclude={int(r.path.split("/")[4]) for r in hot_reputation.requests},
            ),
            hot_reputation,
            scenarios.job_detail_cold(rnd, cold_count, exclude={r.path for r in hot_jobs.requests}),
            hot_jobs,
            scenarios.search_first_page(skills),
            scenarios.search_page_50(base, skills),
            scenarios.keyword(rnd),
        ]
        if only:
            chosen = [s for s in chosen if s.name in only or s.name == "baseline"]
        if not only or "submit-reveal" in only:
            chosen.append(scenarios.submissions(int(max(seconds, 1) * 700)))
        results = []
        baseline_throughput = None
        cold_rates: dict[str, float] = {}
        for scenario in chosen:
            if not scenario.requests:
                log(f"  {scenario.name}: no data to build requests from; skipped")
                continue
            if scenario.cycle:
                # Warm up connections, the database's pages and each worker's cache: long
                # enough, at the cold rate, for every worker to see each request about twice.
                cold = cold_rates.get(scenario.name, 0.0)
                warm = 2.0
                if cold:
                    warm = min(120.0, len(scenario.requests) * workers * 2 / cold)
                wrk.run(
                    base, scenario.requests, seconds=warm, connections=connections, threads=threads
                )
            result = wrk.run(
                base,
                scenario.requests,
                seconds=seconds,
                connections=connections,
                threads=threads,
                cycle=scenario.cycle,
            )
            if scenario.name.endswith("-cold"):
                cold_rates[scenario.name.removesuffix("-cold")] = result.throughput
            if scenario.name == "baseline":
                baseline_throughput = result.throughput
            ratio = result.throughput / baseline_throughput if baseline_throughput else None
            row = {
                "name": scenario.name,
                "description": scenario.description,
                "distinct_requests": len(scenario.requests),
                "requests": result.requests,
                "seconds": round(result.seconds, 2),
                "throughput": round(result.throughput, 1),
                "p50_ms": round(result.p50_ms, 2),
                "p99_ms": round(result.p99_ms, 2),
                "errors": result.errors,
                "vs_baseline": round(ratio, 3) if ratio is not None else None,
            }
            results.append(row)
            log(
                f"  {scenario.name:15} {row['throughput']:>8.1f}/s  p50 {row['p50_ms']:>7.2f} ms  "
                f"p99 {row['p99_ms']:>8.2f} ms  errors {row['errors']}  "
                + (f"({row['vs_baseline']:.0%} of baseline)" if ratio is not None else "")
            )
    finally:
        stop_server(server)
    report = {
        "label": label,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database_label(),
        "people": people,
        "feedback": feedback,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load": {"connections": connections, "wrk_threads": threads, "seconds": seconds},
        "server": {
            "workers": workers,
            "threads": server_threads,
            "database": settings.DATABASES["default"]["ENGINE"],
        },
        "results": results,
    }
    target = out or RESULTS / f"{label or database_label()}-{people}-{int(time.time())}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2))
    log(f"Report written to {target}")
    return report


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"{report['database']}, {report['people']:,} people, {report['feedback']:,} feedback; "
        f"{report['load']['connections']} connections, {report['load']['seconds']} s per endpoint; "
        f"server {report['server']['workers']} workers x {report['server']['threads']} threads",
        "",
        "| endpoint | requests/s | p50 ms | p99 ms | errors | vs baseline |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in report["results"]:
        ratio = f"{row['vs_baseline']:.0%}" if row["vs_baseline"] is not None else "—"
        lines.append(
            f"| {row['name']} | {row['throughput']:.0f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['errors']} | {ratio} |"
        )
    return "\n".join(lines)


__all__ = ["asdict", "markdown", "run"]
