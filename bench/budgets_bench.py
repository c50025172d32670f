"""Benchmark of the budgets API: the month's summary with 10,000 expenses in the
month (throwaway SQLite, or PostgreSQL with --database-url).

    .venv/bin/python bench/budgets_bench.py [--rows 10000] [--runs 30]

Seeds one user with `rows` expenses in the current month (every category, 10 % in
EUR, 2 % refunds) plus a month before, the rollups rebuilt from the rows, and a
generated plan for both months (last month closed), then times real HTTP-level
requests through DRF (JWT auth included) and prints median and p95 latencies and
the queries each request ran, as a Markdown table.
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from common import configure
from expenses_bench import _client, _ok, timed


def seed(rows: int) -> object:
    """One user, `rows` expenses this month and a tenth of that last month, the
    rollups rebuilt, and a generated plan for both months."""
    from django.db import transaction

    from budgets.services import BudgetService
    from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
    from expenses.services import ExpenseService
    from mysphere_core.dates import month_start
    from users.services import UserService

    user = UserService.register(
        username="bench", email="bench@example.com", password="Bench-Pass-2026!"
    )
    rng = random.Random(11)
    today = UserService.today_for(user=user)
    this_month, last_month = month_start(today), month_start(today, 1)
    started = time.perf_counter()
    with transaction.atomic():
        batch = [
            ExpenseModel(
                user=user,
                amount=Decimal(rng.randint(100, 9000)) / 100,
                currency="EUR" if n % 10 == 0 else "USD",
                category=rng.choice(EXPENSE_CATEGORIES),
                vendor=f"Vendor {n % 200}",
                transaction_date=(this_month if n < rows else last_month)
                + timedelta(days=rng.randint(0, today.day - 1 if n < rows else 27)),
                expense_type="refund" if n % 50 == 0 else "expense",
            )
            for n in range(rows + rows // 10)
        ]
        ExpenseModel.objects.bulk_create(batch, batch_size=5000)
    ExpenseService.rebuild_rollups(user=user)
    for month in (last_month, this_month):
        BudgetService.generate(
            user=user, month=f"{month:%Y-%m}", income=Decimal("250000"), dry_run=False
        )
    print(
        f"Seeded {len(batch):,} expenses and two plans in "
        f"{time.perf_counter() - started:.1f}s"
    )
    return user


def report(user: object, runs: int) -> None:
    """Time each request and count its queries; print the table."""
    from django.db import connection

    from budgets.models import BudgetModel
    from users.services import UserService

    client = _client(user)
    today = UserService.today_for(user=user)
    plan = BudgetModel.objects.get(user=user, month=f"{today:%Y-%m}")
    cases = [
        (
            "summary of the month (`summary/`)",
            lambda: client.get("/api/budgets/summary/"),
        ),
        (
            "summary by id (`{id}/summary/`)",
            lambda: client.get(f"/api/budgets/{plan.pk}/summary/"),
        ),
        (
            "check_purchase",
            lambda: client.post(
                "/api/budgets/check_purchase/",
                {"amount": "120.00", "category": "Groceries"},
                format="json",
            ),
        ),
        ("suggestions", lambda: client.get("/api/budgets/suggestions/")),
    ]
    print(f"\n{runs} runs each\n")
    print("| request | queries | median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, call in cases:
        _ok(call())
        queries: list[str] = []

        def count(
            execute, sql, params, many, context, queries=queries
        ):  # noqa: ANN001, ANN202
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            _ok(call())
        samples = sorted(timed(runs, lambda call=call: _ok(call())))
        median = statistics.median(samples)
        p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
        print(f"| {name} | {len(queries)} | {median:.1f} | {p95:.1f} |")


def main() -> None:
    """Seed, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "bench.sqlite3", database_url=args.database_url)
        report(seed(args.rows), args.runs)


if __name__ == "__main__":
    main()
