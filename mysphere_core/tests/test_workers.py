"""The embedded default (no Redis) under several gunicorn worker processes.

A real server: gunicorn with three workers on a fresh SQLite database and the default
cache (a database table), the Gemini stub as its AI. Every worker must see the same
caches, cache versions, AI caches and throttle counters.
"""

from collections.abc import Iterator

import pytest

from mysphere_core.testing import STUB_API_KEY
from mysphere_core.tests import live
from mysphere_core.tests.live import (
    INSIGHTS,
    Client,
    migrate,
    register,
    server_env,
    start_gunicorn,
)

WORKERS = 3

stub = live.stub  # the Gemini stub fixture


@pytest.fixture(scope="module")
def server(tmp_path_factory, stub) -> Iterator[str]:
    """`http://127.0.0.1:PORT` of gunicorn with three workers."""
    env = server_env(
        tmp_path_factory.mktemp("workers") / "db.sqlite3",
        GEMINI_API_KEY=STUB_API_KEY,
        GEMINI_BASE_URL=stub.url,
        AI_TIMEOUT_SECONDS="5",
    )
    migrate(env)
    process, url = start_gunicorn(env, WORKERS)
    yield url
    process.terminate()
    process.wait(timeout=20)


def _expense(client: Client, amount: str) -> int:
    body = {"amount": amount, "currency": "USD", "category": "Groceries"}
    status, answer = client.call("POST", "/api/expenses/", body)
    assert status == 201, answer
    return answer["expense_id"]


def _usd_total(client: Client) -> str:
    return client.get("/api/expenses/analytics/")["currencies"][0]["total"]


def test_no_worker_serves_a_stale_read_after_a_write(server):
    client = register(server, "10.0.0.1", "fresh")
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
        rows = client.get("/api/expenses/categories/")["results"]
        row = next(r for r in rows if r["category"] == "Groceries")
        groceries.add((row["count"], row["totals"][0]["total"]))
    assert totals == {"55.00"}
    assert counts == {2}
    assert groceries == {(2, "55.00")}


def test_the_login_throttle_holds_at_its_limit_across_workers(server):
    register(server, "10.0.0.2", "target")
    attacker = Client(server, "10.0.0.3")
    body = {"username": "target", "password": "wrong-password"}
    statuses = [attacker.call("POST", "/api/users/login/", body)[0] for _ in range(15)]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429] * 5


def test_one_ai_call_per_user_feature_and_day_across_workers(server, stub):
    client = register(server, "10.0.0.4", "asker")
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
