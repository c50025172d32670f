"""Demo data: four months of a realistic life in expenses, for `seed_demo`.

Daily coffees and lunches, weekly groceries and dinners out, rides and fuel, monthly
rent and bills, a few purchases (one refunded), and a week in Paris paid in euros.
Streaming and gym memberships are left to the subscriptions demo. The same user
always gets the same data (fixed random seed), through `ExpenseService.bulk_create`.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from expenses.services import MAX_BULK_ITEMS, ExpenseService
from users.services import UserService

DAYS = 120
SEED = 20261122
TRIP_CURRENCY = "EUR"

# (category, vendor, low, high, payment method)
COFFEE = [("Food & Dining", v, 3.5, 6.5, "card") for v in ("Starbucks", "Blue Bottle")]
LUNCH = [
    ("Food & Dining", v, 9, 16, "card") for v in ("Chipotle", "Sweetgreen", "Subway")
]
GROCERIES = [
    ("Groceries", v, 45, 140, "card") for v in ("Whole Foods", "Trader Joe's", "Kroger")
]
DINNER = [
    ("Food & Dining", v, 28, 85, "card")
    for v in ("Olive Garden", "Luigi's Trattoria", "Sushi Zen", "Taco Bell")
]
RIDES = [("Travel", v, 9, 32, "mobile") for v in ("Uber", "Lyft")]
FUEL = ("Travel", "Shell", 35, 58, "card")
SHOPPING = [
    ("Shopping", "Amazon", 12, 120, "card"),
    ("Shopping", "Target", 18, 90, "card"),
    ("Shopping", "Nike", 60, 140, "card"),
    ("Shopping", "IKEA", 40, 220, "card"),
]
FUN = [
    ("Entertainment", "AMC", 14, 32, "card"),
    ("Entertainment", "Steam", 10, 60, "card"),
    ("Entertainment", "Ticketmaster", 45, 160, "card"),
    ("Entertainment", "Bowlero", 25, 60, "cash"),
]
HEALTH = [
    ("Health", "CVS", 8, 45, "card"),
    ("Health", "Dr. Patel Family Clinic", 40, 120, "card"),
]
LEARNING = [
    ("Education", "Udemy", 12, 25, "card"),
    ("Education", "Barnes & Noble", 15, 60, "card"),
]
TRIP = [
    ("Travel", "Hotel Le Marais", 140, 190, "card"),
    ("Food & Dining", "Café de Flore", 12, 38, "card"),
    ("Food & Dining", "Le Bouillon Chartier", 22, 55, "card"),
    ("Entertainment", "Musée du Louvre", 22, 22, "card"),
    ("Travel", "RATP Metro", 2.15, 16.9, "mobile"),
    ("Groceries", "Monoprix", 8, 30, "card"),
]


def _amount(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2)))


def _item(
    rng: random.Random,
    day: date,
    spec: tuple,
    currency: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    category, vendor, low, high, method = spec
    item = {
        "amount": _amount(rng, low, high),
        "category": category,
        "vendor": vendor,
        "transaction_date": day,
        "payment_method": method,
        **extra,
    }
    if currency:
        item["currency"] = currency
    return item


def _life(rng: random.Random, start: date, today: date) -> Iterator[dict[str, Any]]:
    """Every expense from `start` to `today`."""
    trip_start = today - timedelta(days=45)
    trip_days = {trip_start + timedelta(days=n) for n in range(6)}
    day = start
    while day <= today:
        weekday = day.weekday()
        if day.day == 1:
            yield _item(rng, day, ("Utilities", "Parkview Apartments", 1450, 1450,
                                   "bank_transfer"), notes="Rent")  # fmt: skip
        if day.day == 12:
            yield _item(rng, day, ("Utilities", "Con Edison", 62, 118, "bank_transfer"))
        if day.day == 18:
            yield _item(rng, day, ("Utilities", "City Water", 28, 41, "bank_transfer"))
        if day in trip_days:
            for spec in rng.sample(TRIP[1:], 3):
                yield _item(rng, day, spec, TRIP_CURRENCY)
            if day == trip_start:
                yield _item(rng, day, ("Travel", "Air France", 480, 620, "card"))
                hotel = _item(rng, day, TRIP[0], TRIP_CURRENCY)
                hotel["amount"] *= len(trip_days)
                hotel["notes"] = f"{len(trip_days)} nights"
                yield hotel
            day += timedelta(days=1)
            continue
        if weekday < 5 and rng.random() < 0.7:
            yield _item(rng, day, rng.choice(COFFEE))
        if weekday < 5 and rng.random() < 0.55:
            yield _item(rng, day, rng.choice(LUNCH))
        if weekday == 5:
            yield _item(rng, day, rng.choice(GROCERIES))
        if weekday in (4, 5) and rng.random() < 0.6:
            yield _item(rng, day, rng.choice(DINNER))
        if rng.random() < 0.3:
            yield _item(rng, day, rng.choice(RIDES))
        if weekday == 0 and rng.random() < 0.5:
            yield _item(rng, day, FUEL)
        if rng.random() < 0.08:
            yield _item(rng, day, rng.choice(SHOPPING))
        if weekday >= 4 and rng.random() < 0.15:
            yield _item(rng, day, rng.choice(FUN))
        if rng.random() < 0.04:
            yield _item(rng, day, rng.choice(HEALTH))
        if rng.random() < 0.02:
            yield _item(rng, day, rng.choice(LEARNING))
        day += timedelta(days=1)
    yield {
        "amount": Decimal("64.99"),
        "category": "Shopping",
        "vendor": "Amazon",
        "transaction_date": today - timedelta(days=9),
        "payment_method": "card",
        "expense_type": "refund",
        "notes": "Returned headphones",
    }
    for text, parsed in (
        ("Coffee at Starbucks for $4.75 yesterday", ("Starbucks", 4.75, 1)),
        ("Lunch at Pizza Hut $15.99", ("Pizza Hut", 15.99, 0)),
    ):
        vendor, amount, days_ago = parsed
        yield {
            "amount": Decimal(str(amount)),
            "category": "Food & Dining",
            "vendor": vendor,
            "transaction_date": today - timedelta(days=days_ago),
            "raw_text": text,
            "ai_suggested_category": "Food & Dining",
            "confidence": Decimal("0.95"),
        }


def seed(user: AbstractBaseUser) -> str:
    """Create four months of the user's expenses; return a one-line summary."""
    rng = random.Random(SEED)
    today = UserService.today_for(user=user)
    items = list(_life(rng, today - timedelta(days=DAYS), today))
    for index in range(0, len(items), MAX_BULK_ITEMS):
        ExpenseService.bulk_create(
            user=user, items=items[index : index + MAX_BULK_ITEMS]
        )
    trip = sum(1 for item in items if item.get("currency") == TRIP_CURRENCY)
    return (
        f"{len(items)} expenses over the last {DAYS} days "
        f"({trip} of them in {TRIP_CURRENCY} on a trip to Paris)."
    )
