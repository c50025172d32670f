"""`GET /api/dashboard/`: every number equals the owning feature's own endpoint, the
query count stays bounded however much data there is, and each section copes with
nothing to show."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/api/dashboard/"
MAX_QUERIES = 15

pytestmark = pytest.mark.django_db


@pytest.fixture()
def demo(client_for):
    """The demo user with every feature's demo data, and a client for them."""
    call_command("seed_demo", verbosity=0)
    user = get_user_model().objects.get(username="demo")
    return user, client_for(user)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_every_number_is_what_the_features_say(demo):
    user, client = demo
    body = _get(client, URL)
    summary = _get(client, "/api/budgets/summary/")
    plan = next(
        row for row in body["spending"] if row["currency"] == summary["currency"]
    )
    assert plan["spent"] == summary["total_spent"]
    assert plan["budget"] == summary["total_budget"]
    assert plan["remaining"] == summary["total_remaining"]
    assert plan["safe_to_spend_per_day"] == summary["safe_to_spend_per_day"]
    analytics = _get(client, "/api/expenses/analytics/")["currencies"]
    others = {row["currency"]: row["total"] for row in analytics if row["count"]}
    for row in body["spending"]:
        if row["currency"] != summary["currency"]:
            assert row["spent"] == others[row["currency"]]

    by_category = {line["category"]: line for line in summary["categories"]}
    for watched in body["budget_watch"]:
        line = by_category[watched["category"]]
        assert watched["percent_used"] == line["percent_used"]
        assert watched["remaining"] == line["remaining"]
    used = [w["percent_used"] for w in body["budget_watch"]]
    assert used == sorted(used, reverse=True) and len(used) <= 3

    upcoming = _get(client, "/api/subscriptions/upcoming/?days=7")["results"]
    assert [r["subscription_id"] for r in body["renewals"]] == [
        r["subscription_id"] for r in upcoming
    ]
    assert [r["amount"] for r in body["renewals"]] == [r["amount"] for r in upcoming]

    today = _get(client, "/api/todos/today/")
    assert body["agenda"]["counts"] == today["counts"]
    first = [t["todo_id"] for g in ("overdue", "due_today", "urgent", "in_progress")
             for t in today[g]][:5]  # fmt: skip
    assert [t["todo_id"] for t in body["agenda"]["tasks"]] == first

    lending = _get(client, "/api/lending/summary/")["results"]
    lending = {row["currency"]: row for row in lending}
    for row in body["lending"]["balances"]:
        assert row["net"] == lending[row["currency"]]["net"]
        assert row["overdue_amount"] == lending[row["currency"]]["overdue_amount"]
    people = _get(client, "/api/lending/counterparties/")["results"]
    nets = {(p["counterparty"], p["currency"]): p["net_balance"] for p in people}
    for person in body["lending"]["people"]:
        assert (
            person["net_balance"] == nets[(person["counterparty"], person["currency"])]
        )

    unread = _get(client, "/api/integrations/notifications/unread_count/")
    assert body["notifications"]["unread"] == unread
    latest = _get(client, "/api/integrations/notifications/")["results"][:3]
    assert [n["notification_id"] for n in body["notifications"]["latest"]] == [
        n["notification_id"] for n in latest
    ]

    expenses = _get(client, "/api/expenses/")["results"][:5]
    assert body["recent_expenses"] == expenses


def test_the_demo_dashboard_shows_something_in_every_section(demo):
    _, client = demo
    body = _get(client, URL)
    for section in ("spending", "budget_watch", "recent_expenses"):
        assert body[section], section
    assert body["agenda"]["counts"]["total"] > 0
    assert body["lending"]["balances"] and body["lending"]["people"]
    assert body["notifications"]["unread"]["unread"] > 0


def test_queries_are_bounded_however_much_data(demo):
    _, client = demo
    client.get(URL)  # warm the caches a first visit fills
    with CaptureQueriesContext(connection) as queries:
        _get(client, URL)
    assert len(queries) <= MAX_QUERIES, "\n".join(q["sql"][:150] for q in queries)


