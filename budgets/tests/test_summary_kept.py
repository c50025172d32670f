"""The budget summary is kept, rendered, for the user's day: a repeat reads no
plan, and an expense written through the API shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.tests.factories import plan_with
from users.services import UserService

URL = "/api/budgets/summary/"

pytestmark = pytest.mark.django_db


def _body(client):
    response = client.get(URL)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_repeat_reads_no_plan_and_an_expense_shows_at_once(frozen, auth_client, user):
    today = UserService.today_for(user=user)
    plan_with(user, month=f"{today:%Y-%m}", allocations={"Groceries": "300.00"})
    assert _body(auth_client)["total_spent"] == "0.00"
    with CaptureQueriesContext(connection) as queries:
        assert _body(auth_client)["total_spent"] == "0.00"
    assert not [q for q in queries if 'FROM "budgets"' in q["sql"]]
    spent = {"amount": "42.00", "category": "Groceries"}
    assert auth_client.post("/api/expenses/", spent, format="json").status_code == 201
    body = _body(auth_client)
    assert body["total_spent"] == "42.00"
    assert body["categories"][0]["spent"] == "42.00"
