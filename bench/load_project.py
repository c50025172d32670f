"""Seed the project for bench/load.py: run in its own process, one database.

    .venv/bin/python bench/load_project.py DATABASE_URL ROWS OUT.json

Migrates the database, gives the user `bench` ROWS expenses (bench/expenses_bench.py's
seed: three years, two currencies, 1% soft-deleted) and the subscriptions demo
(subscriptions/demo.py: a dozen subscriptions whose paid cycles are recorded as
expenses too), writes every expense of the user to OUT.json for the floor, and prints
one JSON line: the access token and the counts.
"""

import json
import sys
from pathlib import Path

from common import configure
from expenses_bench import seed as seed_expenses


def dump_expenses(user: object, path: Path) -> int:
    """Write the user's expenses (the floor's columns) to `path`; returns how many."""
    from expenses.models import ExpenseModel

    rows = [
        {
            "amount": str(row.amount),
            "currency": row.currency,
            "category": row.category,
            "vendor": row.vendor,
            "transaction_date": row.transaction_date.isoformat(),
            "created_at": row.created_at.isoformat(),
            "is_active": row.is_active,
        }
        for row in ExpenseModel.objects.filter(user=user).order_by("pk")
    ]
    path.write_text(json.dumps(rows))
    return len(rows)


# Features whose demo data the bench user gets besides the expenses (whose own demo
# would change the row count) and users (the bench user is made here).
DEMO_FEATURES = (
    "subscriptions",
    "budgets",
    "lending",
    "lists",
    "todos",
    "integrations",
)


def seed_project(rows: int, out: Path) -> dict:
    """Seed the configured database; the token and counts for bench/load.py."""
    import importlib

    from users.services import UserService

    user = seed_expenses(rows)
    summaries = {
        name: importlib.import_module(f"{name}.demo").seed(user)
        for name in DEMO_FEATURES
    }
    summary = summaries["subscriptions"]
    total = dump_expenses(user, out)
    token = UserService.tokens_for(user=user)["access"]
    return {"token": token, "expenses": total, "subscriptions": summary}


def main() -> None:
    """Configure Django on the given database, seed, print the result line."""
    database_url, rows, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    configure(None, database_url=database_url)
    print(json.dumps(seed_project(rows, out)))


if __name__ == "__main__":
    main()
