"""Where a request's time goes: the expenses list (page 1, page 250), a detail,
create and a cold analytics window, against the floor.

    .venv/bin/python bench/load_profile.py [--rows 10000] [--requests 300]

Seeds both sides as bench/load.py does (throwaway SQLite files, the same rows), then
in each side's own process sends the requests through the whole Django stack with
DRF's APIClient (middleware, JWT, view, database, rendering; production settings,
the project's access log on): the wall time per request unprofiled, the SQL queries
of one request, and a cProfile of the same requests split two ways: named steps
(cumulative, ms per request) and where the code lives (own time, ms per request).
cProfile makes everything slower; read its numbers as shares of the profiled total.
"""

import argparse
import cProfile
import itertools
import json
import logging
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from load_wrk import create_body

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FLOOR = BENCH / "floor"

METHODS = {
    "list": "GET /api/expenses/ (page 1)",
    "deep": "GET /api/expenses/?page=250",
    "detail": "GET /api/expenses/{id}/ (the newest row)",
    "create": "POST (create)",
    "cold": "GET /api/expenses/analytics/, a new window each (floor: list page 1)",
    "home": "GET /api/dashboard/ (floor: list page 1)",
    "home_cold": "GET /api/dashboard/, cache cleared before each (floor: list page 1)",
    "budget": "GET /api/budgets/summary/ (floor: list page 1)",
    "subscriptions": "GET /api/subscriptions/dashboard/ (floor: list page 1)",
    "write_home": "POST (create), then GET /api/dashboard/ (floor: create, list)",
    "assistant": "POST /api/assistant/chat/, rule-based (floor: create)",
}
# What the floor sends for a project request it has no counterpart of.
FLOOR_STAND_IN = {
    "cold": "list",
    "home": "list",
    "home_cold": "list",
    "budget": "list",
    "subscriptions": "list",
    "write_home": "write_list",
    "assistant": "create",
}
# (label, file suffix, function): cumulative time of the named steps.
STEPS = (
    ("whole request (handler)", "django/core/handlers/base.py", "get_response"),
    ("JWT authentication", "rest_framework/request.py", "_authenticate"),
    ("throttles", "rest_framework/views.py", "check_throttles"),
    ("permissions", "rest_framework/views.py", "check_permissions"),
    ("filtering (filter_queryset)", "rest_framework/generics.py", "filter_queryset"),
    ("pagination (page + total)", "rest_framework/pagination.py", "paginate_queryset"),
    ("serializer .data (rows fetched here)", "rest_framework/serializers.py", "data"),
    ("input validation (is_valid)", "rest_framework/serializers.py", "is_valid"),
    ("service create", "expenses/services.py", "create"),
    ("floor save", "rest_framework/serializers.py", "save"),
    ("domain events (announce)", "mysphere_core/events.py", "announce"),
    ("after-commit receivers", "mysphere_core/events.py", "_dispatch"),
    ("JSON rendering", "rest_framework/renderers.py", "render"),
    ("access log line", "mysphere_core/middleware.py", "_log_access"),
    ("response finalize", "rest_framework/views.py", "finalize_response"),
)  # fmt: skip
# (label, test on the file path and function name): own time, by where code lives.
PLACES = (
    ("sqlite3 / psycopg (C driver)", lambda f, n: "sqlite3" in n or "psycopg" in f),
    ("django.db (ORM, SQL compiler)", lambda f, n: "/django/db/" in f),
    ("django cache backend", lambda f, n: "/django/core/cache/" in f),
    ("simplejwt + PyJWT", lambda f, n: "simplejwt" in f or "/jwt/" in f),
    ("django-filter", lambda f, n: "/django_filters/" in f),
    ("DRF", lambda f, n: "/rest_framework/" in f),
    ("logging", lambda f, n: "/logging/" in f),
    ("json", lambda f, n: "/json/" in f),
    ("project code", lambda f, n: f.startswith(str(ROOT)) and "/.venv/" not in f),
    ("django (other)", lambda f, n: "/django/" in f),
)


def _place(filename: str, name: str) -> str:
    """Which PLACES row a function's own time belongs to."""
    for label, test in PLACES:
        if test(filename, name):
            return label
    return "other (stdlib, C built-ins)"


def breakdown(stats: pstats.Stats, count: int) -> dict:
    """Named steps (cumulative) and places (own time), ms per request."""
    steps: dict[str, float] = {}
    places: dict[str, float] = defaultdict(float)
    top: list[tuple[float, str]] = []
    for (filename, line, name), row in stats.stats.items():
        own, cumulative = row[2], row[3]
        places[_place(filename, name)] += own * 1000 / count
        short = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        top.append((own * 1000 / count, f"{short}:{line} {name}"))
        for label, suffix, function in STEPS:
            if name == function and filename.endswith(suffix):
                steps[label] = max(steps.get(label, 0.0), cumulative * 1000 / count)
    top.sort(reverse=True)
    return {"steps": steps, "places": dict(places), "top": top[:15]}


