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


# The routine of an ordinary day: (on which weekdays, chance or None for always,
# one spec or a list to pick one from). Checked in this order, so the same seed
# always gives the same life.
ALWAYS = range(7)
WEEKDAYS = range(5)
ROUTINE: tuple[tuple[Any, float | None, Any], ...] = (
    (WEEKDAYS, 0.7, COFFEE),
    (WEEKDAYS, 0.55, LUNCH),
    ((5,), None, GROCERIES),
    ((4, 5), 0.6, DINNER),
    (ALWAYS, 0.3, RIDES),
    ((0,), 0.5, FUEL),
    (ALWAYS, 0.08, SHOPPING),
    ((4, 5, 6), 0.15, FUN),
    (ALWAYS, 0.04, HEALTH),
    (ALWAYS, 0.02, LEARNING),
)
# Monthly bills: (day of the month, spec, extra fields).
BILLS: tuple[tuple[int, tuple, dict[str, Any]], ...] = (
    (1, ("Utilities", "Parkview Apartments", 1450, 1450, "bank_transfer"),
     {"notes": "Rent"}),
    (12, ("Utilities", "Con Edison", 62, 118, "bank_transfer"), {}),
    (18, ("Utilities", "City Water", 28, 41, "bank_transfer"), {}),
)  # fmt: skip
TRIP_DAYS = 6
TRIP_DAYS_AGO = 45


def _bills(rng: random.Random, day: date) -> Iterator[dict[str, Any]]:
    """The bills due on `day`."""
    for day_of_month, spec, extra in BILLS:
        if day.day == day_of_month:
            yield _item(rng, day, spec, **extra)


def _trip_day(
    rng: random.Random, day: date, first_day: bool
) -> Iterator[dict[str, Any]]:
    """Three things in Paris (in euros); the flight and the hotel on the first day."""
    for spec in rng.sample(TRIP[1:], 3):
        yield _item(rng, day, spec, TRIP_CURRENCY)
    if first_day:
        yield _item(rng, day, ("Travel", "Air France", 480, 620, "card"))
        hotel = _item(rng, day, TRIP[0], TRIP_CURRENCY)
        hotel["amount"] *= TRIP_DAYS
        hotel["notes"] = f"{TRIP_DAYS} nights"
        yield hotel


def _ordinary_day(rng: random.Random, day: date) -> Iterator[dict[str, Any]]:
    """Coffee, lunch, groceries, dinners, rides… by weekday and chance."""
    weekday = day.weekday()
    for weekdays, chance, specs in ROUTINE:
        if weekday in weekdays and (chance is None or rng.random() < chance):
            spec = specs if isinstance(specs, tuple) else rng.choice(specs)
            yield _item(rng, day, spec)


def _extras(today: date) -> Iterator[dict[str, Any]]:
    """A refund, and two expenses typed in words (as `parse_text` saves them)."""
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


def _life(rng: random.Random, start: date, today: date) -> Iterator[dict[str, Any]]:
    """Every expense from `start` to `today`."""
    trip_start = today - timedelta(days=TRIP_DAYS_AGO)
    trip_end = trip_start + timedelta(days=TRIP_DAYS - 1)
    day = start
    while day <= today:
        yield from _bills(rng, day)
        if trip_start <= day <= trip_end:
            yield from _trip_day(rng, day, first_day=day == trip_start)
        else:
            yield from _ordinary_day(rng, day)
        day += timedelta(days=1)
    yield from _extras(today)


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
