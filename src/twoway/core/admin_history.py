"""An audit trail rendered inside admin pages, so operators see how a record came to be."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from twoway.core.models import AuditEvent


def history_table(targets: Iterable[models.Model], limit: int = 100) -> SafeString:
    condition = Q()
    for target in targets:
        condition |= Q(target_type=target._meta.label_lower, target_id=target.pk)
    if not condition:
        return format_html("<p>{}</p>", "No history.")
    events = list(
        AuditEvent.objects.filter(condition)
        .select_related("actor")
        .order_by("created_at", "id")[:limit]
    )
    if not events:
        return format_html("<p>{}</p>", "No history.")
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
        (
            (
                f"{event.created_at:%Y-%m-%d %H:%M:%S}",
                event.actor.username if event.actor else "system",
                event.action,
                f"{event.target_type}#{event.target_id}",
                _changes(event),
            )
            for event in events
        ),
    )
    return format_html(
        "<table><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Record</th>"
        "<th>Change</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )


def _changes(event: AuditEvent) -> str:
    before = event.before or {}
    after = event.after or {}
    keys = [k for k in after if before.get(k) != after.get(k)] or list(after)
    parts = []
    for key in keys[:8]:
        value = str(after.get(key))
        if len(value) > 80:
            value = value[:77] + "…"
        parts.append(
            f"{key}: {before.get(key, '—')} → {value}" if key in before else f"{key}={value}"
        )
    return "; ".join(parts)
