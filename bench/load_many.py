"""Many users at once: the project against the floor with a random user per request.

    make bench-many                        # 1,000 users x 1,000 expenses
    .venv/bin/python bench/load_many.py --users 50 --rows 1000 \\
        --database-url postgres://mysphere:mysphere@127.0.0.1:5432/mysphere \\
        --redis-url redis://127.0.0.1:6379/0

PostgreSQL + Redis only. Seeds the project (bench/load_many_project.py: USERS users,
ROWS expenses each in one `INSERT ... SELECT generate_series`, the rollups rebuilt by
the project, three subscriptions, four todos and a budget each through the services)
and the floor (the same users and expenses), serves both as bench/load.py does
(gunicorn, 2 sync workers per side) and drives each row with wrk, a Lua script
choosing a random user's token per request: list page 1, Home, create, the
assistant's chat (Home is read against the floor's list, the assistant against its
create). Each gunicorn worker's RSS is sampled at the start and the end of every
row, and what the project's Redis database holds after each row (keys by pattern,
bytes).
Prints (and writes to bench/results/load-many.md) the tables; databases dropped and
servers stopped whatever happens.
"""

import argparse
import json
import os
import re
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, date, datetime
from pathlib import Path

import load
import load_wrk
import many_rows

BENCH = Path(__file__).resolve().parent

# Every request carries a random user's token (read from args[1] in each thread).
RANDOM_USER_LUA = load_wrk.THREAD_INDEX_LUA + """
function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  math.randomseed(os.time() * 100 + thread_index)
end
function request()
  local headers = {}
  headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  headers["Content-Type"] = "application/json"
  return wrk.format(%s, nil, headers, %s)
end
"""


def _args() -> argparse.Namespace:
    """Command-line options (the defaults are the documented run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1000, help="expenses per user")
    parser.add_argument("--seconds", type=int, default=10, help="per run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds, untimed")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--rounds", type=int, default=1, help="keep each side's best")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--db-prefix", default="bench_many")
    parser.add_argument("--keep", action="store_true", help="keep PG databases")
    parser.add_argument("--only", default="", help="only the rows naming this")
    args = parser.parse_args()
    if not (args.database_url.startswith("postgres") and args.redis_url):
        parser.error(
            "PostgreSQL and Redis only: give --database-url postgres://... "
            "and --redis-url redis://... (or DATABASE_URL, REDIS_URL)"
        )
    return args


def cases() -> list[load.Case]:
    """The rows, in the order they run (the writes last)."""
    listing = "/api/expenses/"
    return [
        load.Case("expenses list, page 1", listing, listing, "get", "get"),
        load.Case("dashboard (Home)", "/api/dashboard/", listing, "get", "get"),
        load.Case("expense create (POST)", listing, listing, "create", "create"),
        load.Case(
            "assistant chat, rule-based (POST)",
            "/api/assistant/chat/",
            listing,
            "assistant",
            "create",
        ),
    ]


def write_scripts(folder: Path, today: str) -> dict[str, Path]:
    """The random-user Lua scripts: name -> path."""
    bodies = {
        "get": ('"GET"', "nil"),
        "create": ('"POST"', repr(load_wrk.create_body(today))),
        "assistant": ('"POST"', repr(load_wrk.ASSISTANT_BODY.decode())),
    }
    paths = {}
    for name, (method, body) in bodies.items():
        paths[name] = folder / f"many_{name}.lua"
        paths[name].write_text(RANDOM_USER_LUA % (method, body))
    return paths


# --- seeding -----------------------------------------------------------------------


def seed(args: argparse.Namespace, envs: dict, folder: Path) -> dict:
    """Seed both sides; counts, timings and the two token files."""
    tokens = {"project": folder / "project.tokens", "floor": folder / "floor.tokens"}
    print(f"Seeding the project ({args.users:,} users x {args.rows:,}) ...", flush=True)
    out = load._run(
        [
            sys.executable,
            str(BENCH / "load_many_project.py"),
            envs["project"]["DATABASE_URL"],
            str(args.users),
            str(args.rows),
            str(tokens["project"]),
        ],
        {**envs["project"], "LOG_LEVEL": "WARNING"},
        timeout=3600,
    )
    seeded = json.loads(out.strip().splitlines()[-1])
    print(f"  {seeded}", flush=True)
    for found in seeded["plans"]["whole_reads"]:
        print(f"  plan reading beyond one user's rows: {found}", flush=True)
    print("Seeding the floor ...", flush=True)
    started = time.perf_counter()
    manage = [sys.executable, str(load.FLOOR / "manage.py")]
    load._run([*manage, "migrate", "-v", "0"], envs["floor"])
    load._run(
        [*manage, "floor_seed_many", str(args.users), str(tokens["floor"])],
        envs["floor"],
    )
    seeded["floor_expenses"] = insert_floor_expenses(
        envs["floor"]["FLOOR_DATABASE_URL"], args.rows
    )
    seeded["floor_s"] = round(time.perf_counter() - started, 1)
    seeded["tokens"] = tokens
    return seeded


def insert_floor_expenses(database_url: str, rows: int) -> int:
    """The floor's copy of the expenses (bench/many_rows.py's statement)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        done = connection.execute(
            many_rows.insert_sql("ledger_expense"), many_rows.params(rows)
        )
        inserted = done.rowcount
        connection.execute("ANALYZE")
    return inserted


