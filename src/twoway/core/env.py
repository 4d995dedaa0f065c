"""Typed readers for settings that come from environment variables.

Every reader fails fast with ``ImproperlyConfigured`` and a message naming the variable, so a
typo in a deploy's environment stops the process at start-up instead of misbehaving later.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_DURATION_PART = re.compile(r"(\d+)\s*(w|d|h|m|s)", re.IGNORECASE)
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_duration(raw: str) -> timedelta:
    """Parse ``14d``, ``36h``, ``90m``, ``5s``, ``1d12h`` or a bare number of seconds."""
    text = raw.strip().replace(" ", "")
    if not text:
        raise ValueError("empty duration")
    if text.isdigit():
        return timedelta(seconds=int(text))
    position = 0
    seconds = 0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            raise ValueError(f"unexpected text in duration {raw!r}")
        seconds += int(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        position = match.end()
    if position != len(text):
        raise ValueError(f"unexpected text in duration {raw!r}")
    return timedelta(seconds=seconds)


def env_duration(name: str, default: str, *, minimum: timedelta | None = None) -> timedelta:
    raw = os.environ.get(name, default)
    try:
        value = parse_duration(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be a duration such as 14d, 36h, 90m, 5s or 1d12h; got {raw!r}"
        ) from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {raw!r}")
    return value
