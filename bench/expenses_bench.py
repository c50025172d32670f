"""Benchmark of the expenses API on 100,000 expenses of one user (throwaway SQLite).

    .venv/bin/python bench/expenses_bench.py [--rows 100000] [--runs 30]

Seeds a fresh SQLite database in a temporary folder (bulk insert), then times real
HTTP-level requests through DRF (JWT auth included) and prints median and p95
latencies as a Markdown table. Nothing touches the project's own database.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure(db_path: Path) -> None:
    """Environment for an isolated, production-like run (DEBUG off, no AI key)."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "mysphere_core.settings",
            "DATABASE_URL": f"sqlite:///{db_path}",
            "REDIS_URL": "",
            "DEBUG": "False",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "False",
            "GEMINI_API_KEY": "",
            "THROTTLE_USER": "1000000/hour",
            "THROTTLE_AI": "1000000/minute",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()


def seed(rows: int) -> object:
    """One user with `rows` expenses over three years, two currencies."""
    from django.core.management import call_command
    from django.db import transaction

    from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
    from users.services import UserService

    call_command("migrate", verbosity=0)
    user = UserService.register(
        username="bench", email="bench@example.com", password="Bench-Pass-2026!"
    )
    rng = random.Random(7)
    vendors = [f"Vendor {n}" for n in range(300)]
    methods = ["cash", "card", "bank_transfer", "mobile", "other"]
    today = date.today()
    started = time.perf_counter()
    batch: list[ExpenseModel] = []
    with transaction.atomic():
        for n in range(rows):
            batch.append(
                ExpenseModel(
                    user=user,
                    amount=Decimal(rng.randint(100, 50000)) / 100,
                    currency="EUR" if n % 10 == 0 else "USD",
                    category=rng.choice(EXPENSE_CATEGORIES),
                    vendor=rng.choice(vendors),
                    transaction_date=today - timedelta(days=rng.randint(0, 3 * 365)),
                    payment_method=rng.choice(methods),
                    expense_type="refund" if n % 50 == 0 else "expense",
                    is_active=n % 100 != 0,
                    notes="bench",
                )
            )
            if len(batch) == 5000:
                ExpenseModel.objects.bulk_create(batch)
                batch = []
        ExpenseModel.objects.bulk_create(batch)
    print(f"Seeded {rows:,} expenses in {time.perf_counter() - started:.1f}s")
    return user


def timed(
    runs: int, call: Callable[[], object], before: Callable | None = None
) -> list:
    """Milliseconds of `runs` calls (after one warm-up), `before` run untimed."""
    call()
    samples = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    """Seed, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "bench.sqlite3")
        user = seed(args.rows)
        report(user, args.runs)


def report(user: object, runs: int) -> None:
    """Time every endpoint and print a Markdown table."""
    from django.core.cache import cache
    from rest_framework.test import APIClient

    from expenses.tests.parser_cases import DEV_CASES
    from users.services import UserService

    client = APIClient()
    token = UserService.tokens_for(user=user)["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    url = "/api/expenses/"
    count = client.get(url).json()["count"]
    deep_page = count // 20 // 2
    texts = iter([case[0] for case in DEV_CASES] * (runs + 2))

    def ok(response: object) -> object:
        assert response.status_code in (200, 201), response.content[:300]
        return response

    def export() -> None:
        response = ok(client.get(f"{url}export/", {"date_from": month_start}))
        b"".join(response.streaming_content)

    month_start = UserService.today_for(user=user).replace(day=1).isoformat()
    year_ago = (UserService.today_for(user=user) - timedelta(days=365)).isoformat()
    cases = [
        ("list, page 1 (20 rows)", lambda: ok(client.get(url)), None),
        (
            f"list, deep page {deep_page:,} (20 rows)",
            lambda: ok(client.get(url, {"page": deep_page})),
            None,
        ),
        (
            "list, page 1, total not cached (first read after a write)",
            lambda: ok(client.get(url)),
            cache.clear,
        ),
        (
            f"list, deep page {deep_page:,}, total not cached",
            lambda: ok(client.get(url, {"page": deep_page})),
            cache.clear,
        ),
        (
            "list, page 1, page_size=100",
            lambda: ok(client.get(url, {"page_size": 100})),
            None,
        ),
        (
            "list, 2 categories + date range + ordering=-amount",
            lambda: ok(
                client.get(
                    url,
                    {
                        "category": "Travel,Health",
                        "date_from": year_ago,
                        "ordering": "-amount",
                    },
                )
            ),
            None,
        ),
        (
            "analytics, this month, cold (cache cleared)",
            lambda: ok(client.get(f"{url}analytics/")),
            cache.clear,
        ),
        (
            "analytics, this month, cached",
            lambda: ok(client.get(f"{url}analytics/")),
            None,
        ),
        (
            "analytics, last 365 days, cold",
            lambda: ok(client.get(f"{url}analytics/", {"date_from": year_ago})),
            cache.clear,
        ),
        (
            "parse_text, fallback parser, dry run",
            lambda: ok(
                client.post(
                    f"{url}parse_text/",
                    {"text": next(texts), "dry_run": True},
                    format="json",
                )
            ),
            None,
        ),
        (
            "parse_text, fallback parser, saves the expense",
            lambda: ok(
                client.post(f"{url}parse_text/", {"text": next(texts)}, format="json")
            ),
            None,
        ),
        (
            "categories, cold (cache cleared)",
            lambda: ok(client.get(f"{url}categories/")),
            cache.clear,
        ),
        ("categories, cached", lambda: ok(client.get(f"{url}categories/")), None),
        ("export CSV, this month (streamed)", export, None),
    ]
    print(
        f"\n{count:,} active expenses of one user; {runs} runs each (after a warm-up)\n"
    )
    print("| request | median ms | p95 ms |")
    print("| --- | ---: | ---: |")
    for name, call, before in cases:
        samples = sorted(timed(runs, call, before))
        p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
        print(f"| {name} | {statistics.median(samples):.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
