"""The embedded default (no Redis) under several gunicorn worker processes.

A real server: gunicorn with three workers on a fresh SQLite database and the default
cache (a database table), the Gemini stub as its AI. Every worker must see the same
caches, cache versions, AI caches and throttle counters.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mysphere_core.testing import STUB_API_KEY, GeminiStub

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
PASSWORD = "Sphere-Pass-2026!"
INSIGHTS = {
    "summary": "From the AI.",
    "spending_trends": [],
    "budget_recommendations": [],
    "category_insights": [],
    "alerts": [],
}


class Client:
    """A small JSON client for the live server (the standard library only)."""

    def __init__(self, url: str, address: str, token: str | None = None) -> None:
        self.url = url
        self.headers = {"X-Forwarded-For": address, "Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """(status, parsed JSON body or None)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, headers=self.headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        return status, json.loads(raw) if raw else None

    def get(self, path: str) -> Any:
        """The body of a GET that must answer 200."""
        status, body = self.call("GET", path)
        assert status == 200, (path, status, body)
        return body


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(db_path: Path, stub_url: str) -> dict[str, str]:
    """Production-like settings, nothing inherited from the test run."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "mysphere_core.settings",
        "SECRET_KEY": "multi-worker-test-secret-key-0123456789abcdef",
        "DEBUG": "False",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": f"sqlite:///{db_path}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "GEMINI_API_KEY": STUB_API_KEY,
        "GEMINI_BASE_URL": stub_url,
        "AI_TIMEOUT_SECONDS": "5",
        # One trusted proxy: each test speaks from its own address.
        "NUM_PROXIES": "1",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="module")
def stub() -> Iterator[GeminiStub]:
    server = GeminiStub()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, stub) -> Iterator[str]:
    """`http://127.0.0.1:PORT` of gunicorn with three workers."""
    env = _server_env(tmp_path_factory.mktemp("workers") / "db.sqlite3", stub.url)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    port = _free_port()
    gunicorn = [python, "-m", "gunicorn", "mysphere_core.wsgi:application"]
    process = subprocess.Popen(
        [*gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if Client(url, "127.0.0.1").call("GET", "/ready/")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(process.stderr.read().decode()[-2000:])
    yield url
    process.terminate()
    process.wait(timeout=20)


def _register(url: str, address: str, name: str) -> Client:
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    status, answer = Client(url, address).call("POST", "/api/users/register/", body)
    assert status == 201, answer
    return Client(url, address, answer["access"])


def _expense(client: Client, amount: str) -> int:
    body = {"amount": amount, "currency": "USD", "category": "Groceries"}
    status, answer = client.call("POST", "/api/expenses/", body)
    assert status == 201, answer
    return answer["expense_id"]


def _usd_total(client: Client) -> str:
    return client.get("/api/expenses/analytics/")["currencies"][0]["total"]


def test_no_worker_serves_a_stale_read_after_a_write(server):
    client = _register(server, "10.0.0.1", "fresh")
    ids = [_expense(client, amount) for amount in ("10.00", "20.00", "30.00")]
    for _ in range(4 * WORKERS):  # every worker caches the old figures
        assert _usd_total(client) == "60.00"
        assert client.get("/api/expenses/")["count"] == 3
        client.get("/api/expenses/categories/")
    assert client.call("DELETE", f"/api/expenses/{ids[0]}/")[0] == 204
    patched = client.call("PATCH", f"/api/expenses/{ids[1]}/", {"amount": "25.00"})
    assert patched[0] == 200
    totals = {_usd_total(client) for _ in range(20)}
    counts = {client.get("/api/expenses/")["count"] for _ in range(20)}
    groceries = set()
    for _ in range(20):
        rows = client.get("/api/expenses/categories/")
        row = next(r for r in rows if r["category"] == "Groceries")
        groceries.add((row["count"], row["totals"][0]["total"]))
    assert totals == {"55.00"}
    assert counts == {2}
    assert groceries == {(2, "55.00")}


def test_the_login_throttle_holds_at_its_limit_across_workers(server):
    _register(server, "10.0.0.2", "target")
    attacker = Client(server, "10.0.0.3")
    body = {"username": "target", "password": "wrong-password"}
    statuses = [attacker.call("POST", "/api/users/login/", body)[0] for _ in range(15)]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429] * 5


def test_one_ai_call_per_user_feature_and_day_across_workers(server, stub):
    client = _register(server, "10.0.0.4", "asker")
    _expense(client, "12.00")
    for _ in range(2):
        stub.reply_json(INSIGHTS)
    before = len(stub.requests)
    first = [client.get("/api/expenses/ai_insights/") for _ in range(15)]
    assert len(stub.requests) - before == 1
    assert [r["source"] for r in first] == ["ai"] + ["cache"] * 14
    _expense(client, "3.00")  # a write: the cached insights are stale now
    after = [client.get("/api/expenses/ai_insights/") for _ in range(10)]
    assert len(stub.requests) - before == 2
    assert [r["source"] for r in after] == ["ai"] + ["cache"] * 9
    assert len({r["generated_at"] for r in after}) == 1
    assert after[0]["generated_at"] != first[0]["generated_at"]
