from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

from twoway.core import clock
from twoway.feedback import rules

register = template.Library()


@register.filter
def criterion_label(name: str) -> str:
    return rules.CRITERION_LABELS.get(name, name.replace("_", " ").capitalize())


@register.filter
def star_string(value: Any) -> str:
    """3 -> "★★★☆☆"; 4.83 -> "★★★★★" (rounded half up)."""
    stars = max(0, min(5, int(Decimal(str(value or 0)).quantize(Decimal("1"), ROUND_HALF_UP))))
    return "★" * stars + "☆" * (5 - stars)


@register.filter
def within_response_window(reveals_at: datetime | None) -> bool:
    return reveals_at is not None and rules.can_respond(reveals_at=reveals_at, now=clock.now())
