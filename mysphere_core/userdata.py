"""A user's data across every feature: exported and erased through each feature.

A feature app declares `data_service` in its `FeatureConfig` (the dotted path of
its service class), and that class has two static methods:

    export_user_data(*, user) -> dict[str, QuerySet]   # table name -> the user's rows
    erase_user_data(*, user) -> dict[str, int]         # table name -> rows deleted

`export_user_data` names every table that holds the user's rows (soft-deleted rows
included: they are still the user's data) and hands back querysets, read lazily by
`rows()` so an export streams. `erase_user_data` hard-deletes them, children first,
inside the caller's transaction: it is the only hard delete in the product. The
integrations app (export, account erasure) calls `export_all` / `erase_all`;
nothing here imports a feature app.
"""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils.duration import duration_iso_string
from django.utils.module_loading import import_string

from mysphere_core.features import FeatureConfig, all_features


def json_value(value: Any) -> Any:
    """A JSON-ready value: decimals as exact strings, dates, times and durations in
    ISO 8601."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return duration_iso_string(value)
    if isinstance(value, UUID):
        return str(value)
    return value


def rows(queryset: QuerySet) -> Iterator[dict[str, Any]]:
    """The rows as JSON-ready dicts (column name -> value), read in chunks.

    A `.values(...)` queryset keeps its columns, so a service can leave one out
    (a password hash, a signing secret); any other gives every column.
    """
    columns = queryset.query.values_select
    for row in queryset.order_by("pk").values(*columns).iterator(chunk_size=2000):
        yield {key: json_value(value) for key, value in row.items()}


def erase_querysets(*querysets: QuerySet) -> dict[str, int]:
    """Hard-delete each queryset in the order given; rows deleted per table."""
    deleted: dict[str, int] = {}
    for queryset in querysets:
        _, per_model = queryset.delete()
        for label, count in per_model.items():
            table = apps.get_model(label)._meta.db_table
            deleted[table] = deleted.get(table, 0) + count
    return deleted


def data_services() -> Iterator[tuple[FeatureConfig, Any]]:
    """Every feature that holds user data, with its service class."""
    for config in all_features():
        if config.data_service:
            yield config, import_string(config.data_service)


def export_all(user: AbstractBaseUser) -> Iterator[tuple[str, str, Iterator[dict]]]:
    """(feature, table, rows) for every table of every feature, rows read lazily."""
    for config, service in data_services():
        for table, queryset in service.export_user_data(user=user).items():
            yield config.feature, table, rows(queryset)


def erase_all(user: AbstractBaseUser) -> dict[str, dict[str, int]]:
    """Erase the user's rows in every feature (users last), atomically."""
    erased: dict[str, dict[str, int]] = {}
    services = sorted(data_services(), key=lambda pair: pair[0].feature == "users")
    with transaction.atomic():
        for config, service in services:
            erased[config.feature] = service.erase_user_data(user=user)
    return erased
