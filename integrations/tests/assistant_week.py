"""A known week for the assistant's everyday message sets: one user's data, seeded
through the API, with the figures the answers must contain.

Today is Sunday 2026-11-22 (the tests' frozen `NOW`, time zone UTC, currency USD);
the week began on Monday 2026-11-16.

| what | figure |
| --- | --- |
| spent today (Starbucks 4.50, Chipotle 12.00, Whole Foods 45.30) | 61.80 |
| spent since Monday / this week | 129.60 |
| spent this month (November) | 329.60 |
| spent last month (October) | 100.20 |
| coffee (Starbucks) this month / last month | 8.30 / 5.20 |
| Food & Dining this month / Groceries this month | 20.30 / 45.30 |
| top category this month | Utilities 120.00 |
| Netflix 15.99 (renews 11-25), Gym 40.00 (11-28), Spotify 9.99 (12-12) | 65.98 |
| renewals in the next 7 days | 55.99 |
| lent to Ana / borrowed from Ben, Lisa | 70.00 / 30.00, 18.40 (48.40) |
| Call mom (today), Pay rent (11-20), Renew passport (11-15), Book dentist | 2 late |
| Shopping list: milk, eggs, bread; Weekend trip list: sunscreen | |
| November budget: 1,350.00 planned, 1,020.40 left; Food & Dining 279.70 left | |
"""

from typing import Any

from rest_framework.test import APIClient

TODAY = "2026-11-22"
NOW = "2026-11-22 12:00:00+00:00"

EXPENSES = [
    ("2026-11-22", "Starbucks", "4.50", "Food & Dining", "coffee"),
    ("2026-11-22", "Chipotle", "12.00", "Food & Dining", "lunch"),
    ("2026-11-22", "Whole Foods", "45.30", "Groceries", "groceries"),
    ("2026-11-20", "Shell", "40.00", "Travel", "gas"),
    ("2026-11-18", "Starbucks", "3.80", "Food & Dining", "coffee"),
    ("2026-11-18", "Cinema City", "24.00", "Entertainment", "movie tickets"),
    ("2026-11-10", "City Power", "120.00", "Utilities", "electricity"),
    ("2026-11-03", "Zara", "80.00", "Shopping", "shoes"),
    ("2026-10-10", "Lidl", "60.00", "Groceries", "groceries"),
    ("2026-10-15", "Starbucks", "5.20", "Food & Dining", "coffee"),
    ("2026-10-25", "Olive Garden", "35.00", "Food & Dining", "dinner"),
]
SUBSCRIPTIONS = [
    ("Netflix", "Netflix Inc.", "15.99", "2026-11-25"),
    ("Gym", "City Gym", "40.00", "2026-11-28"),
    ("Spotify", "Spotify AB", "9.99", "2026-12-12"),
]
LOANS = [
    ("lent", "Ana", "70.00", "2026-11-10"),
    ("borrowed", "Ben", "30.00", "2026-11-12"),
    ("borrowed", "Lisa", "18.40", "2026-11-19"),
]
TODOS = [
    ("Call mom", "2026-11-22"),
    ("Pay rent", "2026-11-20"),
    ("Renew passport", "2026-11-15"),
    ("Book dentist", "2026-11-24"),
    ("Water the plants", None),
]
LISTS = [
    ("Shopping", "shopping", "milk, eggs, bread"),
    ("Weekend trip", "packing", "sunscreen"),
]
ALLOCATIONS = {
    "Food & Dining": "300.00",
    "Groceries": "400.00",
    "Entertainment": "100.00",
    "Shopping": "200.00",
    "Utilities": "200.00",
    "Travel": "150.00",
}


def _post(client: APIClient, url: str, data: dict[str, Any]) -> dict[str, Any]:
    """POST through the API; the seed must be accepted."""
    response = client.post(url, data, format="json")
    assert response.status_code == 201, (url, response.content[:300])
    return response.json()


def seed_week(client: APIClient) -> None:
    """The known week of the signed-in user (time frozen at `NOW`)."""
    for day, vendor, amount, category, notes in EXPENSES:
        _post(client, "/api/expenses/", {
            "transaction_date": day, "vendor": vendor, "amount": amount,
            "category": category, "notes": notes, "currency": "USD",
        })  # fmt: skip
    for name, provider, amount, renews in SUBSCRIPTIONS:
        _post(client, "/api/subscriptions/", {
            "name": name, "provider": provider, "amount": amount,
            "billing_cycle": "monthly", "start_date": "2026-01-01",
            "next_billing_date": renews,
        })  # fmt: skip
    for direction, person, amount, day in LOANS:
        _post(client, "/api/lending/", {
            "direction": direction, "counterparty_name": person,
            "amount": amount, "lent_date": day,
        })  # fmt: skip
    for title, due in TODOS:
        _post(client, "/api/todos/", {"title": title, "due_date": due})
    for name, kind, items in LISTS:
        made = _post(client, "/api/lists/", {"name": name, "list_type": kind})
        _post(client, f"/api/lists/{made['list_id']}/add_items/", {"text": items})
    _post(client, "/api/budgets/", {
        "month": "2026-11", "total_income": "3000.00",
        "allocations": [
            {"category": c, "allocated_amount": a} for c, a in ALLOCATIONS.items()
        ],
    })  # fmt: skip
