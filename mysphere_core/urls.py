"""Root URLs: admin, health, API docs and every feature under /api/<feature>/."""

from django.contrib import admin
from django.urls import include, path

from mysphere_core import health
from mysphere_core.openapi import docs_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health.health_check, name="health"),
    path("ready/", health.ready_check, name="ready"),
    path("api/users/", include("users.urls")),
    path("api/expenses/", include("expenses.urls")),
    path("api/subscriptions/", include("subscriptions.urls")),
    *docs_urlpatterns(),
]

handler404 = "mysphere_core.exceptions.json_page_not_found"
handler500 = "mysphere_core.exceptions.json_server_error"
