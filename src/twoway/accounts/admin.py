from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from twoway.accounts.models import ApiToken, ClientProfile, FreelancerProfile, User
from twoway.accounts.services import client_payment_verify


class FreelancerProfileInline(admin.StackedInline):
    model = FreelancerProfile
    extra = 0
    filter_horizontal = ["skills"]
    readonly_fields = ["updated_at"]


class ClientProfileInline(admin.StackedInline):
    model = ClientProfile
    extra = 0
    readonly_fields = ["payment_verified", "payment_verified_at", "updated_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "is_client",
        "is_freelancer",
        "is_active",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["is_client", "is_freelancer", "is_active", "is_staff", "date_joined"]
    search_fields = ["username", "email", "first_name", "last_name"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("Roles", {"fields": ["is_client", "is_freelancer"]}),
    ]
    inlines = [ClientProfileInline, FreelancerProfileInline]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # People are deactivated, never deleted: feedback about them must survive.
        return False


@admin.register(ClientProfile)
class ClientProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "payment_verified", "payment_verified_at"]
    list_filter = ["payment_verified"]
    search_fields = ["user__username", "company"]
    readonly_fields = ["payment_verified", "payment_verified_at", "updated_at"]
    list_select_related = ["user"]
    actions = ["verify_payment", "unverify_payment"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def _set_verified(
        self, request: HttpRequest, queryset: QuerySet[ClientProfile], verified: bool
    ) -> None:
        for profile in queryset.select_related("user"):
            client_payment_verify(operator=request.user, client=profile.user, verified=verified)  # type: ignore[arg-type]
        self.message_user(request, f"Updated {queryset.count()} client(s).", messages.SUCCESS)

    @admin.action(description="Mark payment method verified")
    def verify_payment(self, request: HttpRequest, queryset: QuerySet[ClientProfile]) -> None:
        self._set_verified(request, queryset, True)

    @admin.action(description="Withdraw payment verification")
    def unverify_payment(self, request: HttpRequest, queryset: QuerySet[ClientProfile]) -> None:
        self._set_verified(request, queryset, False)


@admin.register(FreelancerProfile)
class FreelancerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "title", "hourly_rate_cents", "updated_at"]
    search_fields = ["user__username", "title"]
    list_select_related = ["user"]
    filter_horizontal = ["skills"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "prefix", "name"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "digest",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
