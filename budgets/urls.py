"""URLs of /api/budgets/: the health check, then the plan routes and actions."""

from rest_framework.routers import SimpleRouter

from budgets.views import BudgetViewSet
from mysphere_core.routing import feature_urls

app_name = "budgets"

router = SimpleRouter()
router.register("", BudgetViewSet, basename="budget")

urlpatterns = feature_urls("budgets", router)
