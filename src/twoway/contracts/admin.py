from __future__ import annotations

from django.contrib import admin

from twoway.contracts.models import Contract, Payment
from twoway.core.admin import ReadOnlyAdmin


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    readonly_fields = ["amount_cents", "memo", "created_by", "created_at"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    """Contracts are changed only through the product; operators read them here."""

    list_display = [
        "id",
        "title",
        "client",
        "freelancer",
        "status",
        "total_paid_cents",
        "started_at",
        "ended_at",
    ]
    list_filter = ["status", "end_reason", "budget_type", "started_at"]
    search_fields = ["title", "client__username", "freelancer__username", "=id"]
    list_select_related = ["client", "freelancer"]
    date_hierarchy = "started_at"
    inlines = [PaymentInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["id", "contract", "amount_cents", "created_by", "created_at"]
    search_fields = ["contract__title", "created_by__username", "=contract__id"]
    list_filter = ["created_at"]
    list_select_related = ["contract", "created_by"]