# --- memory per worker -------------------------------------------------------------


def _ppid_and_cmdline(pid: str) -> tuple[int, str]:
    """A process's parent id and command line ((0, '') once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return 0, ""
    return int(stat.rsplit(")", 1)[1].split()[1]), cmdline.decode(errors="replace")


def worker_pids(base: str) -> list[int]:
    """The gunicorn workers serving `base`: the children of this process's child
    bound to its port."""
    bind = base.removeprefix("http://")
    processes = {
        int(pid): _ppid_and_cmdline(pid) for pid in os.listdir("/proc") if pid.isdigit()
    }
    masters = {
        pid
        for pid, (ppid, cmdline) in processes.items()
        if ppid == os.getpid() and bind in cmdline
    }
    return sorted(pid for pid, (ppid, _) in processes.items() if ppid in masters)


def rss_mb(pids: list[int]) -> list[float]:
    """Each process's resident memory (VmRSS) in MB."""
    sizes = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        sizes.append(int(found[1]) / 1024 if found else 0.0)
    return sizes


# --- the runs ----------------------------------------------------------------------


def measure(
    args: argparse.Namespace, server: load.Server, path: str, script: Path, tokens: Path
) -> tuple[load_wrk.Result, list[float], list[float]]:
    """Warm-up and one timed wrk run of `path` with random users' tokens; the
    workers' RSS (MB) before the warm-up and after the run."""
    pids = worker_pids(server.base)
    before = rss_mb(pids)
    result = None
    for seconds in (args.warmup, args.seconds):
        if seconds:
            result = load_wrk.run(
                server.base + path,
                server.token,
                seconds=seconds,
                connections=args.connections,
                threads=args.threads,
                script=script,
                script_args=(str(tokens),),
            )
    return result, before, rss_mb(worker_pids(server.base))


def run_case(
    args: argparse.Namespace, case: load.Case, servers: dict, seeded: dict
) -> dict:
    """The project's run of the case, then the floor's."""
    measured = {}
    for name, path, script in (
        ("project", case.project_path, case.script),
        ("floor", case.floor_path, case.floor_script),
    ):
        result, before, after = measure(
            args,
            servers[name],
            path,
            seeded["scripts"][script],
            seeded["tokens"][name],
        )
        print(
            f"  {name:8} {case.label}: {result.rps:,.0f} req/s, p50 {result.p50:.1f}"
            f" ms, p99 {result.p99:.1f} ms"
            + (f", {result.errors} errors" if result.errors else "")
            + f"; RSS MB {_mb(before)} -> {_mb(after)}",
            flush=True,
        )
        measured[name] = (result, before, after)
        if name == "project":
            measured["redis"] = redis_report(seeded["redis_url"])
    return measured


