"""URLs built from the feature declarations: `/api/<feature>/` with its health check."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from mysphere_core.features import all_features
from mysphere_core.health import feature_health_view


def feature_urls(
    feature: str, router: SimpleRouter | None = None, *extra: URLPattern | URLResolver
) -> list[URLPattern | URLResolver]:
    """A feature's URL patterns: its health check, any extra paths, then the router.

    A feature's `urls.py` is `app_name`, a router and
    `urlpatterns = feature_urls("expenses", router)`.
    """
    health = path("health/", feature_health_view(feature), name="health")
    return [health, *extra, *(router.urls if router else [])]


def api_urls() -> list[URLResolver]:
    """`api/<feature>/` for every feature app, each included from its `urls.py`."""
    return [
        path(f"api/{config.feature}/", include(f"{config.name}.urls"))
        for config in all_features()
    ]
