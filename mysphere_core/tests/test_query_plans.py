"""With many users' data, no hot request's plan scans beyond one user's rows.

PostgreSQL only (skipped otherwise): several users each get every feature's demo
data, the tables are analyzed, and every statement of the pages a person opens most
(Home cold and warm, the expenses list and a deep page, cold analytics, the budget
summary, the subscriptions dashboard, a create, the assistant's chat; reads and
writes: an `UPDATE` or `DELETE` reads its rows too) is EXPLAINed with sequential
scans priced out: a table holding users' rows must then be read through an index
with a condition (the user first, or a parent row's key), never whole.
"""

import importlib
import json
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from users.tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"
    ),
]
USERS = 4
GETS = (
    "/api/dashboard/",
    "/api/dashboard/",
    "/api/expenses/",
    "/api/expenses/?page=3",
    "/api/expenses/analytics/?date_from=2025-12-10&date_to=2026-11-03",
    "/api/budgets/summary/",
    "/api/subscriptions/dashboard/",
    "/api/todos/",
)
# An index condition on a key: `user_id = 3`, `budget_id = ANY (...)`, `id = 7`,
# a session's `sid`.
# The statements EXPLAINed: reads and writes (an UPDATE or DELETE reads its rows).
DATA = re.compile(r"\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b")
KEYED = re.compile(r"\b((\w+_)?id|sid)\b\)? = ")
FEATURES = ("expenses", "subscriptions", "budgets", "todos", "lending", "integrations")


def _owned_tables() -> set[str]:
    """Tables with a user column: every feature's rows."""
    return {
        model._meta.db_table
        for model in apps.get_models()
        if any(f.name == "user" for f in model._meta.fields)
        and model._meta.db_table != "user_profiles"
    }


def _scans(plan: dict) -> list[dict]:
    """Every node of a plan tree."""
    nodes = [plan]
    for child in plan.get("Plans", []):
        nodes += _scans(child)
    return nodes


def _condition(node: dict) -> str:
    """The index condition a scan reads its rows by (a bitmap's from its index)."""
    cond = node.get("Index Cond", "")
    for child in node.get("Plans", []):
        if child["Node Type"] == "Bitmap Index Scan":
            cond += " " + child.get("Index Cond", "")
    return cond


def _whole_reads(sql: str, owned: set[str]) -> list[str]:
    """The scans of the statement's plan that read an owned table by anything else
    than a user's key (or a row's or its parent row's): whole, or a range of every
    user's rows."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = []
    for node in _scans(plan[0]["Plan"]):
        if node.get("Relation Name") not in owned or "Scan" not in node["Node Type"]:
            continue
        if not KEYED.search(_condition(node)):
            found.append(f"{node['Node Type']} on {node['Relation Name']}: {sql[:300]}")
    return found


def _others_used_ai_today(user: object, count: int = 300) -> None:
    """Today's AI usage rows of many other users (as on a busy day), so that the
    planner knows a day holds many users' rows."""
    from django.contrib.auth import get_user_model

    from mysphere_core.models import AIUsageModel
    from users.services import UserService

    model = get_user_model()
    model.objects.bulk_create(model(username=f"ai{n}") for n in range(count))
    today = UserService.today_for(user=user)
    AIUsageModel.objects.bulk_create(
        AIUsageModel(user=other, feature=feature, kind="parse", day=today, calls=1)
        for other in model.objects.filter(username__startswith="ai")
        for feature in ("integrations", "expenses")
    )


def _requests(client: object) -> dict[str, list[str]]:
    """Each hot request once; the data statements it ran (reads and writes)."""
    chat = {"message": "what is due this week?"}
    calls = [
        (f"{n} {path}", lambda p=path: client.get(p), 200)
        for n, path in enumerate(GETS)
    ] + [
        (
            "create",
            lambda: client.post(
                "/api/expenses/",
                {"amount": "4.20", "category": "Groceries"},
                format="json",
            ),
            201,
        ),
        (
            "assistant",
            lambda: client.post("/api/assistant/chat/", chat, format="json"),
            200,
        ),
    ]
    statements = {}
    for name, call, status in calls:
        with CaptureQueriesContext(connection) as queries:
            assert call().status_code == status, name
        statements[name] = [q["sql"] for q in queries if DATA.match(q["sql"])]
    return statements


def test_hot_requests_read_one_users_rows(frozen, client_for):
    users = [UserFactory(username=f"many{n}") for n in range(USERS)]
    for user in users:
        for name in FEATURES:
            importlib.import_module(f"{name}.demo").seed(user)
    _others_used_ai_today(users[0])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    statements = _requests(client_for(users[1]))
    owned = _owned_tables()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        whole = [
            w
            for sqls in statements.values()
            for sql in sqls
            for w in _whole_reads(sql, owned)
        ]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    # Every hot request ran statements here (none answered from a cache alone), the
    # writes' own included: the create's insert and rollups, the chat's history.
    assert all(statements.values()), statements
    for name, table in (("create", "expenses"), ("assistant", "assistant_chat")):
        inserts = [sql for sql in statements[name] if sql.startswith("INSERT")]
        assert any(table in sql for sql in inserts), statements[name]
    assert whole == [], "\n".join(whole)
