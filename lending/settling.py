"""Settling up with a person, and splitting an expense into IOUs.

Both write several rows at once inside one transaction: all of it, or nothing.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction

from expenses.services import ExpenseService
from lending import records
from lending.balances import person_rows
from lending.models import Direction, LendingModel, Method, RepaymentModel
from lending.validators import clean_name, counterparty_key
from mysphere_core import events
from mysphere_core.errors import InvalidInput
from mysphere_core.money import format_money, minor_units_error, split_money
from users.services import UserService

ZERO = Decimal("0.00")
# The first key of the PostgreSQL advisory locks that serialize splits of one expense.
SPLIT_LOCK_KEY = 0x4C454E44  # "LEND"


@dataclass
class Settlement:
    """What a settle-up did: the cash that changed hands, what was netted, the rows."""

    counterparty: str
    currency: str
    amount: Decimal
    payer: str  # "them", "you" or "nobody" (everything netted)
    netted: Decimal
    repayments: list[RepaymentModel] = field(default_factory=list)
    records: list[LendingModel] = field(default_factory=list)


def _allocate(
    rows: list[LendingModel], total: Decimal, day: date, method: str, note: str
) -> list[RepaymentModel]:
    """Repay `total` over `rows` (locked, oldest first), each up to what it owes."""
    made = []
    for record in rows:
        if total <= 0:
            break
        part = min(total, record.outstanding)
        if part > 0:
            made.append(records.apply_repayment(record, part, day, method, note))
            total -= part
    return made


def _cash(data: Mapping[str, Any], name: str, currency: str, net: Decimal) -> Decimal:
    """The cash paid: `amount` when given (at most the net), else the whole net."""
    amount = data.get("amount")
    if amount is None:
        return abs(net)
    if net == 0:
        raise records.field_error(
            "amount",
            f"Your open items with {name} in {currency} cancel out; settle "
            "without an amount.",
        )
    if amount > abs(net):
        owed = format_money(abs(net), currency)
        who = f"{name} owes you {owed}" if net > 0 else f"You owe {name} {owed}"
        raise records.field_error("amount", f"{who} in all; settle at most that.")
    return amount


def _check_day(user: AbstractBaseUser, day: date) -> None:
    """The settle-up's day is not in the future."""
    if day > UserService.today_for(user=user):
        raise records.field_error("date", "A settle-up cannot be in the future.")


def settle(user: AbstractBaseUser, data: Mapping[str, Any]) -> Settlement:
    """One payment settling the open items with a person in one currency lent by the
    settle-up's day, oldest first, both directions netted; announces
    `lending.settled`."""
    currency = data["currency"]
    day = data.get("date") or UserService.today_for(user=user)
    _check_day(user, day)
    with transaction.atomic():
        rows = list(
            person_rows(user, counterparty_key(data["counterparty"]), currency)
            .filter(lent_date__lte=day)
            .select_for_update(of=("self",))
            .order_by("lent_date", "lending_id")
        )
        name = rows[-1].counterparty_name if rows else clean_name(data["counterparty"])
        if not rows:
            raise records.field_error(
                "counterparty",
                f"No open items with {name} in {currency} lent by {day.isoformat()}.",
            )
        lent = [r for r in rows if r.direction == Direction.LENT]
        borrowed = [r for r in rows if r.direction == Direction.BORROWED]
        owed_to_you = sum((r.outstanding for r in lent), ZERO)
        you_owe = sum((r.outstanding for r in borrowed), ZERO)
        net = owed_to_you - you_owe
        cash = _cash(data, name, currency, net)
        netted = min(owed_to_you, you_owe)
        method = data.get("method") or Method.OTHER
        note = data.get("note") or f"Settled up with {name}"
        made = _allocate(lent, netted, day, Method.NETTING, note)
        made += _allocate(borrowed, netted, day, Method.NETTING, note)
        made += _allocate(lent if net > 0 else borrowed, cash, day, method, note)
        touched = [r for r in rows if any(p.lending_id == r.pk for p in made)]
        events.announce(
            "lending.settled",
            user=user,
            counterparty_name=name,
            currency=currency,
            amount=str(cash),
            lending_ids=[r.pk for r in touched],
        )
    payer = "nobody" if not cash else ("them" if net > 0 else "you")
    return Settlement(name, currency, cash, payer, netted, made, touched)


# --- split --------------------------------------------------------------------------


