"""A user's data across every feature: exported and erased through each feature.

A feature app that holds user data has a `userdata.py` with two functions:

    export_tables(user) -> dict[str, QuerySet]   # table name -> the user's rows
    erase(user) -> dict[str, int]                # table name -> rows deleted

`export_tables` names every table that holds the user's rows (soft-deleted rows
included: they are still the user's data) and hands back querysets, read lazily by
`rows()` so an export streams. `erase` hard-deletes them, children first,
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

from mysphere_core.features import app_declarations, feature_name


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


def feature_tables(user: AbstractBaseUser) -> Iterator[tuple[str, str, QuerySet]]:
    """(feature, table, queryset) of every app's `userdata.export_tables`, in
    `INSTALLED_APPS` order."""
    for config, export_tables in app_declarations("userdata", "export_tables"):
        for table, queryset in export_tables(user).items():
            yield feature_name(config), table, queryset


def export_all(user: AbstractBaseUser) -> Iterator[tuple[str, str, Iterator[dict]]]:
    """(feature, table, rows) for every table of every feature, rows read lazily."""
    for feature, table, queryset in feature_tables(user):
        yield feature, table, rows(queryset)


def erase_all(user: AbstractBaseUser) -> dict[str, dict[str, int]]:
    """Erase the user's rows in every feature (users last), atomically."""
    erased: dict[str, dict[str, int]] = {}
    erasers = [
        (feature_name(config), erase)
        for config, erase in app_declarations("userdata", "erase")
    ]
    erasers.sort(key=lambda pair: pair[0] == "users")
    with transaction.atomic():
        for feature, erase in erasers:
            erased[feature] = erase(user)
    return erased
