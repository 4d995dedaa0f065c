from django.contrib import admin
from django.urls import include, path

from twoway.accounts.views import admin_login
from twoway.api import api

admin.site.site_header = "Twoway operations"
admin.site.site_title = "Twoway operations"
admin.site.index_title = "Moderation and records"

urlpatterns = [
    # Before the admin's own login, which has no throttle.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("twoway.accounts.urls")),
    path("", include("twoway.contracts.urls")),
    path("", include("twoway.core.urls")),
    path("", include("twoway.feedback.urls")),
    path("", include("twoway.notifications.urls")),
    path("", include("twoway.reputation.urls")),
    path("", include("twoway.jobs.urls")),
]
