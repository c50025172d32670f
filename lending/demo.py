"""Demo data: a believable circle of friends and family for `seed_demo`.

Pizza money due in three days, concert tickets half paid back and overdue, a trip
loan in euros being repaid, an old coffee tab with no due date, one friend who
always repays on time, a write-off, a forgiven debt, and the latest dinner split
three ways (the expenses demo runs first). Everything goes through `LendingService`,
so statuses, sums and events are the real ones.
"""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from expenses.services import ExpenseService
from lending.services import LendingService
from users.services import UserService

# (direction, person, amount, currency, what for, lent days ago, due in days | None,
#  [(repaid, days ago)], closing action | None)
PEOPLE: tuple[tuple[Any, ...], ...] = (
    ("lent", "Sam", "20.00", "USD", "pizza night", 10, 3, [], None),
    (
        "lent",
        "Maria",
        "150.00",
        "USD",
        "concert tickets",
        45,
        -15,
        [("50.00", 20)],
        None,
    ),
    (
        "borrowed",
        "Alex",
        "300.00",
        "EUR",
        "Lisbon trip",
        70,
        10,
        [("100.00", 30)],
        None,
    ),
    ("lent", "Jo", "12.50", "USD", "coffee and lunch", 100, None, [], None),
    (
        "lent",
        "Priya",
        "80.00",
        "USD",
        "taxi to the airport",
        60,
        -40,
        [("80.00", 41)],
        None,
    ),
    (
        "lent",
        "Priya",
        "35.00",
        "USD",
        "birthday gift share",
        20,
        -5,
        [("35.00", 6)],
        None,
    ),
    ("lent", "Tom", "40.00", "USD", "festival ticket", 200, -150, [], "write_off"),
    (
        "borrowed",
        "Dad",
        "250.00",
        "USD",
        "new laptop",
        90,
        None,
        [("50.00", 60)],
        "forgive",
    ),
    ("borrowed", "Lisa", "18.40", "USD", "groceries", 2, 5, [], None),
)


def _record(user: AbstractBaseUser, today: date, spec: tuple[Any, ...]) -> None:
    """One person's record, its repayments and its closing."""
    direction, name, amount, currency, what, ago, due_in, repaid, closing = spec
    record = LendingService.create(
        user=user,
        data={
            "direction": direction,
            "counterparty_name": name,
            "amount": Decimal(amount),
            "currency": currency,
            "description": what,
            "lent_date": today - timedelta(days=ago),
            "due_date": today + timedelta(days=due_in) if due_in is not None else None,
        },
    )
    for paid, days_ago in repaid:
        LendingService.repay(
            user=user,
            pk=record.pk,
            data={
                "amount": Decimal(paid),
                "date": today - timedelta(days=days_ago),
                "method": "mobile",
            },
        )
    if closing:
        getattr(LendingService, closing)(user=user, pk=record.pk)


def _split_latest_dinner(user: AbstractBaseUser, today: date) -> int:
    """Split the latest dinner out (over 30) equally with Sam and Alex."""
    dinner = (
        ExpenseService.queryset_for(user=user)
        .filter(category="Food & Dining", amount__gt=30, expense_type="expense")
        .first()
    )
    if dinner is None:
        return 0
    made = LendingService.split_expense(
        user=user,
        expense_id=dinner.pk,
        data={
            "with": [{"name": "Sam"}, {"name": "Alex"}],
            "equal": True,
            "due_date": max(today, dinner.transaction_date) + timedelta(days=7),
        },
    )
    return len(made)


def seed(user: AbstractBaseUser) -> str:
    """Create the user's lending records; return a one-line summary."""
    today = UserService.today_for(user=user)
    for spec in PEOPLE:
        _record(user, today, spec)
    split = _split_latest_dinner(user, today)
    people = len({spec[1] for spec in PEOPLE})
    return (
        f"{len(PEOPLE) + split} lending records with {people} people "
        f"({split} from splitting the latest dinner out)."
    )
