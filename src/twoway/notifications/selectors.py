from __future__ import annotations

from django.db.models import QuerySet

from twoway.accounts.models import User
from twoway.core.pagination import Page, keyset_page
from twoway.notifications.models import Notification


def _inbox(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related(
        "contract", "contract__client", "contract__freelancer"
    )


def notification_list(
    *, user: User, cursor: str | None = None, limit: int | None = None
) -> Page[Notification]:
    """The person's notifications, newest first."""
    return keyset_page(_inbox(user), order=["-created_at", "-id"], cursor=cursor, limit=limit)


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
