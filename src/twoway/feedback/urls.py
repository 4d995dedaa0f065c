from django.urls import path

from twoway.feedback import views

app_name = "feedback"

urlpatterns = [
    path("contracts/<int:contract_id>/feedback/", views.feedback_form, name="form"),
    path("contracts/<int:contract_id>/feedback/request/", views.feedback_request, name="request"),
    path("feedback/<int:feedback_id>/", views.feedback_detail, name="detail"),
    path("feedback/<int:feedback_id>/respond/", views.respond, name="respond"),
    path("feedback/<int:feedback_id>/report/", views.report, name="report"),
    path("users/<int:user_id>/feedback/<str:role>/", views.history_fragment, name="history"),
]
