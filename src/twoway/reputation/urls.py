from django.urls import path

from twoway.reputation import views

app_name = "reputation"

urlpatterns = [
    path("users/<int:user_id>/reputation/<str:role>/explain/", views.explain, name="explain"),
]
