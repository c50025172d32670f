"""`make chaos`: a live server driven through faults, printing what held.

Each fault gets a production-like gunicorn (3 workers, DEBUG off, no broker: tasks
run after the response) on a throwaway SQLite database:

- a slow webhook receiver (it sleeps 8 s): the owner's write, another user's write
  and `/ready/` must each answer in under 0.5 s, the delivery must still arrive;
- a worker killed (`kill -9`) under a write load: every acknowledged write is there;
- a full disk (`SQLITE_MAX_PAGES=1`): `/ready/` 503, writes refused, reads served;
- Redis (its own `redis-server` on a free port, never a shared one) paused, then
  stopped: login, analytics and the dashboard answer, fast; `/ready/` is 503; a write
  made during the pause is in the analytics once Redis is back (4 reads of 4).

Exit status 1 when anything did not hold. Only processes it started are stopped.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "Chaos-Sphere-2026!"
FAST = 0.5  # seconds: what "unaffected" means on a shared machine
RESULTS: list[tuple[str, str, bool, str]] = []


def held(fault: str, check: str, ok: bool, figure: str) -> None:
    """Record (and print) one check."""
    RESULTS.append((fault, check, ok, figure))
    print(f"  [{'held' if ok else 'FAILED'}] {check}: {figure}", flush=True)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(
    base: str, method: str, path: str, body: Any = None, token: str = ""
) -> tuple[int, Any, float]:
    """(status, JSON body or text, seconds) of one request."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - the local server under test
        base + path, data, headers, method=method
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:  # noqa: S310 - local
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    seconds = time.monotonic() - started
    try:
        return status, json.loads(raw or b"null"), seconds
    except ValueError:
        return status, raw.decode(errors="replace")[:200], seconds


