"""Fixtures of the expenses tests."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.tests.factories import ExpenseFactory

# name: (amount, currency, category, vendor, day, payment method, extra fields)
FILTER_ROWS = {
    "lunch": ("12.00", "USD", "Food & Dining", "Chipotle", (2026, 11, 1), "card", {}),
    "taxi": (
        "30.00",
        "USD",
        "Travel",
        "Uber",
        (2026, 11, 5),
        "mobile",
        {"raw_text": "Uber to the airport"},
    ),
    "euro_dinner": (
        "45.00",
        "EUR",
        "Food & Dining",
        "Trattoria",
        (2026, 11, 10),
        "cash",
        {},
    ),
    "groceries": (
        "80.00",
        "USD",
        "Groceries",
        "Costco",
        (2026, 11, 15),
        "card",
        {"notes": "monthly stock-up"},
    ),
    "rent": (
        "1500.00",
        "USD",
        "Utilities",
        "Landlord",
        (2026, 10, 1),
        "bank_transfer",
        {},
    ),
    "refund": (
        "12.00",
        "USD",
        "Shopping",
        "Zara",
        (2026, 11, 20),
        "card",
        {"expense_type": "refund"},
    ),
}


@pytest.fixture
def filter_data(user, other_user):
    """Six expenses of alice and one of bob, named for the filter tests."""
    rows = {
        name: ExpenseFactory(
            user=user,
            amount=Decimal(amount),
            currency=currency,
            category=category,
            vendor=vendor,
            transaction_date=date(*day),
            payment_method=method,
            **extra,
        )
        for name, (amount, currency, category, vendor, day, method, extra) in (
            FILTER_ROWS.items()
        )
    }
    rows["bobs"] = ExpenseFactory(
        user=other_user,
        amount=Decimal("30.00"),
        category="Travel",
        transaction_date=date(2026, 11, 5),
    )
    return rows
