"""Load benchmark: the project against a bare Django + DRF + simplejwt floor, under wrk.

    make bench-load                       # SQLite (throwaway files)
    make bench-load DATABASE_URL=postgres://mysphere:mysphere@127.0.0.1:5432/mysphere \\
        REDIS_URL=redis://127.0.0.1:6379/0   # PostgreSQL + Redis
    .venv/bin/python bench/load.py --seconds 10 --connections 16 --workers 2

Seeds the project (a user with --rows expenses and the subscriptions demo) and the
floor (bench/floor/: the same expenses, nothing else) in throwaway databases, starts
each under gunicorn on a free loopback port, and drives them with wrk, one endpoint at
a time, alternating project and floor runs. Prints (and writes to bench/results/) a
Markdown table: req/s, p50 and p99 of each side and the project/floor throughput ratio.
On PostgreSQL the two databases are `<prefix>_project` and `<prefix>_floor` on the
DATABASE_URL's server (created, then dropped); Redis gets its own database number
(--redis-db, flushed before the run). Servers are stopped whatever happens.
"""

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import load_wrk

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
FLOOR = BENCH / "floor"
sys.path.insert(0, str(ROOT))

from common import BENCH_ENV  # noqa: E402

RESERVED_DATABASES = {"mysphere", "test_mysphere", "postgres", "template0", "template1"}


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its base URL and the bench user's token."""

    name: str
    base: str
    token: str


@dataclass(frozen=True)
class Case:
    """One row of the table: a project request and the floor request it is read
    against; `script` is a Lua script name (load_wrk.write_scripts)."""

    label: str
    project_path: str
    floor_path: str
    script: str | None = None
    floor_script: str | None = None
    read_path: str = ""  # the GET after each write of "write_then_read"


def _args() -> argparse.Namespace:
    """Command-line options (the defaults are the documented run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10, help="per run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds, untimed")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat every run; keep each side's best"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--redis-db", type=int, default=15)
    parser.add_argument("--db-prefix", default="bench_load")
    parser.add_argument("--keep", action="store_true", help="keep PG databases")
    parser.add_argument(
        "--only",
        default="",
        help="run only the endpoints whose name contains this (e.g. create)",
    )
    return parser.parse_args()


def _free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- databases ---------------------------------------------------------------------


@contextmanager
def databases(args: argparse.Namespace, folder: Path) -> object:
    """(project URL, floor URL): SQLite files in `folder`, or two fresh PostgreSQL
    databases on the DATABASE_URL's server, dropped afterwards."""
    if not args.database_url:
        yield f"sqlite:///{folder / 'project.sqlite3'}", (
            f"sqlite:///{folder / 'floor.sqlite3'}"
        )
        return
    import environ
    import psycopg

    config = environ.Env.db_url_config(args.database_url)
    names = [f"{args.db_prefix}_project", f"{args.db_prefix}_floor"]
    if RESERVED_DATABASES & set(names):
        raise SystemExit(f"Refusing to use {names}: pick another --db-prefix")
    admin = psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    base = args.database_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        if not args.keep:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def redis_url(args: argparse.Namespace) -> str:
    """The Redis URL of the bench's own database number, flushed; '' without Redis."""
    if not args.redis_url:
        return ""
    import redis

    url = f"{args.redis_url.rsplit('/', 1)[0]}/{args.redis_db}"
    if not url.startswith("redis://") and not url.startswith("rediss://"):
        raise SystemExit(
            f"REDIS_URL must be redis://host:port/db, not {args.redis_url}"
        )
    redis.Redis.from_url(url).flushdb()
    return url


# --- seeding and servers -----------------------------------------------------------


