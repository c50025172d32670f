"""Benchmark of the expenses API on 100,000 expenses of one user (throwaway SQLite).

    .venv/bin/python bench/expenses_bench.py [--rows 100000] [--runs 30]
    .venv/bin/python bench/expenses_bench.py --growth [--runs 30]

Seeds a fresh SQLite database in a temporary folder (bulk insert, then the monthly
rollups rebuilt from the rows), then times real HTTP-level requests through DRF (JWT
auth included) and prints median and p95 latencies as a Markdown table. `--growth`
times the cold 365-day analytics for users with 1,000, 10,000 and 100,000 expenses
instead (the request, and the report's computation alone). Nothing touches the
project's own database.
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from common import configure


def seed(rows: int, username: str = "bench") -> object:
    """One user with `rows` expenses over three years, two currencies; rollups
    rebuilt from them."""
    from django.db import transaction

    from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
    from expenses.services import ExpenseService
    from users.services import UserService

    user = UserService.register(
        username=username,
        email=f"{username}@example.com",
        password="Bench-Pass-2026!",
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
    seeded = time.perf_counter()
    ExpenseService.rebuild_rollups(user=user)
    print(
        f"Seeded {rows:,} expenses in {seeded - started:.1f}s, "
        f"rollups rebuilt in {time.perf_counter() - seeded:.2f}s"
    )
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
    parser.add_argument(
        "--growth",
        action="store_true",
        help="365-day cold analytics at 1,000, 10,000 and 100,000 rows",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "bench.sqlite3")
        if args.growth:
            growth(args.runs)
        else:
            report(seed(args.rows), args.runs)


GROWTH_ROWS = (1_000, 10_000, 100_000)


def growth(runs: int) -> None:
    """The cold 365-day analytics of users with 1k, 10k and 100k expenses (one
    database, one user per size), as a Markdown table: the whole request (DRF,
    JWT, cache lookup and write) and the report's computation alone, both in this
    process. Sizes take turns run by run, so a busy machine slows them alike."""
    from django.core.cache import cache

    from expenses import analytics
    from users.services import UserService

    calls = {}
    for rows in GROWTH_ROWS:
        user = seed(rows, f"bench{rows}")
        today = UserService.today_for(user=user)
        first = today - timedelta(days=365)
        params = {"date_from": first.isoformat()}
        calls[rows] = (
            partial(_analytics, _client(user), params),
            partial(analytics.compute_analytics, user, date_from=first, date_to=today),
        )
    requests: dict[int, list[float]] = {rows: [] for rows in GROWTH_ROWS}
    computed: dict[int, list[float]] = {rows: [] for rows in GROWTH_ROWS}
    for _ in range(runs):
        for rows, (request, compute) in calls.items():
            requests[rows] += timed(1, request, cache.clear)
            computed[rows] += timed(1, compute)
    print(f"\nanalytics, last 365 days, cold (cache cleared); {runs} runs each\n")
    print(
        "| expenses | request median ms | p95 ms | × 1,000 rows "
        "| computation median ms | × 1,000 rows |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    base = statistics.median(requests[GROWTH_ROWS[0]])
    base_computed = statistics.median(computed[GROWTH_ROWS[0]])
    for rows, times in requests.items():
        times.sort()
        median = statistics.median(times)
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        alone = statistics.median(computed[rows])
        print(
            f"| {rows:,} | {median:.1f} | {p95:.1f} | {median / base:.2f} "
            f"| {alone:.1f} | {alone / base_computed:.2f} |"
        )


def _client(user: object) -> object:
    """An API client with a real JWT of `user`."""
    from rest_framework.test import APIClient

    from users.services import UserService

    client = APIClient()
    token = UserService.tokens_for(user=user)["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def _analytics(client: object, params: dict) -> object:
    """A successful analytics response."""
    return _ok(client.get("/api/expenses/analytics/", params))


def _ok(response: object) -> object:
    """The response, which must be a success."""
    assert response.status_code in (200, 201), response.content[:300]
    return response


def _list_cases(client: object, deep_page: int, year_ago: str) -> list[tuple]:
    """(name, call, before) of the list requests."""
    from django.core.cache import cache

    url = "/api/expenses/"
    filters = {
        "category": "Travel,Health",
        "date_from": year_ago,
        "ordering": "-amount",
    }
    return [
        ("list, page 1 (20 rows)", lambda: _ok(client.get(url)), None),
        (
            f"list, deep page {deep_page:,} (20 rows)",
            lambda: _ok(client.get(url, {"page": deep_page})),
            None,
        ),
        (
            "list, page 1, total not cached (first read after a write)",
            lambda: _ok(client.get(url)),
            cache.clear,
        ),
        (
            f"list, deep page {deep_page:,}, total not cached",
            lambda: _ok(client.get(url, {"page": deep_page})),
            cache.clear,
        ),
        (
            "list, page 1, page_size=100",
            lambda: _ok(client.get(url, {"page_size": 100})),
            None,
        ),
        (
            "list, 2 categories + date range + ordering=-amount",
            lambda: _ok(client.get(url, filters)),
            None,
        ),
    ]


def _other_cases(client: object, runs: int, month: str, year_ago: str) -> list[tuple]:
    """(name, call, before) of analytics, parse_text, categories and export."""
    from django.core.cache import cache

    from expenses.tests.parser_cases import DEV_CASES

    url = "/api/expenses/"
    texts = iter([case[0] for case in DEV_CASES] * (runs + 2))

    def parse(dry_run: bool) -> object:
        body = {"text": next(texts), "dry_run": dry_run}
        return _ok(client.post(f"{url}parse_text/", body, format="json"))

    def export() -> None:
        response = _ok(client.get(f"{url}export/", {"date_from": month}))
        b"".join(response.streaming_content)

    analytics = f"{url}analytics/"
    return [
        (
            "analytics, this month, cold (cache cleared)",
            lambda: _ok(client.get(analytics)),
            cache.clear,
        ),
        ("analytics, this month, cached", lambda: _ok(client.get(analytics)), None),
        (
            "analytics, last 365 days, cold",
            lambda: _ok(client.get(analytics, {"date_from": year_ago})),
            cache.clear,
        ),
        ("parse_text, fallback parser, dry run", lambda: parse(True), None),
        ("parse_text, fallback parser, saves the expense", lambda: parse(False), None),
        (
            "categories, cold (cache cleared)",
            lambda: _ok(client.get(f"{url}categories/")),
            cache.clear,
        ),
        ("categories, cached", lambda: _ok(client.get(f"{url}categories/")), None),
        ("export CSV, this month (streamed)", export, None),
    ]


def report(user: object, runs: int) -> None:
    """Time every endpoint and print a Markdown table."""
    from users.services import UserService

    client = _client(user)
    count = client.get("/api/expenses/").json()["count"]
    today = UserService.today_for(user=user)
    year_ago = (today - timedelta(days=365)).isoformat()
    cases = _list_cases(client, count // 20 // 2, year_ago)
    cases += _other_cases(client, runs, today.replace(day=1).isoformat(), year_ago)
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
