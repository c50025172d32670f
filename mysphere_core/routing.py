"""URLs built from the feature declarations: `/api/<feature>/` with its health check.

A feature may also serve routes under another feature's prefix (lending's
`/api/expenses/{expense_id}/split/`) without that feature knowing: its `urls.py`
declares them in `mounted_urlpatterns = {"expenses": [...]}`, and the root conf
includes them under `/api/expenses/` after the host's own routes (the host's win),
in the namespace `<feature>-on-<host>`. A feature may also own top-level prefixes
that are no feature's (`api_prefixes = ("dashboard", "assistant")` in its
declaration) and mount its routes there the same way. The views stay the declaring
feature's: its flag, its service, its tests.
"""

from collections.abc import Mapping, Sequence
from importlib import import_module

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from mysphere_core.features import all_features, get_feature
from mysphere_core.health import feature_health_view

Patterns = Sequence[URLPattern | URLResolver]


def feature_urls(
    feature: str, router: SimpleRouter | None = None, *extra: URLPattern | URLResolver
) -> list[URLPattern | URLResolver]:
    """A feature's URL patterns: its health check, any extra paths, then the router.

    A feature's `urls.py` is `app_name`, a router and
    `urlpatterns = feature_urls("expenses", router)`.
    """
    health = path("health/", feature_health_view(feature), name="health")
    return [health, *extra, *(router.urls if router else [])]


def mounted_urls(
    feature: str, mounts: Mapping[str, Patterns], own_prefixes: Sequence[str] = ()
) -> list[URLResolver]:
    """`feature`'s routes under other prefixes: `{"expenses": [...]}` ->
    `api/expenses/...` in the namespace `<feature>-on-expenses`. A host is another
    feature, or one of the feature's own extra prefixes (`api_prefixes` of its
    declaration: integrations serves `/api/dashboard/`); anything else is a
    LookupError, at start-up rather than on the first request."""
    resolvers = []
    for host, patterns in mounts.items():
        if host not in own_prefixes:
            get_feature(host)
        resolvers.append(
            path(
                f"api/{host}/",
                include((list(patterns), feature), namespace=f"{feature}-on-{host}"),
            )
        )
    return resolvers


def api_urls() -> list[URLResolver]:
    """`api/<feature>/` for every feature app, each included from its `urls.py`,
    then the routes features mount under other features' prefixes."""
    own = [
        path(f"api/{config.feature}/", include(f"{config.name}.urls"))
        for config in all_features()
    ]
    mounted = [
        resolver
        for config in all_features()
        for resolver in mounted_urls(
            config.feature,
            getattr(import_module(f"{config.name}.urls"), "mounted_urlpatterns", {}),
            config.api_prefixes,
        )
    ]
    return own + mounted
