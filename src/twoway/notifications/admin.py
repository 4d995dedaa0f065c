from django.contrib import admin

from twoway.core.admin import ReadOnlyAdmin
from twoway.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["id", "user", "kind", "contract", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "=contract__id"]
    list_select_related = ["user", "contract"]
