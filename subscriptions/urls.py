"""URLs of /api/subscriptions/: the health check, then the feature's routes."""

from rest_framework.routers import SimpleRouter

from mysphere_core.routing import feature_urls
from subscriptions import views

app_name = "subscriptions"

router = SimpleRouter()
router.register(
    "categories", views.SubscriptionCategoryViewSet, basename="subscription-category"
)
router.register("alerts", views.SubscriptionAlertViewSet, basename="subscription-alert")
router.register("", views.SubscriptionViewSet, basename="subscription")

urlpatterns = feature_urls("subscriptions", router)
