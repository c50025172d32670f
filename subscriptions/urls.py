"""URLs of /api/subscriptions/, health check first."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from mysphere_core.health import feature_health_view
from subscriptions import views
from subscriptions.models import SubscriptionModel

app_name = "subscriptions"

router = SimpleRouter()
router.register(
    "categories", views.SubscriptionCategoryViewSet, basename="subscription-category"
)
router.register("alerts", views.SubscriptionAlertViewSet, basename="subscription-alert")
router.register("", views.SubscriptionViewSet, basename="subscription")

urlpatterns = [
    path(
        "health/",
        feature_health_view(
            "subscriptions", SubscriptionModel, "SUBSCRIPTION_TRACKING"
        ),
        name="health",
    ),
    *router.urls,
]
