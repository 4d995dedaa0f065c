from __future__ import annotations

import json

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from twoway.core.models import AuditEvent, Skill


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that are history: operators read them, nobody edits or deletes them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


def _pretty(data: object) -> str:
    return format_html("<pre>{}</pre>", json.dumps(data, indent=2, sort_keys=True, default=str))


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "target_type", "target_id", "actor"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "actor__username", "=target_id"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    readonly_fields = [
        "created_at",
        "actor",
        "action",
        "target_type",
        "target_id",
        "before_pretty",
        "after_pretty",
    ]
    exclude = ["before", "after"]

    @admin.display(description="before")
    def before_pretty(self, obj: AuditEvent) -> str:
        return _pretty(obj.before)

    @admin.display(description="after")
    def after_pretty(self, obj: AuditEvent) -> str:
        return _pretty(obj.after)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