class Server:
    """gunicorn on a free port with the given environment."""

    def __init__(self, env: dict[str, str], workers: int = 3) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
            [PY, "-m", "gunicorn", "mysphere_core.wsgi:application"]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
            + ["--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while call_or_none(self.base, "/health/") is None:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)

    def workers(self) -> list[int]:
        """The worker processes' ids."""
        out = subprocess.run(  # noqa: S603 - a fixed command
            [shutil.which("pgrep") or "pgrep", "-P", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        )
        return [int(pid) for pid in out.stdout.split()]

    def stop(self) -> None:
        """Stop gunicorn (this process only)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def call_or_none(base: str, path: str) -> int | None:
    """The status of a GET, None while nothing listens."""
    try:
        return call(base, "GET", path)[0]
    except OSError:
        return None


def base_env(database: Path, **extra: str) -> dict[str, str]:
    """The server's environment: production settings, a throwaway database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mysphere_core.settings",
        "DEBUG": "False",
        "SECRET_KEY": "chaos-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "True",
        "GEMINI_API_KEY": "",
        "LOG_LEVEL": "ERROR",
        "WEBHOOK_ALLOW_PRIVATE": "True",
        "THROTTLE_AUTH": "100000/minute",
        "THROTTLE_USER": "1000000/hour",
        "THROTTLE_ANON": "1000000/hour",
    }
    env.update(extra)
    return env


def account(base: str, name: str) -> str:
    """Register `name` and answer its access token."""
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    status, answer, _ = call(base, "POST", "/api/users/register/", body)
    if status != 201:
        raise SystemExit(f"registering {name}: {status} {answer}")
    return answer["access"]


def expense(amount: str) -> dict[str, str]:
    """An expense body."""
    today = time.strftime("%Y-%m-%d")
    return {"amount": amount, "category": "Groceries", "transaction_date": today}


class SlowReceiver:
    """A webhook receiver on loopback that sleeps before answering."""

    def __init__(self, seconds: float) -> None:
        self.received: list[float] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                """Read, sleep, answer 200."""
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.received.append(time.monotonic())
                time.sleep(seconds)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Shut down."""
        self.server.shutdown()
        self.server.server_close()


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll a live process's progress for up to `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _timed(
    fault: str,
    check: str,
    answer: tuple[int, Any, float],
    want: int,
    limit: float = FAST,
) -> None:
    """Record whether a call answered `want` in under `limit` seconds (FAST)."""
    status, _, took = answer
    held(fault, check, status == want and took < limit, f"{status} in {took:.3f}s")


def slow_receiver(server: Server) -> None:
    """A receiver sleeping 8 s holds nobody's write."""
    print("A slow webhook receiver (sleeps 8 s)", flush=True)
    fault = "slow webhook receiver"
    receiver = SlowReceiver(8.0)
    alice, bob = account(server.base, "alice"), account(server.base, "bob")
    for _ in range(6):  # every worker warm (its first write loads the code)
        call(server.base, "POST", "/api/expenses/", expense("1.00"), alice)
        call(server.base, "POST", "/api/todos/", {"title": "Warm"}, bob)
    hook = {"url": receiver.url, "events": ["expense.created"]}
    call(server.base, "POST", "/api/integrations/webhooks/", hook, alice)
    write = call(server.base, "POST", "/api/expenses/", expense("9.50"), alice)
    _timed(fault, "the owner's write", write, 201)
    wait_until(lambda: bool(receiver.received), 10)
    other = call(server.base, "POST", "/api/todos/", {"title": "Milk"}, bob)
    _timed(fault, "another user's write meanwhile", other, 201)
    _timed(fault, "/ready/ meanwhile", call(server.base, "GET", "/ready/"), 200)
    _retry_scheduled(fault, server, alice)
    receiver.stop()


def _retry_scheduled(fault: str, server: Server, token: str) -> None:
    """The attempt timed out (WEBHOOK_TIMEOUT_SECONDS, 5) and its retry is
    scheduled, not slept through."""
    hooks = call(server.base, "GET", "/api/integrations/webhooks/", token=token)[1]
    hook_id = hooks["results"][0]["webhook_id"]
    path = f"/api/integrations/webhooks/{hook_id}/deliveries/"
    log: list[dict[str, Any]] = []

    def attempted() -> bool:
        log[:] = call(server.base, "GET", path, token=token)[1]["results"]
        return bool(log) and log[0]["attempts"] == 1

    wait_until(attempted, 30)
    row = log[0] if log else {}
    scheduled = row.get("status") == "retrying" and bool(row.get("next_attempt_at"))
    figure = (
        f"{row.get('status')} after {row.get('error')} ({row.get('duration_ms')} ms)"
    )
    held(fault, "its attempt timed out, the retry is scheduled", scheduled, figure)


def killed_worker(server: Server) -> None:
    """`kill -9` of a worker while three clients write: no acknowledged write lost."""
    print("A worker killed under load", flush=True)
    fault = "worker killed under load"
    token = account(server.base, "carol")
    acknowledged: list[int] = []
    failures: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            try:
                status, body, _ = call(
                    server.base, "POST", "/api/expenses/", expense("1.00"), token
                )
            except OSError as exc:
                failures.append(type(exc).__name__)
                continue
            if status == 201:
                acknowledged.append(body["expense_id"])
            else:
                failures.append(str(status))

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    victim = server.workers()[0]
    os.kill(victim, signal.SIGKILL)
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    listed = call(
        server.base, "GET", "/api/expenses/?page_size=100&page=1", token=token
    )[1]
    stored = _all_ids(server, token, listed["count"])
    lost = set(acknowledged) - stored
    figure = (
        f"{len(acknowledged)} acknowledged, {len(lost)} lost, "
        f"{len(failures)} refused or cut"
    )
    held(
        fault,
        "every acknowledged write is stored",
        not lost and bool(acknowledged),
        figure,
    )
    status = call(server.base, "GET", "/ready/")[0]
    held(fault, "the server answers after it", status == 200, f"/ready/ {status}")


def _all_ids(server: Server, token: str, count: int) -> set[int]:
    """Every expense id of the user, page by page."""
    ids: set[int] = set()
    for page in range(1, count // 100 + 2):
        path = f"/api/expenses/?page_size=100&page={page}"
        status, body, _ = call(server.base, "GET", path, token=token)
        if status == 200:
            ids |= {row["expense_id"] for row in body["results"]}
    return ids


def full_disk(database: Path) -> None:
    """SQLite cannot grow: not ready, writes refused (503), reads served; then back."""
    print("A full disk (SQLITE_MAX_PAGES=1)", flush=True)
    fault = "full disk"
    server = Server(base_env(database, SQLITE_MAX_PAGES="1"))
    try:
        token = _login(server.base, "alice")
        status, _, took = call(server.base, "GET", "/ready/")
        held(fault, "/ready/ says so", status == 503, f"{status} in {took:.3f}s")
        answers = [
            call(server.base, "POST", "/api/expenses/", big_expense(n), token)
            for n in range(1, 41)
        ]
        refused = [a for a in answers if a[0] != 201]
        clear = all(a[0] == 503 and a[1]["code"] == "storage_full" for a in refused)
        figure = f"{len(answers) - len(refused)} fitted, then {len(refused)} refused"
        figure += (
            " 503 storage_full" if clear else f" {sorted({a[0] for a in refused})}"
        )
        held(fault, "writes refused with a 503", bool(refused) and clear, figure)
        status = call(server.base, "GET", "/api/expenses/", token=token)[0]
        held(fault, "reads served", status == 200, f"GET /api/expenses/ {status}")
    finally:
        server.stop()
    server = Server(base_env(database))
    try:
        status = call(server.base, "GET", "/ready/")[0]
        held(fault, "ready again with room", status == 200, f"/ready/ {status}")
    finally:
        server.stop()


def big_expense(n: int) -> dict[str, str]:
    """An expense with long notes (fills pages fast)."""
    return {**expense(f"{n}.00"), "notes": "n" * 2000}


def _login(base: str, name: str) -> str:
    """An access token of an existing account."""
    body = {"username": name, "password": PASSWORD}
    return call(base, "POST", "/api/users/login/", body)[1]["access"]


@contextmanager
def own_redis() -> Iterator[tuple[subprocess.Popen, int]]:
    """A redis-server of our own on a free port (no persistence), stopped after."""
    port = free_port()
    command = [shutil.which("redis-server") or "redis-server", "--port", str(port)]
    process = subprocess.Popen(  # noqa: S603 - a fixed command
        [*command, "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    time.sleep(0.5)
    try:
        yield process, port
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGCONT)
            process.terminate()
            process.wait()


def _total(base: str, token: str) -> str:
    """This month's total of the user's expenses, from the analytics."""
    status, body, _ = call(base, "GET", "/api/expenses/analytics/", token=token)
    return body["currencies"][0]["total"] if status == 200 else f"HTTP {status}"


def _during_outage(fault: str, server: Server, token: str) -> None:
    """Login, analytics, the dashboard answer fast; /ready/ says 503."""
    body = {"username": "dave", "password": PASSWORD}
    status, _, took = call(server.base, "POST", "/api/users/login/", body)
    held(fault, "login", status == 200 and took < 2, f"{status} in {took:.3f}s")
    for path in ("/api/expenses/analytics/", "/api/dashboard/"):
        status, _, took = call(server.base, "GET", path, token=token)
        held(
            fault, f"GET {path}", status == 200 and took < 2, f"{status} in {took:.3f}s"
        )
    status, _, took = call(server.base, "GET", "/ready/")
    held(fault, "/ready/ says so", status == 503, f"{status} in {took:.3f}s")


def redis_outage(database: Path) -> None:
    """Redis paused, then stopped: reads computed, /ready/ 503, nothing stale."""
    if shutil.which("redis-server") is None:
        held("redis", "redis-server installed", False, "skipped: no redis-server")
        return
    with own_redis() as (redis, port):
        env = base_env(database, REDIS_URL=f"redis://127.0.0.1:{port}/0")
        server = Server(env)
        try:
            token = account(server.base, "dave")
            call(server.base, "POST", "/api/expenses/", expense("10.00"), token)
            before = _total(server.base, token)  # cached now
            print("Redis paused (SIGSTOP)", flush=True)
            os.kill(redis.pid, signal.SIGSTOP)
            _during_outage("redis paused", server, token)
            status, _, took = call(
                server.base, "POST", "/api/expenses/", expense("5.00"), token
            )
            held("redis paused", "a write", status == 201, f"{status} in {took:.3f}s")
            os.kill(redis.pid, signal.SIGCONT)
            time.sleep(6)  # past CACHE_RETRY_SECONDS: the workers use Redis again
            reads = [_total(server.base, token) for _ in range(4)]
            fresh = reads.count(f"{float(before) + 5:.2f}")
            held(
                "redis paused",
                "analytics fresh once it is back",
                fresh == 4,
                f"{fresh} of 4 reads ({before} -> {reads[0]})",
            )
            print("Redis stopped (SIGTERM)", flush=True)
            redis.terminate()
            redis.wait()
            _during_outage("redis stopped", server, token)
        finally:
            server.stop()


def main() -> None:
    """Every fault in turn on a fresh database; the summary; exit 1 on a failure."""
    work = Path(tempfile.mkdtemp(prefix="mysphere-chaos-"))
    database = work / "chaos.sqlite3"
    try:
        subprocess.run(  # noqa: S603
            [PY, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=base_env(database),
            check=True,
        )
        server = Server(base_env(database))
        try:
            slow_receiver(server)
            killed_worker(server)
        finally:
            server.stop()
        full_disk(database)
        redis_outage(database)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    failed = [r for r in RESULTS if not r[2]]
    print(f"\n{len(RESULTS) - len(failed)} of {len(RESULTS)} checks held.")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
