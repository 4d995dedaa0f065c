from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from twoway.notifications.selectors import notification_unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header badge, computed only if a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: notification_unread_count(user=user))}
