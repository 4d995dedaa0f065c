from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from twoway.core.models import Skill

MAX_BUDGET_CENTS = 100_000_000  # $1,000,000
MAX_BID_CENTS = 100_000_000


class BudgetType(models.TextChoices):
    FIXED = "fixed", "Fixed price"
    HOURLY = "hourly", "Hourly"


class JobStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Job(models.Model):
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs_posted"
    )
    title = models.CharField(max_length=120)
    description = models.TextField()
    skills = models.ManyToManyField(Skill, blank=True, related_name="jobs")
    budget_type = models.CharField(max_length=10, choices=BudgetType.choices)
    budget_cents = models.BigIntegerField(
        help_text="The fixed price, or the top hourly rate, in cents."
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.OPEN)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_cents__gt=0, budget_cents__lte=MAX_BUDGET_CENTS),
                name="job_budget_in_range",
            ),
            models.CheckConstraint(
                condition=Q(budget_type__in=BudgetType.values), name="job_budget_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=JobStatus.OPEN, closed_at__isnull=True)
                | Q(status=JobStatus.CLOSED, closed_at__isnull=False),
                name="job_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="job_status_recent"),
            models.Index(fields=["client", "-created_at"], name="job_client_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == JobStatus.OPEN


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    HIRED = "hired", "Hired"


class Proposal(models.Model):
    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="proposals")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    cover_letter = models.TextField()
    bid_cents = models.BigIntegerField()
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "freelancer"], name="proposal_one_per_job"),
            models.CheckConstraint(
                condition=Q(bid_cents__gt=0, bid_cents__lte=MAX_BID_CENTS),
                name="proposal_bid_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="proposal_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["job", "-created_at", "-id"], name="proposal_job_recent"),
            models.Index(fields=["freelancer", "-created_at", "-id"], name="proposal_mine_recent"),
        ]

    def __str__(self) -> str:
        return f"Proposal by {self.freelancer} for {self.job}"
