"""Benchmark of `GET /api/dashboard/` with the demo user (every feature's demo data,
as `make seed` makes it) on a throwaway SQLite database (or PostgreSQL with
--database-url).

    .venv/bin/python bench/dashboard_bench.py [--runs 30]

Times real requests through DRF (JWT auth included): cold (an expense written
before each request, so the sections are computed again: the first visit after a
write) and warm (the sections kept for the minute), with the queries each ran
(the default database cache's reads included), as a Markdown table.
"""

import argparse
import statistics
import tempfile
from pathlib import Path

from common import configure
from expenses_bench import _client, _ok, timed

URL = "/api/dashboard/"


def seed() -> object:
    """The demo user, seeded by the project's own command."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    return get_user_model().objects.get(username="demo")


def _queries(call: object) -> int:
    """How many SQL statements one call runs."""
    from django.db import connection

    seen: list[str] = []

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    return len(seen)


def report(user: object, runs: int) -> None:
    """Time the dashboard cold and warm; print the table."""
    from mysphere_core import caching

    client = _client(user)

    def after_a_write() -> None:
        caching.bump_user_version(user.pk, "expenses")

    def call() -> object:
        return _ok(client.get(URL))

    print(f"\n{runs} runs each\n")
    print("| request | queries | median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: |")
    for name, before in (("dashboard, cold", after_a_write), ("dashboard, warm", None)):
        if before:
            before()
        queries = _queries(call)
        samples = sorted(timed(runs, call, before))
        median = statistics.median(samples)
        p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
        print(f"| {name} | {queries} | {median:.1f} | {p95:.1f} |")


def main() -> None:
    """Seed, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "bench.sqlite3", database_url=args.database_url)
        report(seed(), args.runs)


if __name__ == "__main__":
    main()