def measure(send: Callable[[], object], count: int) -> dict:
    """Wall ms per request (median of 5 batches; `send.prepare`, if any, runs
    before each request outside the timing), queries of one, the profile."""
    from django.db import connection

    prepare = getattr(send, "prepare", lambda: None)
    for _ in range(30):
        send()
    batches = []
    for _ in range(5):
        elapsed = 0.0
        for _ in range(count // 5):
            prepare()
            started = time.perf_counter()
            send()
            elapsed += time.perf_counter() - started
        batches.append(elapsed * 1000 / (count // 5))
    queries: list[str] = []

    def record(execute: Callable, sql: str, *args: object) -> object:
        queries.append(" ".join(sql.split())[:160])
        return execute(sql, *args)

    prepare()
    with connection.execute_wrapper(record):
        send()
    profile = cProfile.Profile()
    for _ in range(count):
        prepare()
        profile.enable()
        send()
        profile.disable()
    return {
        "wall_ms": statistics.median(batches),
        "queries": queries,
        **breakdown(pstats.Stats(profile), count),
    }


def _windows(today: date) -> Iterator[str]:
    """Analytics windows nobody asked for yet, as the load bench's cold script
    makes them: 7 to 96 days, ending anywhere in the last three years."""
    for i in itertools.count():
        last = today - timedelta(days=i % 1095)
        first = last - timedelta(days=7 + (i // 1095) % 90)
        yield f"?date_from={first.isoformat()}&date_to={last.isoformat()}"


def _sender(
    client: object, method: str, day: str, side: str = "project"
) -> Callable[[], object]:
    """A request of the bench: GET the list page 1 or 250 or the newest row, POST
    one expense, or (on the project) a cold analytics window."""
    from django.db import close_old_connections

    windows = _windows(date.fromisoformat(day))
    if side == "floor":
        method = FLOOR_STAND_IN.get(method, method)  # as the load bench reads them

    body = json.loads(create_body(day))
    paths = {
        "list": "/api/expenses/",
        "deep": "/api/expenses/?page=250",
        "home": "/api/dashboard/",
        "home_cold": "/api/dashboard/",
        "budget": "/api/budgets/summary/",
        "subscriptions": "/api/subscriptions/dashboard/",
    }
    reads = {"write_home": "/api/dashboard/", "write_list": "/api/expenses/"}
    if method == "detail":
        newest = client.get(paths["list"]).json()["results"][0]
        paths["detail"] = f"/api/expenses/{newest.get('expense_id', newest.get('id'))}/"

    def send() -> object:
        if method in reads:
            response = client.post("/api/expenses/", body, format="json")
            assert response.status_code == 201, response.content[:300]
            close_old_connections()
            response = client.get(reads[method])
        elif method == "create":
            response = client.post("/api/expenses/", body, format="json")
        elif method == "assistant":
            response = client.post(
                "/api/assistant/chat/",
                {"message": "what is due this week?"},
                format="json",
            )
        elif method == "cold":
            response = client.get("/api/expenses/analytics/" + next(windows))
        else:
            response = client.get(paths[method])
        assert response.status_code in (200, 201), response.content[:300]
        # As under gunicorn: the end of a request closes the connection unless the
        # side's CONN_MAX_AGE keeps it (60 on both sides, the project's default).
        close_old_connections()
        return response

    if method == "home_cold":
        from django.core.cache import cache

        send.prepare = cache.clear  # every Home its user's first of the minute
    return send


def _quiet_production_logs() -> None:
    """Keep the project's INFO access lines (their cost is real) but write them to
    /dev/null instead of the terminal."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    sink = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    for handler in root.handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(sink)


def _analyze() -> None:
    """Planner statistics on PostgreSQL, as autovacuum keeps them on a server: just
    seeded, a user's 10,000 expenses read as 4 rows and a LIMIT 5 sorts them all."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def side_project(
    folder: Path,
    rows: int,
    count: int,
    url: str = "",
    without: str = "",
    methods: tuple[str, ...] = tuple(METHODS),
) -> dict:
    """Seed the project (then disconnect the receivers `without` names), profile
    each request of METHODS."""
    sys.path.insert(0, str(BENCH))
    from common import configure
    from load_project import seed_project

    os.environ["JWT_ACCESS_TOKEN_LIFETIME_MINUTES"] = "720"
    configure(folder / "project.sqlite3", database_url=url)
    seeded = seed_project(rows, folder / "rows.json")
    _disconnect(without)
    _analyze()
    _quiet_production_logs()
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {seeded['token']}")
    day = date.today().isoformat()
    return {m: measure(_sender(client, m, day), count) for m in methods}


def side_floor(
    folder: Path, count: int, url: str = "", methods: tuple[str, ...] = tuple(METHODS)
) -> dict:
    """Seed the floor from the project's rows, profile its list and create."""
    sys.path.insert(0, str(FLOOR))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "floorsite.settings",
            "FLOOR_DATABASE_URL": url or f"sqlite:///{folder / 'floor.sqlite3'}",
            "ALLOWED_HOSTS": "testserver",
            "CONN_MAX_AGE": "60",  # the project's default, given to the floor too
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.test import APIClient

    call_command("migrate", verbosity=0)
    out = subprocess.run(
        [sys.executable, str(FLOOR / "manage.py"), "floor_seed", folder / "rows.json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    _analyze()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {out.strip().splitlines()[-1]}")
    day = date.today().isoformat()
    return {m: measure(_sender(client, m, day, "floor"), count) for m in methods}


def _print(results: dict) -> None:
    """Both sides, request by request: wall time, queries, steps, places."""
    for method, title in METHODS.items():
        if method not in results["project"]:
            continue
        project, floor = results["project"][method], results["floor"][method]
        print(f"\n## {title}\n")
        print(
            f"wall ms/request (unprofiled): project {project['wall_ms']:.2f}, "
            f"floor {floor['wall_ms']:.2f}\n"
        )
        for name, side in (("project", project), ("floor", floor)):
            print(f"{name} SQL ({len(side['queries'])} queries):")
            for sql in side["queries"]:
                print(f"  - {sql}")
        for key, heading in (("steps", "step (cumulative)"), ("places", "own time")):
            print(f"\n| {heading}, profiled ms/request | project | floor |")
            print("| --- | ---: | ---: |")
            names = sorted(
                set(project[key]) | set(floor[key]),
                key=lambda n: -project[key].get(n, 0),
            )
            for name in names:
                p, f = project[key].get(name, 0.0), floor[key].get(name, 0.0)
                if max(p, f) >= 0.01:
                    print(f"| {name} | {p:.2f} | {f:.2f} |")
        for name, side in (("project", project), ("floor", floor)):
            print(f"\n{name}: top own time, profiled ms/request")
            for ms, where in side["top"]:
                print(f"  {ms:6.3f}  {where}")


def _disconnect(uids: str) -> None:
    """Turn the named receivers of the project's domain events off (after setup)."""
    if not uids:
        return
    from mysphere_core import events

    for uid in uids.split(","):
        if not events.disconnect(uid):
            raise SystemExit(f"no receiver with dispatch_uid {uid!r}")


def _arguments() -> argparse.Namespace:
    """The command line (the hidden options are one side's own run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL server to profile on (two throwaway databases)",
    )
    parser.add_argument(
        "--without",
        default="",
        help="domain-event receivers to disconnect on the project, by dispatch uid, "
        "comma-separated (what each costs), e.g. budgets.alerts.on_expense_event",
    )
    parser.add_argument(
        "--methods",
        default=",".join(METHODS),
        help=f"comma-separated requests to profile, of {', '.join(METHODS)}",
    )
    parser.add_argument(
        "--db-prefix",
        default="bench_profile",
        help="names of the two throwaway PostgreSQL databases (<prefix>_project, "
        "<prefix>_floor): one of your own when others profile on the same server",
    )
    parser.add_argument("--side", choices=("project", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", default="", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    """Both sides in their own processes (two Django projects), then the tables."""
    args = _arguments()
    methods = tuple(args.methods.split(","))
    if set(methods) - set(METHODS):
        raise SystemExit(f"--methods: unknown {set(methods) - set(METHODS)}")
    if args.side == "project":
        measured = side_project(
            args.folder, args.rows, args.requests, args.url, args.without, methods
        )
        print(json.dumps(measured))
        return
    if args.side == "floor":
        print(json.dumps(side_floor(args.folder, args.requests, args.url, methods)))
        return
    results = {}
    from load import databases

    settings = argparse.Namespace(
        database_url=args.database_url, db_prefix=args.db_prefix, keep=False
    )
    with (
        tempfile.TemporaryDirectory() as folder,
        databases(settings, Path(folder)) as (
            project_url,
            floor_url,
        ),
    ):
        urls = {"project": project_url, "floor": floor_url}
        for side in ("project", "floor"):
            url = urls[side] if args.database_url else ""
            out = subprocess.run(
                [sys.executable, __file__, "--side", side, "--folder", folder]
                + ["--rows", str(args.rows), "--requests", str(args.requests)]
                + ["--url", url, "--without", args.without]
                + ["--methods", args.methods],
                capture_output=True,
                text=True,
                timeout=1800,
                check=False,
            )
            if out.returncode:
                raise SystemExit(f"{side} failed:\n{out.stderr[-3000:]}")
            results[side] = json.loads(out.stdout.strip().splitlines()[-1])
    _print(results)


if __name__ == "__main__":
    main()
