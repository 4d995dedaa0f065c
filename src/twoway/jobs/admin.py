from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from twoway.jobs.models import Job, Proposal


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "client", "budget_type", "budget_cents", "status", "created_at"]
    list_filter = ["status", "budget_type", "created_at"]
    search_fields = ["title", "description", "client__username"]
    list_select_related = ["client"]
    readonly_fields = ["client", "created_at", "closed_at", "status"]
    filter_horizontal = ["skills"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["id", "job", "freelancer", "bid_cents", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["job__title", "freelancer__username", "cover_letter"]
    list_select_related = ["job", "freelancer"]
    readonly_fields = ["job", "freelancer", "bid_cents", "status", "created_at", "decided_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