def _run(command: list[str], env: dict, timeout: int = 900) -> str:
    """Run a helper process; its stdout, or exit with its stderr."""
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def project_env(database_url: str, redis: str, conn_max_age: int) -> dict:
    """The project's environment: production settings, the bench's database."""
    return {
        **os.environ,
        **BENCH_ENV,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis,
        "CACHE_URL": os.environ.get("CACHE_URL", "dbcache://mysphere_cache"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": str(conn_max_age),
        "JWT_ACCESS_TOKEN_LIFETIME_MINUTES": "720",
        "LOG_LEVEL": "INFO",
        "PYTHONPATH": str(ROOT),
    }


def floor_env(database_url: str, conn_max_age: int) -> dict:
    """The floor's environment."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "floorsite.settings",
        "FLOOR_DATABASE_URL": database_url,
        "SECRET_KEY": BENCH_ENV["SECRET_KEY"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": str(conn_max_age),
        "PYTHONPATH": str(FLOOR),
    }


def seed(args: argparse.Namespace, envs: dict, folder: Path) -> dict:
    """Seed both sides; the project's result line (token, counts) plus the floor's
    token under "floor_token"."""
    rows_file = folder / "rows.json"
    print(
        f"Seeding the project ({args.rows:,} expenses + subscriptions) ...", flush=True
    )
    out = _run(
        [
            sys.executable,
            str(BENCH / "load_project.py"),
            envs["project"]["DATABASE_URL"],
            str(args.rows),
            str(rows_file),
        ],
        {**envs["project"], "LOG_LEVEL": "WARNING"},
    )
    seeded = json.loads(out.strip().splitlines()[-1])
    print(f"Seeding the floor ({seeded['expenses']:,} expenses) ...", flush=True)
    manage = [sys.executable, str(FLOOR / "manage.py")]
    _run([*manage, "migrate", "-v", "0"], envs["floor"])
    out = _run([*manage, "floor_seed", str(rows_file)], envs["floor"])
    seeded["floor_token"] = out.strip().splitlines()[-1]
    analyze(envs["project"]["DATABASE_URL"], envs["floor"]["FLOOR_DATABASE_URL"])
    return seeded


def analyze(*database_urls: str) -> None:
    """ANALYZE freshly seeded PostgreSQL databases, as autovacuum would soon: without
    statistics the planner takes a user's 10,000 rows for a handful and sorts them
    where an index would do (SQLite: nothing to do)."""
    import psycopg

    for url in database_urls:
        if url.startswith(("postgres://", "postgresql://")):
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute("ANALYZE")


@contextmanager
def serve(
    name: str, app: str, env: dict, args: argparse.Namespace, log: Path
) -> object:
    """gunicorn serving `app` on a free loopback port until the block ends."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
    ]
    with log.open("w") as sink:
        process = subprocess.Popen(
            command, env=env, stdout=sink, stderr=sink, start_new_session=True
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """TERM the server's process group, KILL it after 10 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def fetch(url: str, token: str, body: bytes | None = None) -> tuple[int, bytes]:
    """(status, body) of one request with the JWT (loopback only)."""
    request = urllib.request.Request(url, data=body, method="POST" if body else "GET")
    request.add_header("Authorization", f"Bearer {token}")
    if body:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_ready(server: Server, path: str, log: Path) -> None:
    """Poll `path` until it answers 200; exit with the server's log after 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(server.base + path, server.token)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{server.name} did not start:\n{log.read_text()[-3000:]}")


# --- the runs ----------------------------------------------------------------------


def cases(today: date) -> list[Case]:
    """The rows of the table, in the order they run (creates last: they add rows
    and invalidate the project's caches)."""
    month_ago = (today - timedelta(days=30)).isoformat()
    window = f"?date_from={month_ago}&date_to={today.isoformat()}"
    analytics = "/api/expenses/analytics/"
    listing = "/api/expenses/"
    return [
        Case("expenses list, page 1", listing, listing),
        Case("expenses list, page 250", f"{listing}?page=250", f"{listing}?page=250"),
        Case("analytics, cached (same window)", analytics + window, listing),
        Case("analytics, cold (a new window each)", analytics, listing, "cold"),
        Case("subscriptions dashboard", "/api/subscriptions/dashboard/", listing),
        Case("budget summary", "/api/budgets/summary/", listing),
        Case("dashboard", "/api/dashboard/", listing),
        Case("expense create (POST)", listing, listing, "create", "create"),
        Case(
            "write then Home (POST, GET in turn) [floor: create, list]",
            listing,
            listing,
            "write_then_read",
            "write_then_read",
            "/api/dashboard/",
        ),
        Case(
            "assistant chat, rule-based (POST)",
            "/api/assistant/chat/",
            listing,
            "assistant",
            "create",
        ),
    ]


def check(case: Case, project: Server, floor: Server, create_body: bytes) -> None:
    """Each side answers the case's status once before it is loaded."""
    for server, path, script in (
        (project, case.project_path, case.script),
        (floor, case.floor_path, case.floor_script),
    ):
        body = {"create": create_body, "assistant": load_wrk.ASSISTANT_BODY}.get(
            script or ""
        )
        code, content = fetch(server.base + path, server.token, body)
        expected = 201 if script == "create" else 200
        if code != expected:
            raise SystemExit(f"{server.name} {path}: {code} {content[:500]!r}")


class Runner:
    """wrk runs with the bench's settings; counts runs to give each cold run fresh
    analytics windows."""

    def __init__(self, args: argparse.Namespace, scripts: dict[str, Path]) -> None:
        self.args = args
        self.scripts = scripts
        self.cold_runs = 0

    def run(
        self,
        server: Server,
        path: str,
        script: str | None,
        seconds: int,
        read_path: str = "",
    ) -> load_wrk.Result:
        """One wrk run of `seconds` against `path` (`read_path`: the GET between
        writes of the write-then-read script)."""
        script_args: tuple[str, ...] = (read_path,) if read_path else ()
        if script == "cold":
            start = self.cold_runs * load_wrk.COLD_WINDOWS_PER_RUN
            script_args = (str(start), str(self.args.threads))
            self.cold_runs += 1
        result = load_wrk.run(
            server.base + path,
            server.token,
            seconds=seconds,
            connections=self.args.connections,
            threads=self.args.threads,
            script=self.scripts[script] if script else None,
            script_args=script_args,
        )
        if script == "cold" and result.requests > load_wrk.COLD_WINDOWS_PER_RUN:
            print("  note: more requests than fresh windows; some hit the cache")
        return result

    def pair(self, case: Case, project: Server, floor: Server) -> tuple:
        """Warm up, then the project's run and the floor's, one after the other."""
        measured = []
        reads = {"project": case.read_path, "floor": case.floor_path}
        for server, path, script in (
            (project, case.project_path, case.script),
            (floor, case.floor_path, case.floor_script),
        ):
            read = reads[server.name] if script == "write_then_read" else ""
            if self.args.warmup:
                self.run(server, path, script, self.args.warmup, read)
            result = self.run(server, path, script, self.args.seconds, read)
            print(
                f"  {server.name:8} {case.label}: {result.rps:,.0f} req/s, "
                f"p50 {result.p50:.1f} ms, p99 {result.p99:.1f} ms"
                + (f", {result.errors} errors" if result.errors else ""),
                flush=True,
            )
            measured.append(result)
        return tuple(measured)


# --- the report --------------------------------------------------------------------


def _cpu() -> str:
    """The CPU model from /proc/cpuinfo (or the platform's processor)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _cell(result: load_wrk.Result) -> str:
    """req/s | p50 | p99 cells; failed requests are flagged."""
    flag = f" ({result.errors} failed)" if result.errors else ""
    return f"{result.rps:,.0f}{flag} | {result.p50:.1f} | {result.p99:.1f}"


def stand_in(case: Case) -> str:
    """' [floor: ...]' when the floor's request is not the project's own."""
    if case.floor_script == "create" and case.script != "create":
        return " [floor: create]"
    if case.floor_path != case.project_path:
        return " [floor: list p. 1]"
    return ""


def report(args: argparse.Namespace, seeded: dict, rows: list) -> str:
    """The Markdown report: context, then one table row per case."""
    engine = "PostgreSQL + Redis" if args.database_url else "SQLite + database cache"
    if args.database_url and not args.redis_url:
        engine = "PostgreSQL + database cache"
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs ({_cpu()}); "
        f"{engine}; gunicorn {args.workers} workers (sync) per side; wrk "
        f"{args.threads} threads, {args.connections} connections, {args.seconds:g} s "
        f"per run after {args.warmup:g} s of warm-up, best of {args.rounds} "
        f"round(s); load average before the runs {seeded['load']}; "
        f"{seeded['expenses']:,} expenses on each side; {seeded['subscriptions']}.",
        "",
        "| endpoint | project req/s | p50 ms | p99 ms | floor req/s | p50 ms | p99 ms "
        "| project/floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for case, project, floor in rows:
        lines.append(
            f"| {case.label}{stand_in(case)} | {_cell(project)} | {_cell(floor)} "
            f"| {project.rps / floor.rps:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Databases, seeding, servers, the runs, the table; everything cleaned up."""
    args = _args()
    load_wrk.ensure_wrk()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    conn_max_age = 60  # the project's default, given to the floor too
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        project_db, floor_db = stack.enter_context(databases(args, folder))
        envs = {
            "project": project_env(project_db, redis_url(args), conn_max_age),
            "floor": floor_env(floor_db, conn_max_age),
        }
        seeded = seed(args, envs, folder)
        today = date.today()
        seeded["load"] = " ".join(f"{n:.1f}" for n in os.getloadavg())
        scripts = load_wrk.write_scripts(folder, today.isoformat())
        servers = {}
        for name, app, token in (
            ("project", "mysphere_core.wsgi:application", seeded["token"]),
            ("floor", "floorsite.wsgi:application", seeded["floor_token"]),
        ):
            log = folder / f"{name}.log"
            base = stack.enter_context(serve(name, app, envs[name], args, log))
            servers[name] = Server(name, base, token)
            wait_ready(servers[name], "/api/expenses/", log)
        create_body = load_wrk.create_body(today.isoformat())
        runner = Runner(args, scripts)
        runs: dict[Case, list] = {
            case: [] for case in cases(today) if args.only in case.label
        }
        for round_number in range(args.rounds):
            print(f"Round {round_number + 1} of {args.rounds}", flush=True)
            for case, measured in runs.items():
                check(case, servers["project"], servers["floor"], create_body.encode())
                measured.append(runner.pair(case, servers["project"], servers["floor"]))
    rows = [
        (
            case,
            *(max(side, key=lambda r: r.rps) for side in zip(*measured, strict=True)),
        )
        for case, measured in runs.items()
    ]
    text = report(args, seeded, rows)
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    kind = "postgres" if args.database_url else "sqlite"
    if not args.only:
        (results / f"load-{kind}.md").write_text(text + "\n")
    print("\n" + text)


if __name__ == "__main__":
    main()
