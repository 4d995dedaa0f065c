from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from twoway.core.models import Skill

MIN_HOURLY_RATE_CENTS = 100  # $1/h
MAX_HOURLY_RATE_CENTS = 100_000  # $1,000/h


class Role(models.TextChoices):
    CLIENT = "client", "Client"
    FREELANCER = "freelancer", "Freelancer"


class User(AbstractUser):
    """A person. They may act as a client, a freelancer, or both; reputations stay per role."""

    is_client = models.BooleanField("acts as client", default=False)
    is_freelancer = models.BooleanField("acts as freelancer", default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="user_email_unique_ci"
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def roles(self) -> list[str]:
        return [
            role
            for role, held in ((Role.CLIENT, self.is_client), (Role.FREELANCER, self.is_freelancer))
            if held
        ]

    def has_role(self, role: str) -> bool:
        return role in self.roles


class FreelancerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="freelancer_profile",
    )
    title = models.CharField(max_length=120, blank=True)
    overview = models.TextField(blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="freelancers")
    hourly_rate_cents = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField()

    # Copies of the freelancer's reputation, kept by the reputation services, so search can
    # filter and sort on one table. -1 means "no score yet": such people sort after everyone.
    review_count = models.IntegerField(default=0)
    sort_score = models.FloatField(default=-1.0)
    sort_ranking = models.FloatField(default=-1.0)
    success_score = models.FloatField(null=True, blank=True)
    success_stale_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when a reveal may have changed the success score; the sweeper "
        "recomputes it and clears this (reputation.services.success_scores_refresh).",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(hourly_rate_cents__isnull=True)
                | Q(
                    hourly_rate_cents__gte=MIN_HOURLY_RATE_CENTS,
                    hourly_rate_cents__lte=MAX_HOURLY_RATE_CENTS,
                ),
                name="freelancer_rate_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["hourly_rate_cents"]),
            models.Index(fields=["-sort_ranking", "-user"], name="freelancer_by_ranking"),
            # The "score" sort's whole key, so a page is an index walk, not a sort.
            models.Index(
                fields=["-sort_score", "-review_count", "-user"], name="freelancer_by_score_reviews"
            ),
            models.Index(fields=["-review_count", "-user"], name="freelancer_by_reviews"),
            # Only the copies waiting for the sweeper.
            models.Index(
                fields=["success_stale_since"],
                condition=Q(success_stale_since__isnull=False),
                name="freelancer_success_stale",
            ),
        ]

    def __str__(self) -> str:
        return f"Freelancer profile of {self.user}"


class ClientProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="client_profile",
    )
    company = models.CharField(max_length=120, blank=True)
    payment_verified = models.BooleanField(
        default=False, help_text="Set by operators once a payment method is verified."
    )
    payment_verified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_verified=False) | Q(payment_verified_at__isnull=False),
                name="client_verified_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Client profile of {self.user}"


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=60, default="API token")
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to tell it")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class LoginFailure(models.Model):
    """A failed sign-in, kept briefly to slow down password guessing (see accounts.throttle)."""

    username = models.CharField(max_length=150, help_text="lower-cased as typed")
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"], name="login_failure_user"),
            models.Index(fields=["ip", "at"], name="login_failure_ip"),
        ]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"
