from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from twoway.contracts.models import Contract
from twoway.feedback import rules


class AuthorRole(models.TextChoices):
    CLIENT = rules.CLIENT, "Client"
    FREELANCER = rules.FREELANCER, "Freelancer"


class PrivateReason(models.TextChoices):
    COMPLETED = "completed", "The work was completed"
    CANCELLED = "cancelled", "The contract was cancelled"
    QUALITY = "quality", "Quality problems"
    COMMUNICATION = "communication", "Communication problems"
    PAYMENT = "payment", "Payment problems"
    SCOPE_CHANGE = "scope_change", "The scope changed"
    OTHER = "other", "Another reason"


def _stars(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5})


def _side_complete(role: str) -> Q:
    """For ``role``'s feedback, its criteria are all rated and the other side's are empty."""
    own = rules.CRITERIA[role]
    condition = Q(author_role=role)
    for name in rules.ALL_CRITERIA:
        condition &= Q(**{f"{name}__isnull": name not in own})
    return condition


class Feedback(models.Model):
    """One party's feedback on a contract: public stars and comment, and a private part.

    Sealed until ``reveals_at``: that time is the window's close, moved to the moment of the
    second submission when both parties have spoken. Whether a feedback is revealed is thus a
    pure function of stored facts and the clock (``rules.is_revealed``). ``revealed_at`` records
    when the reveal was processed (aggregates, notifications), by the second submission or by
    the sweeper; reads never depend on it.
    """

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_given"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_received"
    )
    author_role = models.CharField(max_length=10, choices=AuthorRole.choices)

    # Stars, 1-5. Each side rates six criteria; three of them are shared by both sides.
    skills = models.PositiveSmallIntegerField(null=True, blank=True)
    quality = models.PositiveSmallIntegerField(null=True, blank=True)
    availability = models.PositiveSmallIntegerField(null=True, blank=True)
    adherence_to_schedule = models.PositiveSmallIntegerField(null=True, blank=True)
    communication = models.PositiveSmallIntegerField(null=True, blank=True)
    cooperation = models.PositiveSmallIntegerField(null=True, blank=True)
    clarity_of_requirements = models.PositiveSmallIntegerField(null=True, blank=True)
    reasonable_deadlines = models.PositiveSmallIntegerField(null=True, blank=True)
    payment_promptness = models.PositiveSmallIntegerField(null=True, blank=True)
    overall = models.DecimalField(max_digits=3, decimal_places=2)
    comment = models.TextField(blank=True)

    # Private: never shown to the person rated nor the public.
    private_reason = models.CharField(max_length=20, choices=PrivateReason.choices)
    would_work_again = models.PositiveSmallIntegerField()
    private_note = models.TextField(blank=True)

    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    reveals_at = models.DateTimeField()
    revealed_at = models.DateTimeField(null=True, blank=True)

    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removal_note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "feedback"
        constraints = [
            models.UniqueConstraint(fields=["contract", "author"], name="feedback_one_per_author"),
            models.UniqueConstraint(
                fields=["contract", "author_role"], name="feedback_one_per_side"
            ),
            models.CheckConstraint(
                condition=~Q(author=F("subject")), name="feedback_not_about_oneself"
            ),
            models.CheckConstraint(
                condition=_side_complete(rules.CLIENT) | _side_complete(rules.FREELANCER),
                name="feedback_side_criteria",
            ),
            *[
                models.CheckConstraint(condition=_stars(name), name=f"feedback_{name}_stars")
                for name in rules.ALL_CRITERIA
            ],
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5), name="feedback_overall_range"
            ),
            models.CheckConstraint(
                condition=Q(overall__gte=rules.COMMENT_REQUIRED_BELOW) | ~Q(comment=""),
                name="feedback_low_score_has_comment",
            ),
            models.CheckConstraint(
                condition=Q(would_work_again__gte=0, would_work_again__lte=10),
                name="feedback_would_work_again_range",
            ),
            models.CheckConstraint(
                condition=Q(private_reason__in=PrivateReason.values),
                name="feedback_private_reason_valid",
            ),
            models.CheckConstraint(
                condition=Q(reveals_at__gte=F("submitted_at")), name="feedback_reveal_after_submit"
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | Q(removed_by__isnull=False),
                name="feedback_removal_has_operator",
            ),
        ]
        indexes = [
            # Public history and aggregates: revealed feedback about a person, newest first.
            models.Index(
                fields=["subject", "author_role", "-reveals_at", "-id"], name="feedback_about"
            ),
            models.Index(fields=["author", "-submitted_at"], name="feedback_by"),
            # The sweeper: reveals due but not yet processed.
            models.Index(
                fields=["reveals_at"],
                condition=Q(revealed_at__isnull=True),
                name="feedback_reveal_due",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback by {self.author_id} on contract #{self.contract_id}"

    @property
    def ratings(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in rules.CRITERIA[self.author_role]}

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    def is_revealed(self, now: datetime) -> bool:
        return rules.is_revealed(reveals_at=self.reveals_at, now=now)

    @property
    def subject_role(self) -> str:
        return rules.other_role(self.author_role)


class FeedbackResponse(models.Model):
    """The person rated answers a revealed feedback, once, publicly, within 30 days."""

    feedback = models.OneToOneField(Feedback, on_delete=models.PROTECT, related_name="response")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removal_note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="response_not_empty"),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | Q(removed_by__isnull=False),
                name="response_removal_has_operator",
            ),
        ]

    def __str__(self) -> str:
        return f"Response to feedback #{self.feedback_id}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class ReportReason(models.TextChoices):
    EXTORTION = "extortion", "Extortion (feedback traded for money or favours)"
    HARASSMENT = "harassment", "Harassment or abuse"
    OFF_PLATFORM = "off_platform", "Asks to work or pay off the platform"
    PRIVATE_INFORMATION = "private_information", "Reveals private information"
    IRRELEVANT = "irrelevant", "Not about the work"


class ReportTarget(models.TextChoices):
    FEEDBACK = "feedback", "Feedback"
    RESPONSE = "response", "Response"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    UPHELD = "upheld", "Upheld (content removed)"
    DISMISSED = "dismissed", "Dismissed"


class Report(models.Model):
    """Someone flags a revealed feedback or response for operators to review."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="reports")
    target = models.CharField(max_length=10, choices=ReportTarget.choices)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports_made"
    )
    reason = models.CharField(max_length=30, choices=ReportReason.choices)
    details = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution_note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "feedback", "target"],
                condition=Q(status="open"),
                name="report_one_open_per_reporter",
            ),
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | (~Q(status="open") & Q(resolved_at__isnull=False, resolved_by__isnull=False)),
                name="report_resolution_consistent",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="report_queue")]

    def __str__(self) -> str:
        return f"Report #{self.pk} ({self.get_reason_display()})"
