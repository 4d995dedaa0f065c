"""Template filters for money, counts and times as people read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils.timesince import timesince, timeuntil

from twoway.core import clock

register = template.Library()


@register.filter
def money(cents: Any) -> str:
    """12345 -> "$123.45"; 150000 -> "$1,500"."""
    if cents is None or cents == "":
        return "—"
    value = int(cents)
    sign = "-" if value < 0 else ""
    dollars, rest = divmod(abs(value), 100)
    if rest == 0:
        return f"{sign}${dollars:,}"
    return f"{sign}${dollars:,}.{rest:02d}"


@register.filter
def money_short(cents: Any) -> str:
    """Large sums rounded for summaries: 1234567 -> "$12K", 250000000 -> "$2.5M"."""
    if cents is None:
        return "—"
    dollars = int(cents) / 100
    if dollars >= 1_000_000:
        return f"${dollars / 1_000_000:.1f}M".replace(".0M", "M")
    if dollars >= 10_000:
        return f"${dollars / 1000:.0f}K"
    if dollars >= 1000:
        return f"${dollars / 1000:.1f}K".replace(".0K", "K")
    return money(cents)


@register.filter
def dollars(cents: Any) -> str:
    """Cents as a plain dollar amount for a form field: 150050 -> "1500.50"."""
    if cents is None or cents == "":
        return ""
    return f"{int(cents) / 100:.2f}"


@register.filter
def percent(value: Any) -> str:
    if value is None:
        return "—"
    return f"{float(value) * 100:.0f}%"


@register.filter
def ago(value: datetime | None) -> str:
    """ "3 days ago", measured on Twoway's clock."""
    if value is None:
        return ""
    now = clock.now()
    if value > now:
        return "just now"
    text = timesince(value, now, depth=1)
    return "just now" if text.startswith("0\xa0") else f"{text} ago"


@register.filter
def time_left(value: datetime | None) -> str:
    """ "2 days, 3 hours" until ``value`` on Twoway's clock; "" once it has passed."""
    if value is None:
        return ""
    now = clock.now()
    if value <= now:
        return ""
    return timeuntil(value, now, depth=2)


@register.filter
def is_past(value: datetime | None) -> bool:
    return value is not None and value <= clock.now()


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def hundredths(value: Any) -> str:
    """483 -> "4.83"."""
    if value is None:
        return "—"
    return f"{int(value) / 100:.2f}"


@register.filter
def signed_percent(value: Any) -> str:
    """0.82 -> "+82%"; -0.1 -> "-10%" (the success score runs from -100% to +100%)."""
    if value is None:
        return "—"
    number = float(value) * 100
    return f"{number:+.0f}%"
