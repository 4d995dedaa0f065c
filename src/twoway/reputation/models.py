from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from twoway.reputation import scoring

CRITERIA_FIELDS = (
    "skills",
    "quality",
    "availability",
    "adherence_to_schedule",
    "communication",
    "cooperation",
    "clarity_of_requirements",
    "reasonable_deadlines",
    "payment_promptness",
)


class Role(models.TextChoices):
    CLIENT = scoring.CLIENT, "Client"
    FREELANCER = scoring.FREELANCER, "Freelancer"


class Reputation(models.Model):
    """Stored totals of a person's reputation in one role, kept in step with reveals and
    moderation in the same transaction, and rebuildable by ``twoway recompute``.

    Only revealed, non-removed feedback is ever added here: the totals cannot reveal a sealed
    feedback. ``feedback_score`` and ``ranking_score`` are derived from the totals and stored
    so search can filter and sort on an index.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reputations"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    review_count = models.IntegerField(default=0)
    weight_total = models.BigIntegerField(default=0)
    weighted_sum = models.BigIntegerField(default=0)
    unweighted_sum = models.BigIntegerField(default=0)
    stars_1 = models.IntegerField(default=0, help_text="hundredths of a review")
    stars_2 = models.IntegerField(default=0)
    stars_3 = models.IntegerField(default=0)
    stars_4 = models.IntegerField(default=0)
    stars_5 = models.IntegerField(default=0)
    skills = models.IntegerField(default=0, help_text="sum of stars on this criterion")
    quality = models.IntegerField(default=0)
    availability = models.IntegerField(default=0)
    adherence_to_schedule = models.IntegerField(default=0)
    communication = models.IntegerField(default=0)
    cooperation = models.IntegerField(default=0)
    clarity_of_requirements = models.IntegerField(default=0)
    reasonable_deadlines = models.IntegerField(default=0)
    payment_promptness = models.IntegerField(default=0)
    given_count = models.IntegerField(default=0, help_text="feedback this person gave in the role")
    given_sum = models.BigIntegerField(default=0, help_text="Σ overall given, in hundredths")
    feedback_score = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    ranking_score = models.FloatField(null=True, blank=True)
    warning_count = models.IntegerField(
        default=0, help_text="Warnings shown on a client's record (see reputation.warnings)."
    )
    updated_at = models.DateTimeField()
    version = models.BigIntegerField(
        default=0,
        db_default=0,
        help_text="Raised by every change to what the person's reputation view is made of "
        "(reveals, moderation, ended contracts, the client's jobs, hires and payments); "
        "cached views are keyed by it.",
    )

    # Columns that are not totals: a rebuild (``twoway recompute``) gives them new values.
    BOOKKEEPING_FIELDS = ("id", "updated_at", "version")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="reputation_one_per_role"),
            models.CheckConstraint(
                condition=Q(review_count__gte=0, given_count__gte=0, weight_total__gte=0),
                name="reputation_counts_non_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["role", "-ranking_score", "user"], name="reputation_ranking"),
            models.Index(fields=["role", "-feedback_score", "user"], name="reputation_score"),
            models.Index(fields=["role", "-review_count", "user"], name="reputation_reviews"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} as {self.role}"

    def to_aggregate(self) -> scoring.Aggregate:
        return scoring.Aggregate(
            review_count=self.review_count,
            weight_total=self.weight_total,
            weighted_sum=self.weighted_sum,
            unweighted_sum=self.unweighted_sum,
            stars={level: getattr(self, f"stars_{level}") for level in scoring.LEVELS},
            criteria_sums={name: getattr(self, name) for name in CRITERIA_FIELDS},
        )

    def load_aggregate(self, aggregate: scoring.Aggregate) -> None:
        self.review_count = aggregate.review_count
        self.weight_total = aggregate.weight_total
        self.weighted_sum = aggregate.weighted_sum
        self.unweighted_sum = aggregate.unweighted_sum
        for level in scoring.LEVELS:
            setattr(self, f"stars_{level}", aggregate.stars.get(level, 0))
        for name in CRITERIA_FIELDS:
            setattr(self, name, aggregate.criteria_sums.get(name, 0))
        self.feedback_score = aggregate.feedback_score
        self.ranking_score = aggregate.ranking


class RatingBaseline(models.Model):
    """What everyone in a role gives on average: the yardstick for "harsh" and "lenient".

    Summing every person's given-totals reads the whole reputation table (0.4 s at a million
    people), too slow for a page, so the sweeper refreshes these rows every few minutes and
    reads take one row. The figure moves slowly; a few minutes of lag changes no label.
    """

    role = models.CharField(max_length=10, choices=Role.choices, unique=True)
    given_count = models.BigIntegerField()
    given_sum = models.BigIntegerField(help_text="Σ overall given, in hundredths")
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.role}: {self.given_count} given"


class CommentTheme(models.Model):
    """A theme found in a feedback comment (``themes.tag_comment``), stored when the comment is
    written or edited. Read only through the feedback visibility rule (joined to revealed,
    non-removed feedback), so a sealed comment's themes never show."""

    feedback = models.ForeignKey(
        "feedback.Feedback", on_delete=models.CASCADE, related_name="themes"
    )
    theme = models.CharField(max_length=20)
    polarity = models.CharField(
        max_length=10, choices=[("complaint", "Complaint"), ("praise", "Praise")]
    )
    evidence = models.CharField(max_length=400)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "theme"], name="comment_theme_once"),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.polarity})"


