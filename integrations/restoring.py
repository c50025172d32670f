"""Restoring the JSON export into an account with no data yet: every feature's rows
written back under new ids (foreign keys and the few id references that are not
foreign keys follow), in one transaction; an account with data is a 409.

The tables come from the features' own `userdata.export_tables` (the data protocol), so
nothing here imports a feature's models. Left out: the account itself and what
belongs to a server or a session (sessions, AI usage, idempotency keys, webhooks
without their secret, deliveries, calendar tokens), messages about the old data
(notifications, digests, the assistant's chat, the import history), and rows naming
another person (a list shared with someone): ids of people mean nothing elsewhere.
"""

import json
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction

from integrations.exporting import SCHEMA_VERSION
from mysphere_core import caching, userdata
from mysphere_core.errors import ConflictError, InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024
LEFT_OUT = frozenset(
    {
        "users",
        "revoked_sessions",
        "ai_usage",
        "idempotency_keys",
        "integration_notifications",
        "integration_notification_digests",
        "integration_webhooks",
        "integration_webhook_deliveries",
        "integration_calendar_tokens",
        "integration_imports",
        "assistant_chat_messages",
    }
)
# Columns holding ids of another table that are not foreign keys: table -> column
# -> the table the ids are of (a list of ids in a JSON column is followed too).
REFERENCES = {
    "subscription_payments": {
        "expense_id": "expenses",
        "refund_expense_id": "expenses",
    },
    "list_shops": {"expense_id": "expenses", "cleared_item_ids": "list_items"},
}

Ids = dict[str, dict[Any, Any]]


class SkipRow(Exception):
    """The row names something that is not restored (another person)."""


def _refuse(message: str) -> InvalidInput:
    """A 400 on `file`."""
    return InvalidInput(message, field="file")


def read_document(data: bytes) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The `features` of an export document; a 400 on `file` for anything else."""
    if len(data) > MAX_FILE_BYTES:
        raise _refuse("The file is over 20 MB.")
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise _refuse("The file is not JSON (send the JSON export).")
    if not isinstance(document, dict) or "features" not in document:
        raise _refuse("The file is not a MY SPHERE JSON export.")
    if document.get("schema_version") != SCHEMA_VERSION:
        raise _refuse(f"Only exports with schema_version {SCHEMA_VERSION} restore.")
    features = document["features"]
    valid = isinstance(features, dict) and all(
        isinstance(tables, dict)
        and all(
            isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
            for rows in tables.values()
        )
        for tables in features.values()
    )
    if not valid:
        raise _refuse("`features` must map features to tables to lists of rows.")
    return {**features, "_user_id": document.get("user_id")}


def _own_field(model: type[models.Model]) -> models.Field | None:
    """The one-to-one field to the user of a one-row-per-user table."""
    user_model = get_user_model()
    return next(
        (
            f
            for f in model._meta.concrete_fields
            if f.one_to_one and f.related_model is user_model
        ),
        None,
    )


def targets(user: AbstractBaseUser) -> list[tuple[str, str, type[models.Model]]]:
    """(feature, table, model) of every restored table, in export order (parents
    first)."""
    return [
        (feature, table, queryset.model)
        for feature, table, queryset in userdata.feature_tables(user)
        if table not in LEFT_OUT
    ]


def has_data(user: AbstractBaseUser) -> bool:
    """True when any restored table (one-row-per-user settings aside) has a row
    of the user's."""
    for _, table, queryset in userdata.feature_tables(user):
        restored = table not in LEFT_OUT and not _own_field(queryset.model)
        if restored and queryset.exists():
            return True
    return False


def _mapped(ids: Ids, table: str, value: Any, field: models.Field) -> Any:
    """An old id of `table` as its new one (None when it was not restored, or
    the row skipped when the column needs one)."""
    if value is None:
        return None
    if isinstance(value, list):
        return [ids[table][v] for v in value if v in ids.get(table, {})]
    if value in ids.get(table, {}):
        return ids[table][value]
    if field.null:
        return None
    raise SkipRow


def _relation(
    field: models.Field, value: Any, user: AbstractBaseUser, old_user: Any, ids: Ids
) -> Any:
    """A foreign key's new value: the user's for the old user, a restored row's
    new id; another person's, or a row not restored, is no value."""
    related = field.related_model
    if related is get_user_model():
        if value == old_user:
            return user.pk
        if value is None or field.null:
            return None
        raise SkipRow
    # a restored table's rows map to their copies; nothing else is pointed at
    return _mapped(ids, related._meta.db_table, value, field)


def row_values(
    table: str,
    model: type[models.Model],
    row: Mapping[str, Any],
    context: tuple[AbstractBaseUser, Any, Ids],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The row's column values for its new copy, and its references to rows of
    its own table (set once they all exist)."""
    user, old_user, ids = context
    values: dict[str, Any] = {}
    later: dict[str, Any] = {}
    references = REFERENCES.get(table, {})
    for field in model._meta.concrete_fields:
        name = field.attname
        if name not in row or (field.primary_key and field.has_default()):
            continue
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        value = row[name]
        if field.is_relation and field.related_model is model:
            later[name] = value
        elif field.is_relation:
            values[name] = _relation(field, value, user, old_user, ids)
        elif name in references:
            values[name] = _mapped(ids, references[name], value, field)
        else:
            values[name] = field.to_python(value)
    return values, later


def _stamps(model: type[models.Model]) -> list[str]:
    """The columns Django sets itself on a save (created_at, updated_at)."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]


def restore_table(
    table: str,
    model: type[models.Model],
    rows: list[dict[str, Any]],
    context: tuple[AbstractBaseUser, Any, Ids],
) -> int:
    """Write one table's rows back; how many. Each old id is kept in the
    context's ids, then references within the table are set."""
    user, _, ids = context
    ids[table] = {}
    pk = model._meta.pk.attname
    own = _own_field(model)
    restored = 0
    pending = []
    for row in rows:
        try:
            values, later = row_values(table, model, row, context)
        except SkipRow:
            continue
        if own is not None:  # the user's one row exists already: update it
            model.objects.update_or_create(**{own.attname: user.pk}, defaults=values)
            restored += 1
            continue
        obj = model.objects.create(**values)
        stamps = {name: values[name] for name in _stamps(model) if name in values}
        if stamps:
            model.objects.filter(pk=obj.pk).update(**stamps)
        ids[table][row.get(pk)] = obj.pk
        pending.append((obj.pk, later))
        restored += 1
    for new_pk, later in pending:
        own_refs = {k: ids[table].get(v) for k, v in later.items()}
        if any(v is not None for v in own_refs.values()):
            model.objects.filter(pk=new_pk).update(**own_refs)
    return restored


def restore(*, user: AbstractBaseUser, data: bytes) -> dict[str, int]:
    """Write the export document back into the user's empty account, atomically;
    rows restored per table. 409 when the account has data already; 400 on
    `file` for a document that is no export or whose rows do not fit."""
    features = read_document(data)
    old_user = features.pop("_user_id")
    counts: dict[str, int] = {}
    context: tuple[AbstractBaseUser, Any, Ids] = (user, old_user, {})
    try:
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            if has_data(user):
                raise ConflictError(
                    "This account has data already; restore into a new account."
                )
            for feature, table, model in targets(user):
                rows = features.get(feature, {}).get(table, [])
                counts[table] = restore_table(table, model, rows, context)
    except (DjangoValidationError, IntegrityError, TypeError, ValueError) as exc:
        raise _refuse(f"A row does not fit ({exc}); nothing was restored.")
    caching.raise_generation(user.pk)
    return counts