def _mb(sizes: list[float]) -> str:
    """Worker sizes as '81/83' (MB, one per worker)."""
    return "/".join(f"{size:.0f}" for size in sizes) or "?"


# --- what Redis holds --------------------------------------------------------------

VERSION_KEY = re.compile(r"cache_version_\w+?_(\d+)$")


def key_pattern(key: str) -> str:
    """A cache key with its variable parts named: versions, numbers, dates."""
    key = re.sub(r"^:\d+:", "", key)
    key = re.sub(r"[0-9a-f]{32}", "{v}", key)
    key = re.sub(r"\d{4}-\d{2}-\d{2}", "{day}", key)
    return re.sub(r"\d+", "{n}", key)


def redis_report(url: str) -> dict:
    """Keys by pattern in the run's Redis database: count, bytes, longest TTL; the
    server's memory and cap (the whole server: other databases share it)."""
    import redis

    client = redis.Redis.from_url(url)
    keys = [key.decode() for key in client.scan_iter(count=1000)]
    pipe = client.pipeline(transaction=False)
    for key in keys:
        pipe.memory_usage(key)
        pipe.ttl(key)
    answers = pipe.execute()
    patterns: dict[str, list[int]] = {}
    for key, size, ttl in zip(keys, answers[::2], answers[1::2], strict=True):
        row = patterns.setdefault(key_pattern(key), [0, 0, -1])
        row[0] += 1
        row[1] += size or 0
        row[2] = max(row[2], ttl)
    users = {m[1] for key in keys if (m := VERSION_KEY.search(key))}
    config = client.config_get("maxmemory*")
    return {
        "dbsize": client.dbsize(),
        "bytes": sum(row[1] for row in patterns.values()),
        "users": len(users),
        "patterns": patterns,
        "used_memory": client.info("memory")["used_memory"],
        "maxmemory": config.get("maxmemory"),
        "policy": config.get("maxmemory-policy"),
    }


# --- the report --------------------------------------------------------------------


def _worker_cell(before: list[float], after: list[float]) -> str:
    """'81/83 → 85/86' MB."""
    return f"{_mb(before)} → {_mb(after)}"


def report(args: argparse.Namespace, seeded: dict, rows: list) -> str:
    """The Markdown report: context, the runs with memory, what Redis holds."""
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs; "
        f"PostgreSQL + Redis; {args.users:,} users x {args.rows:,} expenses "
        f"({seeded['expenses']:,} rows on each side; project seeded in "
        f"{seeded['total_s']} s: users {seeded['users_s']}, expenses "
        f"{seeded['expenses_s']}, rollups {seeded['rollups_s']}, features "
        f"{seeded['features_s']}; floor {seeded['floor_s']} s); gunicorn "
        f"{args.workers} sync workers per side; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.seconds} s per run after "
        f"{args.warmup} s of warm-up, a random user per request; load average "
        f"before the runs {seeded['load']}, after {seeded['load_after']}.",
        "",
        f"Query plans on the seeded database (one user's list, Home, create and chat, "
        f"EXPLAINed, sequential scans priced out): {seeded['plans']['explained']} "
        f"statements, {len(seeded['plans']['whole_reads'])} reading beyond one user's "
        "rows (tables left empty by the seed, not judged: "
        f"{', '.join(seeded['plans']['empty_tables']) or 'none'})"
        + "".join(f"\n- {found}" for found in seeded["plans"]["whole_reads"]),
        "",
        "| endpoint | project req/s | p50 ms | p99 ms | floor req/s | p50 ms | p99 ms "
        "| project/floor | project RSS MB per worker | floor RSS MB per worker "
        "| Redis keys, KB after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for case, measured in rows:
        project, floor, held = measured["project"], measured["floor"], measured["redis"]
        lines.append(
            f"| {case.label}{load.stand_in(case)} | {load._cell(project[0])} "
            f"| {load._cell(floor[0])} | {project[0].rps / floor[0].rps:.2f} "
            f"| {_worker_cell(*project[1:])} | {_worker_cell(*floor[1:])} "
            f"| {held['dbsize']:,}, {held['bytes'] / 1024:,.0f} |"
        )
    fullest = max(rows, key=lambda row: row[1]["redis"]["bytes"], default=None)
    if fullest is None:
        return "\n".join(lines)
    held = redis_lines(fullest[1]["redis"], f"after the row '{fullest[0].label}'")
    return "\n".join(lines + ["", *held])


