from django.contrib.auth import views as auth_views
from django.urls import path

from twoway.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/tokens/", views.tokens_page, name="tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/<int:user_id>/", views.profile, name="profile"),
    path("freelancers/", views.freelancer_list, name="freelancers"),
]
