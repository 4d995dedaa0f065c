from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from twoway.jobs.models import BudgetType, Job, Proposal

MAX_PAYMENT_CENTS = 100_000_000  # $1,000,000 in one payment


class ContractStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class EndReason(models.TextChoices):
    COMPLETED = "completed", "The work is complete"
    CANCELLED = "cancelled", "Cancelled before completion"
    UNRESPONSIVE = "unresponsive", "The other party stopped responding"
    OTHER = "other", "Another reason"


class Contract(models.Model):
    """Work between exactly one client and one freelancer, made by hiring a proposal.

    Ending it opens the feedback window: ``feedback_window_closes_at`` is fixed at that moment
    from ``FEEDBACK_WINDOW``, so a later change of the setting never moves an open window.
    """

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="contracts")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="contract")
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_client"
    )
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contracts_as_freelancer"
    )
    title = models.CharField(max_length=120)
    budget_type = models.CharField(max_length=10, choices=BudgetType.choices)
    rate_cents = models.BigIntegerField(help_text="The agreed fixed price or hourly rate.")
    status = models.CharField(
        max_length=10, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    feedback_window_closes_at = models.DateTimeField(null=True, blank=True)
    total_paid_cents = models.BigIntegerField(
        default=0, help_text="Sum of the payments, kept in the same transaction as each payment."
    )
    reminder_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the parties who have not left feedback are reminded (fixed when the "
        "contract ends); cleared by the sweeper once it has reminded them.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(client=F("freelancer")), name="contract_parties_distinct"
            ),
            models.CheckConstraint(
                condition=Q(
                    status=ContractStatus.ACTIVE,
                    ended_at__isnull=True,
                    ended_by__isnull=True,
                    feedback_window_closes_at__isnull=True,
                )
                | Q(
                    status=ContractStatus.ENDED,
                    ended_at__isnull=False,
                    ended_by__isnull=False,
                    # Explicit: a NULL close would make the comparison below NULL, which a
                    # CHECK constraint lets through.
                    feedback_window_closes_at__isnull=False,
                    feedback_window_closes_at__gt=F("ended_at"),
                ),
                name="contract_end_consistent",
            ),
            models.CheckConstraint(
                condition=Q(ended_by__isnull=True)
                | Q(ended_by=F("client"))
                | Q(ended_by=F("freelancer")),
                name="contract_ended_by_party",
            ),
            models.CheckConstraint(
                condition=Q(total_paid_cents__gte=0), name="contract_total_paid_non_negative"
            ),
            models.CheckConstraint(condition=Q(rate_cents__gt=0), name="contract_rate_positive"),
            models.CheckConstraint(
                condition=Q(reminder_due_at__isnull=True) | Q(status=ContractStatus.ENDED),
                name="contract_reminder_when_ended",
            ),
        ]
        indexes = [
            models.Index(fields=["client", "-started_at", "-id"], name="contract_client_recent"),
            models.Index(
                fields=["freelancer", "-started_at", "-id"], name="contract_freelancer_recent"
            ),
            models.Index(
                fields=["status", "feedback_window_closes_at"], name="contract_window_close"
            ),
            # Only reminders still to send: the sweeper reads what is due, nothing else.
            models.Index(
                fields=["reminder_due_at"],
                condition=Q(reminder_due_at__isnull=False),
                name="contract_reminder_due",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_active(self) -> bool:
        return self.status == ContractStatus.ACTIVE

    def is_party(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in (self.client_id, self.freelancer_id)

    def other_party_id(self, user_id: int) -> int:
        return self.freelancer_id if user_id == self.client_id else self.client_id


class Payment(models.Model):
    """Money the client paid on a contract, in integer cents. Never edited or deleted."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="payments")
    amount_cents = models.BigIntegerField()
    memo = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0, amount_cents__lte=MAX_PAYMENT_CENTS),
                name="payment_amount_in_range",
            ),
        ]
        indexes = [models.Index(fields=["contract", "-created_at"], name="payment_contract_recent")]

    def __str__(self) -> str:
        return f"${self.amount_cents / 100:,.2f} on contract #{self.contract_id}"