def redis_lines(held: dict, when: str) -> list[str]:
    """What the project's Redis database held at its fullest, by key pattern."""
    per_user = held["dbsize"] / held["users"] if held["users"] else 0
    lines = [
        f"Redis {when} (its fullest): DBSIZE {held['dbsize']:,}, "
        f"{held['bytes'] / 1024:,.0f} KB in this database (MEMORY USAGE summed), "
        f"{held['users']:,} users with a version key, {per_user:.1f} keys per user; "
        f"the server's used_memory {held['used_memory'] / 1024 / 1024:.1f} MB (all "
        f"its databases), maxmemory {held['maxmemory']}, policy {held['policy']}.",
        "",
        "| key pattern | keys | KB | bytes per key | longest TTL s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    ranked = sorted(held["patterns"].items(), key=lambda item: -item[1][1])
    for pattern, (count, size, ttl) in ranked[:30]:
        lines.append(
            f"| `{pattern}` | {count:,} | {size / 1024:,.0f} | {size // count:,} "
            f"| {ttl if ttl >= 0 else 'none'} |"
        )
    return lines


def start_servers(
    stack: ExitStack, args: argparse.Namespace, envs: dict, seeded: dict, folder: Path
) -> dict:
    """Both gunicorns, ready (each checked with its first user's token)."""
    servers = {}
    for name, app in (
        ("project", "mysphere_core.wsgi:application"),
        ("floor", "floorsite.wsgi:application"),
    ):
        log = folder / f"{name}.log"
        base = stack.enter_context(load.serve(name, app, envs[name], args, log))
        token = seeded["tokens"][name].read_text().split("\n", 1)[0]
        servers[name] = load.Server(name, base, token)
        load.wait_ready(servers[name], "/api/expenses/", log)
    return servers


def main() -> None:
    """Databases, seeding, servers, the runs, the report; everything cleaned up."""
    args = _args()
    load_wrk.ensure_wrk()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        project_db, floor_db = stack.enter_context(load.databases(args, folder))
        redis = load.redis_url(args)
        envs = {
            "project": load.project_env(project_db, redis, 60),
            "floor": load.floor_env(floor_db, 60),
        }
        seeded = seed(args, envs, folder)
        seeded["redis_url"] = redis
        today = date.today().isoformat()
        seeded["scripts"] = write_scripts(folder, today)
        seeded["load"] = " ".join(f"{n:.1f}" for n in os.getloadavg())
        servers = start_servers(stack, args, envs, seeded, folder)
        create_body = load_wrk.create_body(today).encode()
        rows = []
        for case in cases():
            if args.only in case.label:
                load.check(case, servers["project"], servers["floor"], create_body)
                rows.append((case, run_case(args, case, servers, seeded)))
        seeded["load_after"] = " ".join(f"{n:.1f}" for n in os.getloadavg())
    text = report(args, seeded, rows)
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    if not args.only:
        (results / "load-many.md").write_text(text + "\n")
    print("\n" + text)


if __name__ == "__main__":
    main()
