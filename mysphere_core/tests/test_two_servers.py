"""Two servers, one PostgreSQL, one Redis: what several machines behind a load
balancer share holds across them.

Two separate gunicorn instances on two ports (as two machines would be) against a
fresh PostgreSQL database and the run's Redis (their keys under a prefix of their
own), the Gemini stub as their AI. Requests alternate between them: the login
throttle, idempotency keys, the versioned caches and the AI quota hold across both,
and a periodic job claimed by two processes at once is sent once. Runs in
`make test-postgres` (skipped unless DATABASE_URL is PostgreSQL and REDIS_URL set).
"""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest

from mysphere_core.testing import STUB_API_KEY
from mysphere_core.tests import live
from mysphere_core.tests.live import (
    INSIGHTS,
    ROOT,
    Client,
    migrate,
    register,
    server_env,
    start_gunicorn,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgres") and REDIS_URL),
    reason="needs DATABASE_URL=postgres://... and REDIS_URL",
)

stub = live.stub  # the Gemini stub fixture


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database on DATABASE_URL's server, dropped
    afterwards."""
    import psycopg

    base, name = DATABASE_URL.rsplit("/", 1)
    fresh = f"{name.split('?')[0]}_two_servers_{os.getpid()}"
    with psycopg.connect(DATABASE_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    yield f"{base}/{fresh}"
    with psycopg.connect(DATABASE_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


@pytest.fixture(scope="module")
def env(tmp_path_factory, database, stub) -> dict[str, str]:
    """Both servers' environment: the same database, Redis and key prefix."""
    settings = server_env(
        tmp_path_factory.mktemp("two") / "unused.sqlite3",
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"two-servers-{uuid.uuid4().hex[:8]}",
        CELERY_TASK_ALWAYS_EAGER="True",
        GEMINI_API_KEY=STUB_API_KEY,
        GEMINI_BASE_URL=stub.url,
        AI_TIMEOUT_SECONDS="5",
        AI_MAX_CALLS_PER_DAY="2",
    )
    migrate(settings)
    return settings


@pytest.fixture(scope="module")
def servers(env) -> Iterator[list[str]]:
    """The base URLs of two gunicorn instances (one worker each)."""
    started = []
    try:
        for _ in range(2):
            started.append(start_gunicorn(env, 1))
        yield [url for _, url in started]
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(timeout=20)


def _on(client: Client, url: str) -> Client:
    """The same caller (address, token) speaking to another server."""
    other = Client(url, client.headers["X-Forwarded-For"])
    other.headers = dict(client.headers)
    return other


def _expense(client: Client, amount: str) -> None:
    body = {"amount": amount, "currency": "USD", "category": "Groceries"}
    status, answer = client.call("POST", "/api/expenses/", body)
    assert status == 201, answer


def test_a_write_on_one_server_shows_on_the_other_at_once(servers):
    a = register(servers[0], "10.1.0.1", "reader")
    b = _on(a, servers[1])
    _expense(a, "10.00")
    for client in (a, b, a, b):  # both cache the figures
        assert client.get("/api/expenses/analytics/")["currencies"][0]["total"] == (
            "10.00"
        )
        assert client.get("/api/dashboard/")["recent_expenses"][0]["amount"] == "10.00"
    _expense(b, "5.00")
    for client in (a, b):
        assert client.get("/api/expenses/analytics/")["currencies"][0]["total"] == (
            "15.00"
        )
        assert client.get("/api/dashboard/")["recent_expenses"][0]["amount"] == "5.00"


def test_the_login_throttle_counts_both_servers(servers):
    register(servers[0], "10.1.0.2", "target")
    body = {"username": "target", "password": "wrong-password"}
    statuses = [
        Client(servers[i % 2], "10.1.0.3").call("POST", "/api/users/login/", body)[0]
        for i in range(14)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429] * 4


def test_a_retry_on_the_other_server_replays_and_writes_once(servers):
    a = register(servers[0], "10.1.0.4", "retrier")
    a.headers["Idempotency-Key"] = "offline-queue-1"
    b = _on(a, servers[1])
    body = {"amount": "7.00", "currency": "USD"}
    first, again = a.call("POST", "/api/expenses/", body), b.call(
        "POST", "/api/expenses/", body
    )
    assert first[0] == again[0] == 201
    assert first[1]["expense_id"] == again[1]["expense_id"]
    assert b.get("/api/expenses/")["count"] == 1


def test_the_ai_quota_is_one_count_across_servers(servers, stub):
    a = register(servers[0], "10.1.0.5", "asker")
    b = _on(a, servers[1])
    for _ in range(3):
        stub.reply_json(INSIGHTS)
    before = len(stub.requests)
    sources = []
    for turn in range(3):  # a write between asks: each is a new question
        _expense((a, b)[turn % 2], f"{turn + 1}.00")
        sources.append((b, a)[turn % 2].get("/api/expenses/ai_insights/")["source"])
    assert len(stub.requests) - before == 2  # AI_MAX_CALLS_PER_DAY
    assert sources == ["ai", "ai", "fallback"]


CLAIM = (
    "import django; django.setup(); from mysphere_core import beat; "
    "print(beat.claim('two-servers-job', 3600))"
)


def test_a_periodic_job_claimed_by_two_processes_at_once_is_sent_once(env):
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIM],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    answers = sorted(run.communicate(timeout=60)[0].strip() for run in runs)
    assert answers == ["False", "True"]
