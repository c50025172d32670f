"""URLs of /api/lending/ (health, records and their actions), and the split route
lending mounts under /api/expenses/ (`mounted_urlpatterns`, see
mysphere_core/routing.py)."""

from rest_framework.routers import SimpleRouter

from lending.views import ExpenseSplitViewSet, LendingViewSet
from mysphere_core.routing import feature_urls

app_name = "lending"

router = SimpleRouter()
router.register("", LendingViewSet, basename="lending")

split_router = SimpleRouter()
split_router.register("", ExpenseSplitViewSet, basename="expense")

urlpatterns = feature_urls("lending", router)
mounted_urlpatterns = {"expenses": split_router.urls}