class RingStatus(models.TextChoices):
    OPEN = "open", "Open"
    DISMISSED = "dismissed", "Dismissed (not a ring)"
    CONFIRMED = "confirmed", "Confirmed (a ring)"


class RingKind(models.TextChoices):
    PAIR = "pair", "Pair"
    CYCLE = "cycle", "Cycle of three"


class RingFlag(models.Model):
    """A suspected rating ring (``reputation.rings``) for operators to review, with evidence.

    One row per group of people: two for a pair, three for a cycle, ids ascending. Raised or
    updated when a reveal is processed and by ``twoway abuse-scan``; dismissed or confirmed by
    operators. ``evidence`` is a snapshot of each ring contract (amount, both scores) taken when
    it was found, so the flag keeps its proof even after the feedback is removed. A resolved
    flag that gains a contract it did not have when resolved opens again.
    """

    kind = models.CharField(max_length=10, choices=RingKind.choices)
    person_a = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    person_b = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    person_c = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RingStatus.choices, default=RingStatus.OPEN)
    evidence = models.JSONField(
        default=list, help_text="The ring contracts: amount paid and the scores given each way."
    )
    contract_count = models.IntegerField(default=0)
    total_paid_cents = models.BigIntegerField(default=0)
    lowest_score = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    roles_swapped = models.BooleanField(
        default=False,
        help_text="Someone was the client on one contract, the freelancer on another.",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(help_text="When the evidence last changed.")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution_note = models.CharField(max_length=500, blank=True)
    resolved_contract_ids = models.JSONField(
        default=list, help_text="The contracts the flag held when it was resolved."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person_a__lt=models.F("person_b")), name="ring_people_ordered_ab"
            ),
            models.CheckConstraint(
                condition=Q(kind=RingKind.PAIR, person_c__isnull=True)
                | Q(kind=RingKind.CYCLE, person_c__gt=models.F("person_b")),
                name="ring_kind_matches_people",
            ),
            models.UniqueConstraint(
                fields=["person_a", "person_b"],
                condition=Q(person_c__isnull=True),
                name="ring_one_flag_per_pair",
            ),
            models.UniqueConstraint(
                fields=["person_a", "person_b", "person_c"],
                condition=Q(person_c__isnull=False),
                name="ring_one_flag_per_cycle",
            ),
            models.CheckConstraint(
                condition=Q(status=RingStatus.OPEN, resolved_at__isnull=True)
                | (
                    ~Q(status=RingStatus.OPEN)
                    & Q(resolved_at__isnull=False, resolved_by__isnull=False)
                ),
                name="ring_resolution_consistent",
            ),
        ]
        indexes = [models.Index(fields=["status", "-updated_at"], name="ring_flag_queue")]

    def __str__(self) -> str:
        return f"Ring flag #{self.pk} ({self.get_kind_display().lower()})"

    @property
    def people_ids(self) -> list[int]:
        return [pk for pk in (self.person_a_id, self.person_b_id, self.person_c_id) if pk]

    @property
    def contract_ids(self) -> list[int]:
        return [int(item["contract_id"]) for item in self.evidence]
