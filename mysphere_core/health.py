"""Health checks: `/health/`, `/ready/` and the builder of feature health views."""

import logging
import platform
from collections.abc import Callable
from typing import Any

import django
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from mysphere_core import ai
from mysphere_core.features import get_feature

logger = logging.getLogger(__name__)

HEALTHY = "healthy"
UNHEALTHY = "unhealthy"
DISABLED = "disabled"


def check_database() -> bool:
    """True when the database answers `SELECT 1`."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return False


def check_cache() -> bool:
    """True when the cache stores and returns a value."""
    try:
        cache.set("health_check_probe", "ok", 10)
        return cache.get("health_check_probe") == "ok"
    except Exception:  # noqa: BLE001 - any backend failure means unhealthy
        logger.exception("Health check: cache unreachable")
        return False


def _public_view(func: Callable) -> Callable:
    """A GET endpoint with no authentication, permission or throttle."""
    func = throttle_classes([])(func)
    func = permission_classes([AllowAny])(func)
    func = authentication_classes([])(func)
    view = api_view(["GET"])(func)
    responses = {200: OpenApiTypes.OBJECT, 503: OpenApiTypes.OBJECT}
    return extend_schema(responses=responses)(view)


@_public_view
def health_check(request: Request) -> Response:
    """The whole service: database, cache, AI configuration, flags and versions."""
    db_ok = check_database()
    cache_ok = check_cache()
    body: dict[str, Any] = {
        "status": HEALTHY if db_ok else UNHEALTHY,
        "service": "MY SPHERE Backend",
        "version": settings.VERSION,
        "timestamp": timezone.now().isoformat(),
        "checks": {
            "database": HEALTHY if db_ok else UNHEALTHY,
            "cache": HEALTHY if cache_ok else UNHEALTHY,
            "ai_service": ai.service_status(),
            "ai_model": settings.AI_MODEL,
            "features": {k.lower(): v for k, v in settings.FEATURE_FLAGS.items()},
        },
        "system": {
            "python_version": platform.python_version(),
            "django_version": django.get_version(),
        },
    }
    return Response(body, status=200 if db_ok else 503)


@_public_view
def ready_check(request: Request) -> Response:
    """Readiness for orchestrators: ready once the database answers."""
    db_ok = check_database()
    body = {"status": "ready" if db_ok else "not_ready", "timestamp": timezone.now()}
    return Response(body, status=200 if db_ok else 503)


def feature_health_view(feature: str) -> Callable:
    """Build `GET /api/<feature>/health/` from the feature's declaration."""

    @_public_view
    def feature_health(request: Request) -> Response:
        """The feature's table reachable, AI configured or not, a timestamp."""
        config = get_feature(feature)
        model = config.get_health_model()
        try:
            model._default_manager.exists()
            table_ok = True
        except DatabaseError:
            logger.exception("Health check: table %s unreachable", model._meta.db_table)
            table_ok = False
        status = HEALTHY if table_ok else UNHEALTHY
        body: dict[str, Any] = {
            "feature": feature,
            "status": status if config.enabled() else DISABLED,
            "database": "connected" if table_ok else "unreachable",
            "table": model._meta.db_table,
            "ai_service": ai.service_status(),
            "ai_model": settings.AI_MODEL,
            "timestamp": timezone.now().isoformat(),
        }
        flags = [f for f in (config.feature_flag, config.ai_flag) if f]
        if flags:
            body["feature_flag"] = {
                f: settings.FEATURE_FLAGS.get(f, False) for f in flags
            }
        return Response(body, status=200 if table_ok else 503)

    return feature_health
