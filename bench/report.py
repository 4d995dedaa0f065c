"""Turn bench/results/bench-<database>-<people>.json into the tables and the latency chart of
docs/benchmarks.md, and compare them with ab-before-<database>-<people>.json (the previous code
measured on the same database in the same session) where those exist.

    .venv/bin/python -m bench.report            # prints Markdown, writes docs/bench-latency.svg

No Django needed: it reads the JSON reports only.
"""

from __future__ import annotations

import json
import math
import sys
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CHART = ROOT / "docs" / "bench-latency.svg"
READS = ["reputation", "reputation-cold", "job", "job-cold", "search-p1", "search-p50"]
READS += ["search-keyword"]
COLOURS = {
    "reputation": "#1f6feb",
    "reputation-cold": "#8fb5f5",
    "job": "#b35900",
    "job-cold": "#e8a766",
    "search-p1": "#1a7f37",
    "search-p50": "#6cc788",
    "search-keyword": "#8250df",
}


def load(pattern: str = "bench-*.json") -> list[dict[str, Any]]:
    reports = []
    for path in sorted(RESULTS.glob(pattern)):
        report = json.loads(path.read_text())
        report["_rows"] = {row["name"]: row for row in report["results"]}
        reports.append(report)
    return sorted(reports, key=lambda r: (r["database"], r["people"]))


