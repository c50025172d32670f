"""URLs of /api/users/, health check included."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from mysphere_core.routing import feature_urls
from users import views
from users.admin_views import AdminUserViewSet

app_name = "users"

router = SimpleRouter()
router.register("admin", AdminUserViewSet, basename="admin-user")

urlpatterns = feature_urls(
    "users",
    router,
    path("register/", views.RegisterView.as_view(), name="register"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("token/refresh/", views.RefreshView.as_view(), name="token-refresh"),
    path("token/logout/", views.CookieLogoutView.as_view(), name="token-logout"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "logout-everywhere/",
        views.LogoutEverywhereView.as_view(),
        name="logout-everywhere",
    ),
    path("me/", views.MeView.as_view(), name="me"),
    path(
        "change-password/", views.ChangePasswordView.as_view(), name="change-password"
    ),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
)
