from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from twoway.core.http import actor_of
from twoway.core.schemas import ERRORS, WRITE_ERRORS, Cursor
from twoway.notifications import selectors, services
from twoway.notifications.models import Notification
from twoway.notifications.texts import message_for

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    url: str
    contract_id: int
    created_at: datetime
    read_at: datetime | None


class NotificationList(Schema):
    items: list[NotificationOut]
    next: str | None
    unread: int


class PageParams(Schema):
    cursor: Cursor | None = None
    limit: int | None = None


def notification_out(notification: Notification) -> dict[str, Any]:
    message = message_for(notification)
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "subject": message.subject,
        "body": message.body,
        "url": message.url,
        "contract_id": notification.contract_id,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


@router.get("/notifications", response={200: NotificationList, **ERRORS})
def notification_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    """The caller's notifications, newest first. None carries feedback content."""
    actor = actor_of(request)
    page = selectors.notification_list(user=actor, **params.dict())
    return {
        "items": [notification_out(n) for n in page.items],
        "next": page.next,
        "unread": selectors.notification_unread_count(user=actor),
    }


@router.post(
    "/notifications/{notification_id}/read", response={200: NotificationOut, **WRITE_ERRORS}
)
def notification_read(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    notification = services.notification_mark_read(
        user=actor_of(request), notification_id=notification_id
    )
    return notification_out(notification)


class ReadAllOut(Schema):
    marked: int


@router.post("/notifications/read-all", response={200: ReadAllOut, **WRITE_ERRORS})
def notification_read_all(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.notifications_mark_all_read(user=actor_of(request))}
