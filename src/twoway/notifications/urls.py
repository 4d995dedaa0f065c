from django.urls import path

from twoway.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("notifications/<int:notification_id>/open/", views.open_notification, name="open"),
]
