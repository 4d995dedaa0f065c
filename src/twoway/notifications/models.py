from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from twoway.contracts.models import Contract


class Kind(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", "Contract ended — leave feedback"
    FEEDBACK_LEFT = "feedback_left", "The other party left feedback"
    WINDOW_CLOSING = "window_closing", "Feedback window closing soon"
    FEEDBACK_REVEALED = "feedback_revealed", "Feedback revealed"
    FEEDBACK_REQUESTED = "feedback_requested", "Asked to leave feedback"
    RESPONSE_POSTED = "response_posted", "Response to your feedback"


# Kinds that happen at most once per person and contract; the unique constraint makes the
# sweeper's reminders and reveal notices idempotent even when two sweepers race.
ONCE_PER_CONTRACT = [
    Kind.CONTRACT_ENDED,
    Kind.FEEDBACK_LEFT,
    Kind.WINDOW_CLOSING,
    Kind.FEEDBACK_REVEALED,
    Kind.RESPONSE_POSTED,
]


class Notification(models.Model):
    """Something a person should know. The text is made from ``kind`` and the contract at read
    time from fixed wording: a notification stores no feedback content, so it cannot leak any."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who caused it, when a person did.",
    )
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "contract", "kind"],
                condition=Q(kind__in=ONCE_PER_CONTRACT),
                name="notification_once_per_contract",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_inbox"),
            models.Index(
                fields=["created_at"],
                condition=Q(emailed_at__isnull=True),
                name="notification_unsent",
            ),
            models.Index(
                fields=["contract", "kind", "actor", "-created_at"], name="notification_nudges"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