def equal_shares(
    total: Decimal, people: int, currency: str
) -> tuple[Decimal, list[Decimal]]:
    """`total` divided among the payer and `people` others, exactly, in the
    currency's minor units (whole yen, cents, fils): the payer keeps the remainder
    units. Returns (payer's share, the others' shares)."""
    payer, *others = split_money(total, people + 1, currency)
    return payer, others


def _shares(expense: Any, data: Mapping[str, Any]) -> list[Decimal]:
    """Each person's share: given, or equal (the remainder cents to the payer)."""
    people = data["with"]
    if data.get("equal"):
        if any(p.get("share") is not None for p in people):
            raise records.field_error(
                "with", "With equal: true, leave the shares out; they are computed."
            )
        _, shares = equal_shares(expense.amount, len(people), expense.currency)
        if not shares[0]:
            raise records.field_error(
                "with",
                f"{format_money(expense.amount, expense.currency)} cannot be split "
                f"among {len(people) + 1}.",
            )
        return shares
    missing = {
        str(i): {"share": ["Give a share, or split with equal: true."]}
        for i, p in enumerate(people)
        if p.get("share") is None
    }
    if missing:
        raise InvalidInput(errors={"with": missing})
    finer = {
        str(i): {"share": [message]}
        for i, p in enumerate(people)
        if (message := minor_units_error(p["share"], expense.currency))
    }
    if finer:
        raise InvalidInput(errors={"with": finer})
    return [p["share"] for p in people]


def _check_split(
    user: AbstractBaseUser, expense: Any, data: Mapping[str, Any], shares: list
) -> None:
    """Names differ; the shares (with earlier splits) stay under the expense."""
    keys = [counterparty_key(p["name"]) for p in data["with"]]
    if len(set(keys)) != len(keys):
        raise records.field_error("with", "Name each person once.")
    earlier = records.live(user).filter(
        source_ref=f"{records.SPLIT_PREFIX}{expense.pk}"
    )
    split_before = sum(earlier.values_list("amount", flat=True), ZERO)
    total = sum(shares, ZERO) + split_before
    if total >= expense.amount:
        before = (
            f" ({format_money(split_before, expense.currency)} split before)"
            if split_before
            else ""
        )
        raise records.field_error(
            "with",
            f"The shares add up to {format_money(total, expense.currency)}{before}; "
            f"together they must stay under the expense "
            f"({format_money(expense.amount, expense.currency)}), so you keep a share.",
        )
    due = data.get("due_date")
    if due and due < expense.transaction_date:
        raise records.field_error(
            "due_date",
            f"The due date cannot be before the expense "
            f"({expense.transaction_date.isoformat()}).",
        )


def _lock_splits_of(expense_id: int) -> None:
    """Hold, until the transaction ends, the lock that serializes splits of one
    expense (PostgreSQL; SQLite runs one writer at a time anyway), so two splits at
    once cannot both pass the "shares stay under the expense" check."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [SPLIT_LOCK_KEY, expense_id % 2**31],
            )


def split(
    user: AbstractBaseUser, expense_id: Any, data: Mapping[str, Any]
) -> list[LendingModel]:
    """One `lent` record per person for their share of the user's expense, linked
    to it (`source_ref`); announces `lending.created` for each."""
    expense = ExpenseService.get_for(user=user, pk=expense_id)
    if expense.expense_type == "refund":
        raise records.field_error("expense_id", "A refund cannot be split.")
    shares = _shares(expense, data)
    what = expense.vendor or expense.category
    with transaction.atomic():
        _lock_splits_of(expense.pk)
        _check_split(user, expense, data, shares)
        created = [
            records.create(
                user,
                {
                    "direction": Direction.LENT,
                    "counterparty_name": person["name"],
                    "amount": share,
                    "currency": expense.currency,
                    "description": f"Share of {what} ({expense.transaction_date})",
                    "lent_date": expense.transaction_date,
                    "due_date": data.get("due_date"),
                },
                source_ref=f"{records.SPLIT_PREFIX}{expense.pk}",
            )
            for person, share in zip(data["with"], shares, strict=True)
        ]
        records.sync_split_expense(user, f"{records.SPLIT_PREFIX}{expense.pk}")
    return created


def expense_for(user: AbstractBaseUser, expense_id: Any) -> Any:
    """The user's expense to split (404 for anybody else's)."""
    return ExpenseService.get_for(user=user, pk=expense_id)
