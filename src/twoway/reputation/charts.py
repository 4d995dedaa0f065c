"""Small server-rendered SVG charts: the star distribution and the score over time.

Plain SVG with presentation attributes (no scripts, no inline styles), each with a <title>
and <desc> for screen readers; the pages print the same numbers as text beside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from twoway.reputation.scoring import HistoryPoint

INK = "#334155"
MUTED = "#94a3b8"
GRID = "#e2e8f0"
STAR = "#f59e0b"
BRAND = "#0f766e"


def distribution_svg(
    distribution: Mapping[int, Decimal], *, label: str, key: str = ""
) -> SafeString:
    """Horizontal bars, 5 stars at the top."""
    width, bar_height, gap, left, right = 320, 18, 8, 56, 48
    total = sum(distribution.values()) or Decimal(1)
    height = 5 * (bar_height + gap)
    rows = []
    description = []
    for index, level in enumerate((5, 4, 3, 2, 1)):
        count = distribution.get(level, Decimal(0))
        share = float(count / total)
        y = index * (bar_height + gap)
        bar = max(0.0, (width - left - right) * share)
        rows.append(
            f'<text x="0" y="{y + 13}" fill="{INK}" font-size="12">{level} star{"s" if level > 1 else ""}</text>'
            f'<rect x="{left}" y="{y}" width="{width - left - right}" height="{bar_height}" rx="4" fill="{GRID}"/>'
            f'<rect x="{left}" y="{y}" width="{bar:.1f}" height="{bar_height}" rx="4" fill="{STAR}"/>'
            f'<text x="{width - right + 6}" y="{y + 13}" fill="{INK}" font-size="12">{share * 100:.0f}%</text>'
        )
        description.append(f"{level} stars: {count:.2f} reviews ({share * 100:.0f}%)")
    return mark_safe(  # noqa: S308 - every interpolated value is a number or escaped
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="dist-t{key} dist-d{key}">'
        f'<title id="dist-t{key}">{escape(label)}</title><desc id="dist-d{key}">{escape("; ".join(description))}</desc>'
        + "".join(rows)
        + "</svg>"
    )


def history_svg(points: Sequence[HistoryPoint], *, label: str, key: str = "") -> SafeString:
    """The feedback score after each review, on a 1-5 scale, oldest on the left."""
    scored = [p for p in points if p.score is not None]
    width, height, left, bottom, top, right = 480, 180, 32, 24, 10, 10
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(score: Decimal) -> float:
        return top + plot_h * (1 - (float(score) - 1) / 4)

    grid = []
    for level in (1, 2, 3, 4, 5):
        y = y_of(Decimal(level))
        grid.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" font-size="11">{level}</text>'
        )
    path = ""
    dots = []
    if scored:
        if len(scored) == 1:
            coords = [(left + plot_w / 2, y_of(scored[0].score))]  # type: ignore[arg-type]
        else:
            step = plot_w / (len(scored) - 1)
            coords = [(left + i * step, y_of(p.score)) for i, p in enumerate(scored)]  # type: ignore[arg-type]
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords)
        )
        x, y = coords[-1]
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BRAND}"/>')
        first, last = scored[0], scored[-1]
        if f"{first.at:%b %Y}" == f"{last.at:%b %Y}":
            dots.append(
                f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" fill="{MUTED}" font-size="11">{last.at:%b %Y}</text>'
            )
        else:
            dots.append(
                f'<text x="{left}" y="{height - 6}" fill="{MUTED}" font-size="11">{first.at:%b %Y}</text>'
                f'<text x="{width - right}" y="{height - 6}" text-anchor="end" fill="{MUTED}" font-size="11">{last.at:%b %Y}</text>'
            )
        description = (
            f"From {first.score} after the first review ({first.at:%b %Y}) to {last.score} "
            f"after {last.reviews} reviews ({last.at:%b %Y})."
        )
    else:
        description = "No score yet."
    line = (
        f'<path d="{path}" fill="none" stroke="{BRAND}" stroke-width="2.5" stroke-linejoin="round"/>'
        if path
        else ""
    )
    return mark_safe(  # noqa: S308 - every interpolated value is a number, a date or escaped
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="hist-t{key} hist-d{key}">'
        f'<title id="hist-t{key}">{escape(label)}</title><desc id="hist-d{key}">{escape(description)}</desc>'
        + "".join(grid)
        + line
        + "".join(dots)
        + "</svg>"
    )
