"""URLs of /api/lists/: the health check, then the list routes."""

from rest_framework.routers import SimpleRouter

from lists.views import ListViewSet
from mysphere_core.routing import feature_urls

app_name = "lists"

router = SimpleRouter()
router.register("", ListViewSet, basename="list")

urlpatterns = feature_urls("lists", router)