def test_a_new_user_gets_empty_sections_not_errors(auth_client):
    body = _get(auth_client, URL)
    assert body["spending"] == [] and body["budget_watch"] == []
    assert body["renewals"] == [] and body["recent_expenses"] == []
    assert body["agenda"]["counts"]["total"] == 0
    assert body["notifications"]["unread"]["unread"] == 0


def test_a_feature_turned_off_is_an_empty_section(auth_client, settings):
    settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "LENDING_FEATURE": False}
    body = _get(auth_client, URL)
    assert body["lending"] == {"enabled": False, "balances": [], "people": []}


def test_spending_never_adds_currencies(frozen, auth_client, user):
    from expenses.tests.factories import ExpenseFactory

    ExpenseFactory(user=user, amount=Decimal("10.00"), currency="USD")
    ExpenseFactory(user=user, amount=Decimal("5.00"), currency="EUR")
    body = _get(auth_client, URL)
    assert {(r["currency"], r["spent"]) for r in body["spending"]} == {
        ("EUR", "5.00"),
        ("USD", "10.00"),
    }


def test_anonymous_is_401(api_client):
    assert api_client.get(URL).status_code == 401


def test_the_agenda_follows_a_todo_write_at_once(frozen, auth_client):
    assert _get(auth_client, URL)["agenda"]["counts"]["total"] == 0
    created = auth_client.post(
        "/api/todos/", {"title": "Pay rent", "due_date": "2026-11-22"}, format="json"
    )
    assert created.status_code == 201
    agenda = _get(auth_client, URL)["agenda"]
    assert agenda["counts"]["due_today"] == 1
    assert [t["title"] for t in agenda["tasks"]] == ["Pay rent"]


def test_every_write_shows_at_once_and_a_notification_read_too(
    frozen, auth_client, user
):
    from integrations.tests.factories import NotificationFactory

    assert _get(auth_client, URL)["recent_expenses"] == []
    auth_client.post("/api/expenses/", {"amount": "4.20"}, format="json")
    body = _get(auth_client, URL)
    assert [e["amount"] for e in body["recent_expenses"]] == ["4.20"]
    assert body["spending"][0]["spent"] == "4.20"
    note = NotificationFactory(user=user)
    assert _get(auth_client, URL)["notifications"]["unread"]["unread"] == 1
    auth_client.post(f"/api/integrations/notifications/{note.pk}/read/")
    assert _get(auth_client, URL)["notifications"]["unread"]["unread"] == 0


def _statements(client, url):
    """The SQL statements of one GET (the database cache's own included)."""
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return [q["sql"] for q in queries]


def test_a_new_expense_recomputes_only_the_sections_that_read_expenses(demo):
    _, client = demo
    _get(client, URL)
    warm = _statements(client, URL)
    created = client.post("/api/expenses/", {"amount": "4.20"}, format="json")
    assert created.status_code == 201
    after = _statements(client, URL)
    read = " ".join(after)
    assert "expenses" in read and "todos" not in read and "lending" not in read
    assert 'subscriptions"' not in read.replace("subscriptions_", "")
    assert len(warm) <= 6, "\n".join(q[:150] for q in warm)
    assert _get(client, URL)["recent_expenses"][0]["amount"] == "4.20"


def test_the_notifications_are_the_features_own_in_two_statements(
    frozen, auth_client, user, other_user
):
    from integrations.models import NotificationModel
    from integrations.tests.factories import NotificationFactory

    severities = ["info", "warning", "critical", "warning", "info"]
    for n, severity in enumerate(severities):
        NotificationFactory(user=user, severity=severity, is_read=n == 0)
        frozen.shift(60)
    NotificationFactory(user=user, is_active=False)
    NotificationFactory(user=other_user)
    assert NotificationModel.objects.count() == 7
    _get(auth_client, URL)  # the features' sections kept
    statements: list[str] = []

    def record(execute, sql, *args):
        statements.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        panel = _get(auth_client, URL)["notifications"]
    listed = _get(auth_client, "/api/integrations/notifications/")["results"]
    unread = _get(auth_client, "/api/integrations/notifications/unread_count/")
    assert panel == {"unread": unread, "latest": listed[:3]}
    assert panel["unread"]["unread"] == 4
    assert len([q for q in statements if "integration_notifications" in q]) == 2
