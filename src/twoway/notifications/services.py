"""Creating and delivering notifications. Email goes out after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail

from twoway.accounts.models import User
from twoway.contracts.models import Contract
from twoway.core import claims, clock
from twoway.core.errors import NotFound
from twoway.notifications.models import ONCE_PER_CONTRACT, Kind, Notification
from twoway.notifications.texts import message_for

logger = logging.getLogger(__name__)


def notify(
    *, user_ids: Iterable[int], kind: str, contract: Contract, actor: User | None = None
) -> list[Notification]:
    """Notify people about ``contract``; once-per-contract kinds are never duplicated.

    The notification is the outbox: the sweeper emails it within SWEEP_INTERVAL
    (``notifications_deliver_pending``), so no request waits for a mail server.
    """
    at = clock.now()
    rows = [
        Notification(user_id=user_id, kind=kind, contract=contract, actor=actor, created_at=at)
        for user_id in user_ids
    ]
    if kind not in ONCE_PER_CONTRACT:
        return Notification.objects.bulk_create(rows)
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Notification.objects.filter(
            user_id__in=[r.user_id for r in rows], contract=contract, kind=kind, created_at=at
        )
    )


def notifications_deliver(*, ids: Iterable[int]) -> int:
    """Email these notifications, those not emailed yet; returns how many were sent.

    They are claimed first, all in one conditional update, so two deliverers never send the
    same email twice. A send that fails is given back (``emailed_at`` cleared) for a later
    pass; deactivated people and people without an address get no email.
    """
    return _deliver(list(ids))[1]


def notifications_deliver_pending(*, limit: int = 200) -> int:
    """Email every notification not emailed yet, oldest first, ``limit`` at a time: the
    sweeper's work on each pass. Stops early when a send fails (the mail server is down: the
    next pass tries again). Returns how many were sent."""
    sent = 0
    while True:
        pending = list(
            Notification.objects.filter(emailed_at__isnull=True)
            .order_by("created_at")
            .values_list("pk", flat=True)[:limit]
        )
        _, delivered, failed = _deliver(pending)
        sent += delivered
        if len(pending) < limit or failed:
            return sent


def _deliver(ids: list[int]) -> tuple[int, int, int]:
    """Claim and email ``ids``: (claimed, sent, failed)."""
    claimed = claims.claim(Notification, ids, "emailed_at", clock.now())
    if not claimed:
        return 0, 0, 0
    sent = failed = 0
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
            failed += 1
    return len(claimed), sent, failed


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


__all__ = [
    "Kind",
    "notification_mark_read",
    "notifications_deliver",
    "notifications_deliver_pending",
    "notify",
]
