"""The load soak: mixed reads and writes at a steady fraction of measured capacity.

1. Measure capacity: the mixed request list, as fast as the server answers, 8 connections.
2. Calibrate a per-connection pause so the rate settles near ``fraction`` of that capacity.
3. Run for ``minutes`` in windows of ``window`` seconds; after each window record throughput,
   p50, p99 and errors, and the resident memory of the server's whole process tree (gunicorn's
   master, its workers and the sweeper).

Reads: reputation, job with the client's record, freelancer search (skill + minimum score +
ranking, and keyword). Writes: payments on active contracts and edits of sealed feedback by its
author — both repeatable, so the list can cycle for minutes without running out.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import run as bench_run
from bench import scenarios, wrk
from bench.wrk import Request
from twoway.accounts.models import User
from twoway.contracts.models import Contract, ContractStatus
from twoway.core import clock
from twoway.feedback import rules
from twoway.feedback.models import Feedback

WRITES_SHARE = 0.2  # of all requests in the mixed list


def write_requests(rnd: random.Random, count: int) -> list[Request]:
    """Payments by clients on active contracts, and edits of sealed feedback by its author."""
    now = clock.now()
    active = list(
        Contract.objects.filter(status=ContractStatus.ACTIVE).values_list("pk", "client_id")[
            : count // 2
        ]
    )
    sealed = list(
        Feedback.objects.filter(
            revealed_at__isnull=True,
            reveals_at__gt=now + timedelta(hours=1),  # still sealed when the soak ends
            removed_at__isnull=True,
        ).values_list("contract_id", "author_id", "author_role")[: count // 2]
    )
    tokens = scenarios.bench_tokens({c for _, c in active} | {a for _, a, _ in sealed}, name="soak")
    requests = [
        Request(
            "POST",
            f"/api/v1/contracts/{pk}/payments",
            tokens[client],
            json.dumps({"amount_cents": rnd.randint(500, 50_000), "memo": "soak"}),
        )
        for pk, client in active
    ]
    for contract_id, author, role in sealed:
        body = {
            "ratings": {c: rnd.randint(3, 5) for c in rules.CRITERIA[role]},
            "comment": rnd.choice(
                [
                    "Solid work, clear updates, would hire again.",
                    "Good communication throughout and paid promptly.",
                    "Some delays, but the result was what we agreed.",
                ]
            ),
        }
        requests.append(
            Request(
                "PATCH",
                f"/api/v1/contracts/{contract_id}/feedback",
                tokens[author],
                json.dumps(body, separators=(",", ":")),
            )
        )
    return requests


def mixed_requests(rnd: random.Random) -> list[Request]:
    skills = scenarios.popular_skills()
    reads = (
        scenarios.reputation(rnd).requests
        + scenarios.job_detail(rnd).requests
        + scenarios.search_first_page(skills).requests * 20
        + scenarios.keyword(rnd).requests
    )
    writes = write_requests(rnd, int(len(reads) * WRITES_SHARE / (1 - WRITES_SHARE)))
    mixed = reads + writes
    rnd.shuffle(mixed)
    return mixed


def _tree_rss_mib(root_pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    total_kib = 0
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


def soak(
    *,
    minutes: float,
    window: float,
    fraction: float,
    connections: int,
    threads: int,
    workers: int,
    server_threads: int,
    out: Path | None,
    log: Any = print,
) -> dict[str, Any]:
    rnd = random.Random(11)
    people = User.objects.count()
    feedback = Feedback.objects.count()
    database = bench_run.database_label()
    log(f"Database: {database}, {people:,} people, {feedback:,} feedback")
    bench_run.settle()
    port = bench_run._free_port()
    base = f"http://127.0.0.1:{port}"
    server = bench_run.start_server(port, workers, server_threads)

    def load(seconds: float, delay_ms: int) -> wrk.WrkResult:
        return wrk.run(
            base,
            requests,
            seconds=seconds,
            connections=connections,
            threads=threads,
            delay_ms=delay_ms,
        )

    try:
        requests = mixed_requests(rnd)
        writes = sum(1 for r in requests if r.method != "GET")
        log(f"  {len(requests):,} distinct requests, {writes:,} of them writes")
        load(5, 0)  # warm-up
        capacity = load(20, 0)
        target = capacity.throughput * fraction
        log(
            f"  capacity {capacity.throughput:,.0f}/s (p99 {capacity.p99_ms:.1f} ms); "
            f"target {target:,.0f}/s"
        )
        # Closed loop: rate = connections / (pause + latency). Two calibration steps.
        delay_ms = max(1, round(connections / target * 1000 - capacity.p50_ms / 2))
        for _ in range(2):
            probe = load(8, delay_ms)
            delay_ms = max(1, round(delay_ms * probe.throughput / target))
        log(f"  pause per request on each connection: {delay_ms} ms")
        windows = []
        started = time.monotonic()
        index = 0
        while time.monotonic() - started < minutes * 60:
            result = load(window, delay_ms)
            rss = _tree_rss_mib(server.pid)
            index += 1
            row = {
                "window": index,
                "at_s": round(time.monotonic() - started),
                "throughput": round(result.throughput, 1),
                "p50_ms": round(result.p50_ms, 2),
                "p99_ms": round(result.p99_ms, 2),
                "errors": result.errors,
                "rss_mib": round(rss, 1),
            }
            windows.append(row)
            log(
                f"  window {index:>2} at {row['at_s']:>4} s: {row['throughput']:>7.1f}/s  "
                f"p50 {row['p50_ms']:>6.2f} ms  p99 {row['p99_ms']:>7.2f} ms  "
                f"errors {row['errors']}  server RSS {row['rss_mib']:,.0f} MiB"
            )
    finally:
        bench_run.stop_server(server)
    p99s = [w["p99_ms"] for w in windows]
    first_rss, last_rss = windows[0]["rss_mib"], windows[-1]["rss_mib"]
    summary = {
        "capacity_per_s": round(capacity.throughput, 1),
        "target_per_s": round(target, 1),
        "mean_rate_per_s": round(statistics.mean(w["throughput"] for w in windows), 1),
        "share_of_capacity": round(
            statistics.mean(w["throughput"] for w in windows) / capacity.throughput, 3
        ),
        "requests": round(sum(w["throughput"] * window for w in windows)),
        "errors": sum(w["errors"] for w in windows),
        "p99_median_ms": round(statistics.median(p99s), 2),
        "p99_max_ms": round(max(p99s), 2),
        "p99_first_ms": p99s[0],
        "p99_last_ms": p99s[-1],
        "rss_first_mib": first_rss,
        "rss_last_mib": last_rss,
        "rss_growth": round((last_rss - first_rss) / first_rss, 4) if first_rss else None,
    }
    report = {
        "label": "soak",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database,
        "people": people,
        "feedback": feedback,
        "machine": {"cores": os.cpu_count()},
        "load": {
            "connections": connections,
            "wrk_threads": threads,
            "minutes": minutes,
            "window_s": window,
            "fraction": fraction,
            "pause_ms": delay_ms,
            "distinct_requests": len(requests),
            "write_requests": writes,
        },
        "server": {"workers": workers, "threads": server_threads},
        "summary": summary,
        "windows": windows,
    }
    target_path = out or bench_run.RESULTS / f"soak-{database}-{people}-{int(time.time())}.json"
    target_path.parent.mkdir(parents=True, exist_ok=True)
    target_path.write_text(json.dumps(report, indent=2))
    log(f"Report written to {target_path}")
    return report


def markdown(report: dict[str, Any]) -> str:
    s = report["summary"]
    lines = [
        f"{report['database']}, {report['people']:,} people, {report['feedback']:,} feedback; "
        f"{report['load']['connections']} connections, {report['load']['minutes']} minutes; "
        f"capacity {s['capacity_per_s']:,.0f}/s, held at {s['mean_rate_per_s']:,.0f}/s "
        f"({s['share_of_capacity']:.0%}); {s['requests']:,} requests, errors {s['errors']}; "
        f"p99 median {s['p99_median_ms']} ms, max {s['p99_max_ms']} ms; server memory "
        f"{s['rss_first_mib']:,.0f} → {s['rss_last_mib']:,.0f} MiB "
        f"({s['rss_growth']:+.1%})",
        "",
        "| window | at s | requests/s | p50 ms | p99 ms | errors | server RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for w in report["windows"]:
        lines.append(
            f"| {w['window']} | {w['at_s']} | {w['throughput']:.0f} | {w['p50_ms']:.1f} "
            f"| {w['p99_ms']:.1f} | {w['errors']} | {w['rss_mib']:,.0f} |"
        )
    return "\n".join(lines)


__all__ = ["markdown", "soak"]