def tables(reports: list[dict[str, Any]]) -> str:
    out = []
    for report in reports:
        out.append(
            f"**{report['database']}, {report['people']:,} people, {report['feedback']:,} "
            f"feedback** — {report['load']['connections']} connections, "
            f"{report['load']['seconds']:g} s per endpoint, server "
            f"{report['server']['workers']} workers x {report['server']['threads']} threads, "
            f"{report['machine']['cores']} cores, measured {report['at']}"
        )
        out.append("")
        out.append("| endpoint | requests | requests/s | p50 ms | p99 ms | errors | vs baseline |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for row in report["results"]:
            ratio = f"{row['vs_baseline']:.0%}" if row["vs_baseline"] is not None else "—"
            out.append(
                f"| {row['name']} | {row['requests']:,} | {row['throughput']:,.0f} "
                f"| {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | {ratio} |"
            )
        out.append("")
    return "\n".join(out)


def growth(reports: list[dict[str, Any]]) -> str:
    """p50 at the largest size over p50 at the smallest, per database and read."""
    out = ["| database | endpoint | p50 small | p50 large | ratio (target ≤ 1.5) |"]
    out.append("|---|---|---:|---:|---:|")
    for database in sorted({r["database"] for r in reports}):
        mine = [r for r in reports if r["database"] == database]
        if len(mine) < 2:
            continue
        small, large = mine[0], mine[-1]
        for name in READS:
            a, b = small["_rows"].get(name), large["_rows"].get(name)
            if not a or not b:
                continue
            out.append(
                f"| {database} | {name} | {a['p50_ms']:.1f} ms ({small['people']:,}) "
                f"| {b['p50_ms']:.1f} ms ({large['people']:,}) | {b['p50_ms'] / a['p50_ms']:.2f} |"
            )
    return "\n".join(out)


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """Per endpoint, the previous code's figures beside the current code's, for each database
    and size measured both ways."""
    out = [
        "| database | endpoint | requests/s before → after | p50 ms before → after "
        "| p99 ms before → after | errors |"
    ]
    out.append("|---|---|---:|---:|---:|---:|")
    now = {(r["database"], r["people"]): r for r in after}
    for old in before:
        new = now.get((old["database"], old["people"]))
        if new is None:
            continue
        for row in old["results"]:
            current = new["_rows"].get(row["name"])
            if current is None:
                continue
            out.append(
                f"| {old['database']} {old['people']:,} | {row['name']} "
                f"| {row['throughput']:,.0f} → {current['throughput']:,.0f} "
                f"| {row['p50_ms']:.1f} → {current['p50_ms']:.1f} "
                f"| {row['p99_ms']:.1f} → {current['p99_ms']:.1f} "
                f"| {row['errors']} → {current['errors']} |"
            )
    return "\n".join(out)


def chart(reports: list[dict[str, Any]]) -> str:
    """p50 latency against people, log-log, one panel per database."""
    databases = sorted({r["database"] for r in reports})
    width, height, pad = 360, 260, 48
    total_width = width * len(databases) + 180
    sizes = sorted({r["people"] for r in reports})
    values = [
        row["p50_ms"]
        for r in reports
        for name, row in r["_rows"].items()
        if name in READS and row["p50_ms"] > 0
    ]
    if not sizes or not values:
        return ""
    y_low = 10 ** math.floor(math.log10(min(values)))
    y_high = 10 ** math.ceil(math.log10(max(values)))
    x_low, x_high = math.log10(min(sizes)), math.log10(max(sizes))
    if x_high == x_low:
        x_high = x_low + 1

    def x_at(people: int, panel: int) -> float:
        span = (math.log10(people) - x_low) / (x_high - x_low)
        return panel * width + pad + span * (width - 2 * pad)

    def y_at(ms: float) -> float:
        span = (math.log10(ms) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low))
        return height - pad - span * (height - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width}" height="{height}" '
        f'viewBox="0 0 {total_width} {height}" font-family="sans-serif" font-size="11" '
        'role="img" aria-labelledby="t d">',
        "<title id='t'>Median latency against the number of people</title>",
        "<desc id='d'>One panel per database; log scales; one line per endpoint. "
        "The tables in docs/benchmarks.md give every figure.</desc>",
        f'<rect width="{total_width}" height="{height}" fill="white"/>',
    ]
    for panel, database in enumerate(databases):
        left = panel * width + pad
        parts.append(
            f'<text x="{left}" y="18" font-size="13" font-weight="bold">'
            f"{escape(database)}: p50 ms</text>"
        )
        decade = y_low
        while decade <= y_high:
            y = y_at(decade)
            parts.append(
                f'<line x1="{left}" x2="{panel * width + width - pad}" y1="{y:.1f}" '
                f'y2="{y:.1f}" stroke="#ddd"/>'
                f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{decade:g}</text>'
            )
            decade *= 10
        for people in sizes:
            x = x_at(people, panel)
            label = f"{people // 1000:,}k" if people < 1_000_000 else f"{people / 1e6:g}M"
            parts.append(
                f'<text x="{x:.1f}" y="{height - pad + 16}" text-anchor="middle">{label}</text>'
            )
        parts.append(
            f'<text x="{panel * width + width / 2:.0f}" y="{height - 10}" '
            'text-anchor="middle">people (log scale)</text>'
        )
        mine = [r for r in reports if r["database"] == database]
        for name in READS:
            points = [
                (x_at(r["people"], panel), y_at(r["_rows"][name]["p50_ms"]))
                for r in mine
                if name in r["_rows"] and r["_rows"][name]["p50_ms"] > 0
            ]
            if not points:
                continue
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            colour = COLOURS[name]
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
            for x, y in points:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
    legend_x = width * len(databases) + 10
    for index, name in enumerate(READS):
        y = 40 + index * 18
        parts.append(
            f'<rect x="{legend_x}" y="{y - 9}" width="12" height="3" fill="{COLOURS[name]}"/>'
            f'<text x="{legend_x + 18}" y="{y}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def main() -> None:
    reports = load()
    if not reports:
        sys.exit("no bench/results/bench-*.json reports: run bench/suite.sh first")
    print(tables(reports))
    print(growth(reports))
    before = load("ab-before-*.json")
    if before:
        print()
        print(compare(before, reports))
    svg = chart(reports)
    if svg:
        CHART.write_text(svg + "\n")
        print(f"\n(chart written to {CHART.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
