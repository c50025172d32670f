"""URLs of /api/expenses/: the health check, then the expense routes."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from expenses.models import ExpenseModel
from expenses.views import ExpenseViewSet
from mysphere_core.health import feature_health_view

app_name = "expenses"

router = SimpleRouter()
router.register("", ExpenseViewSet, basename="expense")

urlpatterns = [
    path(
        "health/",
        feature_health_view("expenses", ExpenseModel, "EXPENSE_AI_INSIGHTS"),
        name="health",
    ),
    *router.urls,
]
