"""A new row and the statements that go with it, in one round trip to PostgreSQL.

psycopg 3's client-side binding cursors (Django's default) send a query string of
several statements at once, and PostgreSQL runs such a string as one transaction
(implicitly, in autocommit): all of it or none of it. `save_with(obj, statements)`
saves a new row through Django (its `INSERT ... RETURNING`, defaults, `auto_now`)
with `statements` appended to that INSERT: one round trip, no `BEGIN`/`COMMIT`.
SQLite takes one statement per call: `folds()` is False there, and the caller
keeps its transaction.
"""

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from typing import Any

from django.db import connection, models, transaction

Statement = tuple[str, Sequence[Any]]


def folds() -> bool:
    """Whether the database runs several statements sent at once atomically
    (PostgreSQL with client-side binding: server-side binding takes one)."""
    options = connection.settings_dict.get("OPTIONS", {})
    return connection.vendor == "postgresql" and not options.get("server_side_binding")


def save_with(obj: models.Model, statements: Sequence[Statement]) -> None:
    """Insert the new `obj` and run `statements` after it in one round trip, all or
    nothing (inside a transaction, a savepoint keeps them so). PostgreSQL only."""
    if not folds():
        raise RuntimeError("save_with needs PostgreSQL (see folds()).")
    sent: list[bool] = []

    def fold(
        execute: Callable, sql: str, params: Sequence[Any], many: bool, context: Any
    ) -> Any:
        if not sent and not many:  # the INSERT: the first statement of the save
            sent.append(True)
            tail = "; ".join(statement for statement, _ in statements)
            values = [value for _, more in statements for value in more]
            sql, params = f"{sql}; {tail}", [*params, *values]
        return execute(sql, params, many, context)

    atomic = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with atomic, connection.execute_wrapper(fold):
        obj.save(force_insert=True)
