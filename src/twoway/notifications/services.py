"""Creating and delivering notifications. Email goes out after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from twoway.accounts.models import User
from twoway.contracts.models import Contract
from twoway.core import claims, clock
from twoway.core.errors import NotFound
from twoway.notifications.models import ONCE_PER_CONTRACT, Kind, Notification
from twoway.notifications.texts import message_for

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(minutes=1)


def notify(
    *, user_ids: Iterable[int], kind: str, contract: Contract, actor: User | None = None
) -> list[Notification]:
    """Notify people about ``contract``; once-per-contract kinds are never duplicated."""
    at = clock.now()
    rows = [
        Notification(user_id=user_id, kind=kind, contract=contract, actor=actor, created_at=at)
        for user_id in user_ids
    ]
    if kind in ONCE_PER_CONTRACT:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        created = list(
            Notification.objects.filter(
                user_id__in=[r.user_id for r in rows], contract=contract, kind=kind, created_at=at
            )
        )
    else:
        created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: notifications_deliver(ids=ids), robust=True)
    return created


def notifications_deliver(*, ids: Iterable[int] | None = None, limit: int = 200) -> int:
    """Email notifications not yet emailed. They are claimed first, all in one conditional
    update, so two deliverers never send the same email twice. Returns how many were sent."""
    if ids is None:
        ids = (
            Notification.objects.filter(
                emailed_at__isnull=True, created_at__lte=clock.now() - RETRY_AFTER
            )
            .order_by("created_at")
            .values_list("pk", flat=True)[:limit]
        )
    claimed = claims.claim(Notification, list(ids)[:limit], "emailed_at", clock.now())
    if not claimed:
        return 0
    sent = 0
    for notification in (
        Notification.objects.filter(pk__in=claimed)
        .select_related("user", "contract", "contract__client", "contract__freelancer")
        .order_by("created_at", "pk")
    ):
        if not notification.user.email or not notification.user.is_active:
            continue
        message = message_for(notification)
        try:
            send_mail(
                subject=f"[Twoway] {message.subject}",
                message=f"{message.body}\n\n{settings.SITE_URL}{message.url}\n",
                from_email=None,
                recipient_list=[notification.user.email],
            )
            sent += 1
        except Exception:  # a mail server outage must not lose the notification
            logger.exception("email for notification %s failed; will retry", notification.pk)
            Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
    return sent


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        raise NotFound("No such notification.", code="notification_not_found")
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=clock.now())


__all__ = ["Kind", "notification_mark_read", "notifications_deliver", "notify"]
