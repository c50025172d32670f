"""A split bill counts only the user's share as their spending: 90.00 split three
ways is 30.00 in the budget and the analytics; the 60.00 lent is lending."""

from datetime import date

import pytest

from budgets.tests.factories import plan_with

pytestmark = pytest.mark.django_db
DINNER = {
    "amount": "90.00",
    "currency": "USD",
    "category": "Food & Dining",
    "vendor": "Trattoria",
    "transaction_date": "2026-11-20",
}


def _food_spent(client) -> tuple[str, str]:
    summary = client.get("/api/budgets/summary/").json()
    (line,) = [c for c in summary["categories"] if c["category"] == "Food & Dining"]
    analytics = client.get("/api/expenses/analytics/").json()
    return line["spent"], analytics["currencies"][0]["total"]


def test_only_the_users_share_of_a_split_bill_counts(frozen, auth_client, user):
    plan_with(user, month="2026-11", allocations={"Food & Dining": "200.00"})
    expense = auth_client.post("/api/expenses/", DINNER, format="json").json()
    assert _food_spent(auth_client) == ("90.00", "90.00")
    split = auth_client.post(
        f"/api/expenses/{expense['expense_id']}/split/",
        {"with": [{"name": "Nia"}, {"name": "Sam"}], "equal": True},
        format="json",
    )
    assert split.status_code == 201, split.json()
    assert _food_spent(auth_client) == ("30.00", "30.00")
    shown = auth_client.get(f"/api/expenses/{expense['expense_id']}/").json()
    assert (shown["amount"], shown["shared_amount"]) == ("90.00", "60.00")
    owed = auth_client.get("/api/lending/summary/").json()["results"]
    assert owed[0]["lent_outstanding"] == "60.00"
    nia = split.json()[0]["lending_id"]
    assert auth_client.delete(f"/api/lending/{nia}/").status_code == 204
    assert _food_spent(auth_client) == ("60.00", "60.00")  # Nia's share is mine again
    lowered = auth_client.patch(
        f"/api/expenses/{expense['expense_id']}/", {"amount": "30.00"}, format="json"
    )
    assert lowered.status_code == 400
    assert "split" in lowered.json()["amount"][0]
    assert date.fromisoformat(shown["transaction_date"]) == date(2026, 11, 20)
