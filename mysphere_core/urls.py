"""Root URLs: admin, health, API docs, and every feature app under /api/<feature>/."""

from django.contrib import admin
from django.urls import path

from mysphere_core import health
from mysphere_core.openapi import docs_urlpatterns
from mysphere_core.routing import api_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health.health_check, name="health"),
    path("ready/", health.ready_check, name="ready"),
    *api_urls(),
    *docs_urlpatterns(),
]

handler400 = "mysphere_core.exceptions.json_bad_request"
handler404 = "mysphere_core.exceptions.json_page_not_found"
handler500 = "mysphere_core.exceptions.json_server_error"
