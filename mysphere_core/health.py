"""Health checks: `/health/`, `/ready/` and the builder of feature health views."""

import logging
import platform
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import django
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
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
DEGRADED = "degraded"


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


class _ProbeDone(Exception):
    """Rolls the write probe back."""


WRITE_PROBE_WAIT_MS = 2000  # SQLite: how long the probe waits for the write lock


def check_database_write() -> bool:
    """True when the database takes a write now: a table created and a row written
    in a transaction that is rolled back (a full disk, a read-only replica or a
    write lock held too long all fail it). Cheap: nothing is kept."""
    try:
        with _short_lock_wait(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE TABLE health_write_probe (probe INTEGER)")
            cursor.execute("INSERT INTO health_write_probe (probe) VALUES (1)")
            raise _ProbeDone
    except _ProbeDone:
        return True
    except DatabaseError:
        logger.exception("Health check: the database cannot take a write")
        return False


@contextmanager
def _short_lock_wait() -> Iterator[None]:
    """On SQLite, wait at most WRITE_PROBE_WAIT_MS for the write lock."""
    if connection.vendor != "sqlite":
        yield
        return
    configured = connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {WRITE_PROBE_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(configured * 1000)}")


def check_cache() -> bool:
    """True when the cache stores and returns a value now."""
    probe = getattr(cache, "probe", None)
    if probe is not None:
        return probe()
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


def _overall(db_ok: bool, cache_ok: bool) -> str:
    """Unhealthy without a writable database; degraded (reads computed without
    it) while the cache is down."""
    if not db_ok:
        return UNHEALTHY
    return HEALTHY if cache_ok else DEGRADED


@_public_view
def health_check(request: Request) -> Response:
    """The whole service: database (read and write), cache, AI configuration, flags
    and versions; 503 when the database cannot take a write."""
    db_ok = check_database() and check_database_write()
    cache_ok = check_cache()
    body: dict[str, Any] = {
        "status": _overall(db_ok, cache_ok),
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
    """Readiness for orchestrators: the database takes a write and the cache
    answers; 503 naming what failed otherwise."""
    checks = {"database": check_database_write(), "cache": check_cache()}
    ready = all(checks.values())
    body = {
        "status": "ready" if ready else "not_ready",
        "checks": {k: HEALTHY if ok else UNHEALTHY for k, ok in checks.items()},
        "timestamp": timezone.now(),
    }
    return Response(body, status=200 if ready else 503)


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
