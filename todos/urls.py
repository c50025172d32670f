"""URLs of /api/todos/: the health check, then the todo routes."""

from rest_framework.routers import SimpleRouter

from mysphere_core.routing import feature_urls
from todos.views import TodoViewSet

app_name = "todos"

router = SimpleRouter()
router.register("", TodoViewSet, basename="todo")

urlpatterns = feature_urls("todos", router)
