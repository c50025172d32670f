"""Root URLs: admin, health, API docs, every feature app under /api/<feature>/, and
last the web app's routes (webapp.py)."""

from django.contrib import admin
from django.urls import path

from mysphere_core import health
from mysphere_core.openapi import docs_urlpatterns
from mysphere_core.routing import api_urls
from mysphere_core.webapp import app_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health.health_check, name="health"),
    path("ready/", health.ready_check, name="ready"),
    *api_urls(),
    *docs_urlpatterns(),
    *app_urlpatterns(),  # last: every path the others do not claim
]

handler400 = "mysphere_core.exceptions.json_bad_request"
handler404 = "mysphere_core.exceptions.json_page_not_found"
handler500 = "mysphere_core.exceptions.json_server_error"
