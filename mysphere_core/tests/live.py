"""Helpers of the tests that start real server processes: a JSON client (the
standard library only), a free port, a production-like environment, readiness."""

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

from mysphere_core.testing import GeminiStub

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Sphere-Pass-2026!"
# What the Gemini stub answers an expenses insights call with.
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


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(db_path: Path, **extra: str) -> dict[str, str]:
    """Production-like settings on a fresh SQLite file, nothing inherited from the
    test run (no broker, no Redis); `extra` adds or overrides variables."""
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
        # One trusted proxy: each test speaks from its own address.
        "NUM_PROXIES": "1",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def wait_ready(url: str, seconds: float = 60) -> bool:
    """True once the server answers `/ready/` with 200 (polled), False at the
    deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Client(url, "127.0.0.1").call("GET", "/ready/")[0] == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def register(url: str, address: str, name: str) -> Client:
    """A new account's client (registered through the API)."""
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    status, answer = Client(url, address).call("POST", "/api/users/register/", body)
    assert status == 201, answer
    return Client(url, address, answer["access"])


def migrate(env: dict[str, str]) -> None:
    """`manage.py migrate` on the environment's database (a real process)."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=180,
    )


def start_gunicorn(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn serving the project with `env` on a free port, ready: the process
    and its base URL (the caller terminates it); fails the test with its stderr."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "mysphere_core.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    if not wait_ready(url):
        process.kill()
        pytest.fail(process.stderr.read().decode()[-2000:])
    return process, url


@pytest.fixture(scope="module")
def stub() -> Iterator[GeminiStub]:
    """The Gemini stub, one per module of live servers (import the fixture)."""
    server = GeminiStub()
    yield server
    server.stop()
