"""URLs of /api/integrations/: health, notifications, webhooks, calendar, import,
export."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from integrations import views
from integrations.assistant.views import AssistantViewSet
from integrations.dashboard_views import DashboardView
from mysphere_core.routing import feature_urls

app_name = "integrations"

router = SimpleRouter()
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("webhooks", views.WebhookViewSet, basename="webhook")
router.register("calendar", views.CalendarViewSet, basename="calendar")
router.register("import", views.ImportViewSet, basename="import")
router.register("export", views.ExportViewSet, basename="export")
router.register("restore", views.RestoreViewSet, basename="restore")

# The product's home screen and assistant live here (the one app above every
# feature) and are served at /api/dashboard/ and /api/assistant/.
assistant = SimpleRouter()
assistant.register("", AssistantViewSet, basename="assistant")
mounted_urlpatterns = {
    "dashboard": [path("", DashboardView.as_view(), name="dashboard")],
    "assistant": assistant.urls,
}

urlpatterns = feature_urls(
    "integrations",
    router,
    path(
        "calendar/<str:token>.ics",
        views.CalendarFeedView.as_view(),
        name=views.CALENDAR_FEED_NAME,
    ),
)
