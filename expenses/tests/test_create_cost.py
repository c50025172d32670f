"""What one expense create costs: the statements it sends, and that the ones it
leaves out were not needed (the answer is the same)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
URL = "/api/expenses/"


def _create(client, **fields) -> tuple[dict, list[str]]:
    """POST one expense; its answer and the SQL it sent."""
    body = {"amount": "12.50", "currency": "USD", **fields}
    with CaptureQueriesContext(connection) as queries:
        resp = client.post(URL, body, format="json")
    assert resp.status_code == 201, resp.json()
    return resp.json(), [q["sql"] for q in queries.captured_queries]


def test_a_system_category_is_checked_without_the_users_own(auth_client):
    made = auth_client.post(f"{URL}categories/", {"name": "Home Office"}, format="json")
    assert made.status_code == 201
    for sent, stored in (("groceries", "Groceries"), ("food-dining", "Food & Dining")):
        expense, sql = _create(auth_client, category=sent)
        assert expense["category"] == stored
        assert not [s for s in sql if "expense_categories" in s]
    expense, sql = _create(auth_client, category="home-office")
    assert expense["category"] == "Home Office"
    assert [s for s in sql if "expense_categories" in s]
    resp = auth_client.post(URL, {"amount": "1", "category": "Rent"}, format="json")
    assert resp.status_code == 400
    assert "Home Office" in resp.json()["category"][0]
