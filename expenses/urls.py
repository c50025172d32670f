"""URLs of /api/expenses/: the health check, then the expense routes."""

from rest_framework.routers import SimpleRouter

from expenses.views import ExpenseViewSet
from mysphere_core.routing import feature_urls

app_name = "expenses"

router = SimpleRouter()
router.register("", ExpenseViewSet, basename="expense")

urlpatterns = feature_urls("expenses", router)
