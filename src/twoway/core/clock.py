"""The one clock. Every piece of Twoway that asks "what time is it?" calls ``now()``.

Tests move time with ``travel()``/``freeze()`` instead of sleeping, so window and reveal rules can
be exercised in milliseconds. Production never touches the offset.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from django.utils import timezone

_lock = threading.Lock()
_offset = timedelta(0)
_frozen: datetime | None = None


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    frozen = _frozen
    if frozen is not None:
        return frozen
    return timezone.now() + _offset


def travel(delta: timedelta) -> datetime:
    """Move the clock forward (or back) by ``delta``; returns the new now."""
    global _offset, _frozen
    with _lock:
        if _frozen is not None:
            _frozen = _frozen + delta
        else:
            _offset = _offset + delta
    return now()


def freeze(at: datetime | None = None) -> datetime:
    """Stop the clock at ``at`` (default: the current time)."""
    global _frozen
    with _lock:
        _frozen = at if at is not None else now()
    return _frozen


def reset() -> None:
    """Back to real time."""
    global _offset, _frozen
    with _lock:
        _offset = timedelta(0)
        _frozen = None
