"""API documentation: drf-spectacular settings and the schema / Swagger UI / ReDoc URLs.

Swagger UI and ReDoc assets come from drf-spectacular-sidecar and are served locally
(whitenoise under gunicorn), so the docs load with no CDN. ReDoc's bundle still names
its "API docs by Redocly" logo on cdn.redoc.ly (Redocly/redoc#2108 has no switch for
it): the ReDoc page's Content-Security-Policy allows images from this server only
(`redoc.py`), so the browser never asks the CDN.
"""

from django.urls import URLPattern

SPECTACULAR_SETTINGS = {
    "TITLE": "MY SPHERE API",
    "DESCRIPTION": (
        "Self-hosted backend for running one's personal life: expenses, budgets, "
        "subscriptions, todos, lists and lending, with cached, rationed AI insights "
        "that always fall back to rule-based answers.\n\n"
        "Authenticate with `POST /api/users/login/`, then press **Authorize** and "
        "paste the `access` token."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Tag operations by feature (/api/<feature>/...), not all as "api".
    "SCHEMA_PATH_PREFIX": r"/api/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
    "ENUM_NAME_OVERRIDES": {},
    # Readable tags, example values and examples on every operation (schema_docs.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mysphere_core.schema_docs.document",
    ],
}


def docs_urlpatterns() -> list[URLPattern]:
    """`/api/schema/`, `/api/docs/` (Swagger UI) and `/api/redoc/`."""
    from django.urls import path
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

    from mysphere_core.redoc import LocalRedocView

    return [
        path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
        path(
            "api/docs/",
            SpectacularSwaggerView.as_view(url_name="schema"),
            name="swagger-ui",
        ),
        path("api/redoc/", LocalRedocView.as_view(url_name="schema"), name="redoc"),
    ]
