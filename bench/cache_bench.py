"""What the shared cache costs: local memory vs the database cache (vs Redis).

    .venv/bin/python bench/cache_bench.py [--ops 5000]
    REDIS_URL=redis://127.0.0.1:6379/1 .venv/bin/python bench/cache_bench.py

Local memory is per process (wrong under several workers); the database cache is the
embedded default, shared by every worker. Each row times one cache operation, median
of 5 runs of `--ops` operations, in a throwaway SQLite database; the last row is the
floor in the same run: the cheapest ORM query the requests already make (a primary-key
lookup), so the cache's cost can be read against one query.
"""

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import configure


def per_op_us(operation: Callable[[int], object], ops: int) -> float:
    """Median microseconds per call over five runs of `ops` calls."""
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for index in range(ops):
            operation(index)
        runs.append((time.perf_counter() - started) / ops * 1e6)
    return statistics.median(runs)


def measure(backend: str, cache: object, ops: int) -> list[tuple[str, str, float]]:
    """get hit, get miss, set, and the versioned-key read every cached view makes."""
    cache.set("bench_hit", {"total": "12.34", "rows": list(range(20))}, 600)
    cache.add("cache_version_bench_1", "v1", None)
    return [
        (backend, "get (hit)", per_op_us(lambda i: cache.get("bench_hit"), ops)),
        (backend, "get (miss)", per_op_us(lambda i: cache.get(f"none_{i}"), ops)),
        (backend, "set", per_op_us(lambda i: cache.set(f"k{i % 100}", i, 600), ops)),
        (
            backend,
            "versioned read (2 gets)",
            per_op_us(
                lambda i: cache.get_many(["cache_version_bench_1", "bench_hit"]), ops
            ),
        ),
    ]


def main() -> None:
    """Print a Markdown table of the cost of each backend, with the ORM floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "bench.sqlite3")
        from django.contrib.auth import get_user_model
        from django.core.cache.backends.db import DatabaseCache
        from django.core.cache.backends.locmem import LocMemCache

        rows = measure("local memory", LocMemCache("bench", {}), args.ops)
        rows += measure("database", DatabaseCache("mysphere_cache", {}), args.ops)
        if os.environ["REDIS_URL"]:
            from django_redis.cache import RedisCache

            redis = RedisCache(os.environ["REDIS_URL"], {})
            rows += measure("redis", redis, args.ops)
        user = get_user_model().objects.create(username="bench")
        users = get_user_model().objects
        floor = per_op_us(lambda i: users.filter(pk=user.pk).first(), args.ops)
        rows.append(("floor", "ORM primary-key lookup", floor))
    print("| cache | operation | µs per call |\n| --- | --- | --- |")
    for backend, operation, micros in rows:
        print(f"| {backend} | {operation} | {micros:.1f} |")


if __name__ == "__main__":
    main()
