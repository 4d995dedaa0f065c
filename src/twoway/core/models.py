from __future__ import annotations

from django.conf import settings
from django.db import models


class Skill(models.Model):
    """A skill shared by freelancer profiles and job posts ("Django", "Copywriting")."""

    name = models.CharField(max_length=40)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuditEvent(models.Model):
    """One state change: who did what to which object, with the data before and after.

    Written by services inside the same transaction as the change, so an event exists if and
    only if the change committed. Never updated or deleted (the admin is read-only).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted (the sweeper, a management command).",
    )
    action = models.CharField(max_length=60, help_text='For example "contract.ended".')
    target_type = models.CharField(max_length=60, help_text='"app_label.model"')
    target_id = models.BigIntegerField()
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "created_at"]),
            models.Index(fields=["actor", "created_at"]),
            models.Index(fields=["action", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}#{self.target_id}"
