"""The floor's only API: /api/expenses/."""

from ledger.views import ExpenseViewSet
from rest_framework.routers import SimpleRouter

router = SimpleRouter()
router.register("api/expenses", ExpenseViewSet, basename="expense")
urlpatterns = router.urls
