"""The assistant's answers that read (budgets, what is due) and its list writes,
each through the owning feature's service."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from integrations.assistant.handlers import (
    CONFIRM_HINT,
    EXAMPLES,
    Answer,
    money_words,
    obj,
)
from integrations.assistant.router import Route
from users.services import UserService

# A list's name -> the type a new list of that name gets.
LIST_TYPES = {"packing": "packing", "travel": "packing", "wish": "wishlist"}
PERIOD_DAYS = {"today": 0, "tomorrow": 1, "week": 7, "month": 30}


def _find_list(user: AbstractBaseUser, name: str) -> Any:
    """The user's live list (owned or shared to edit) named like `name`, or None:
    a name containing the word first, then a list of that type."""
    from lists.services import ListService

    lists = ListService.queryset_for(user=user).filter(is_archived=False)
    lists = lists.exclude(role="view")
    found = lists.filter(name__icontains=name).order_by("-updated_at").first()
    kind = LIST_TYPES.get(name, "shopping")
    if found is None and name in ("shopping", "grocery", "groceries", *LIST_TYPES):
        found = lists.filter(list_type=kind).order_by("-updated_at").first()
    return found


def list_items(
    user: AbstractBaseUser, route: Route, text: str, execute: bool
) -> Answer:
    """Add items to the named list (created on confirm when there is none)."""
    from lists.serializers import ListItemSerializer
    from lists.services import ListService

    name = route.fields.get("list") or "shopping"
    items = ", ".join(route.fields.get("items") or [text])
    target = _find_list(user, name)
    title = f"{name.title()} list"
    if not execute:
        where = f'"{target.name}"' if target else f'a new list "{title}"'
        return Answer(
            f"Add {items} to {where}?{CONFIRM_HINT}",
            [obj("list_items", {"list": target.name if target else title,
                                 "items": route.fields.get("items") or [text]})],
            needs_confirmation=True,
        )  # fmt: skip
    if target is None:
        kind = LIST_TYPES.get(name, "shopping")
        target = ListService.create(user=user, data={"name": title, "list_type": kind})
    plan = ListService.add_items(user=user, pk=target.pk, text=items)
    rows = [*plan.created, *plan.merged]
    objects = [obj("list_item", ListItemSerializer(row).data, row.pk) for row in rows]
    return Answer(f'Added {items} to "{target.name}".', objects, executed=True)


def purchase(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """Should I buy it? The budgets feature's purchase advice."""
    from budgets.services import BudgetService

    amount = route.fields.get("amount")
    if amount is None:
        return Answer("How much does it cost? Ask again with the price.")
    item = route.fields.get("item") or text
    advice = BudgetService.purchase_advice(
        user=user, item_description=item, amount=amount
    )
    verdict = {"buy": "Buy it", "wait": "Wait", "dont_buy": "Don't buy it"}
    reply = f"{verdict.get(advice['decision'], advice['decision'])}: {advice['reason']}"
    return Answer(reply, [obj("purchase_advice", advice)])


def budget(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """What is left: in one category, or this month's plan as a whole."""
    from budgets.services import BudgetService

    category = route.fields.get("category")
    if category:
        left = BudgetService.remaining_in_category(user=user, category=category)
        if left is None:
            return Answer("You have no budget for this month yet.")
        money = left["currency"]
        reply = (
            f"You have {money_words(left['remaining'], money)} left in {category} this "
            f"month ({money_words(left['available'], money)} available, "
            f"{money_words(left['spent'], money)} spent)."
        )
        return Answer(reply, [obj("budget_category", left, left["budget_id"])])
    summary = BudgetService.summary(user=user)
    money = summary["currency"]
    reply = (
        f"{money_words(summary['total_remaining'], money)} of "
        f"{money_words(summary['total_budget'], money)} is left this month; about "
        f"{money_words(summary['safe_to_spend_per_day'], money)} a day is safe to "
        "spend."
    )
    return Answer(reply, [obj("budget_summary", summary)])


def due(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """Renewals, tasks and loans due in the period asked about."""
    today = UserService.today_for(user=user)
    period = route.fields.get("period") or "week"
    last = today + timedelta(days=PERIOD_DAYS[period])
    first = today + timedelta(days=1) if period == "tomorrow" else today
    found = [*_renewals(user, first, last), *_tasks(user, first, last)]
    found += _loans(user, first, last)
    found.sort(key=lambda row: (row["date"], row["type"]))
    when = {"today": "today", "tomorrow": "tomorrow"}.get(period, f"by {last}")
    if not found:
        return Answer(f"Nothing is due {when}.")
    lines = "; ".join(f"{row['date']}: {row['what']}" for row in found[:10])
    more = f" (and {len(found) - 10} more)" if len(found) > 10 else ""
    return Answer(
        f"{len(found)} due {when}: {lines}{more}.",
        [obj(row["type"], row, row["id"]) for row in found],
    )


def _renewals(user: AbstractBaseUser, first: Any, last: Any) -> list[dict]:
    """Active subscriptions renewing between the two days."""
    from subscriptions.services import SubscriptionService

    rows = SubscriptionService.queryset_for(user=user).filter(
        status="active", next_billing_date__range=(first, last)
    )
    return [
        {
            "type": "subscription",
            "id": row.pk,
            "date": row.next_billing_date,
            "what": f"{row.name} renews ({money_words(row.amount, row.currency)})",
        }
        for row in rows
    ]


def _tasks(user: AbstractBaseUser, first: Any, last: Any) -> list[dict]:
    """Open tasks due between the two days (overdue ones too when from today)."""
    from todos.services import TodoService

    rows = TodoService.queryset_for(user=user).filter(
        status__in=("pending", "in_progress"), due_date__lte=last
    )
    if first > UserService.today_for(user=user):
        rows = rows.filter(due_date__gte=first)
    return [
        {"type": "todo", "id": row.pk, "date": row.due_date, "what": row.title}
        for row in rows.order_by("due_date")[:50]
    ]


def _loans(user: AbstractBaseUser, first: Any, last: Any) -> list[dict]:
    """Open loans falling due between the two days."""
    from lending.services import LendingService

    rows = LendingService.queryset_for(user=user).filter(
        status__in=("outstanding", "partially_repaid"), due_date__range=(first, last)
    )
    return [
        {
            "type": "lending",
            "id": row.pk,
            "date": row.due_date,
            "what": _loan_words(row),
        }
        for row in rows
    ]


def _loan_words(row: Any) -> str:
    """ "Sam owes you 20.00 USD" or "you owe Alex 50.00 EUR"."""
    amount = money_words(row.amount, row.currency)
    if row.direction == "lent":
        return f"{row.counterparty_name} owes you {amount}"
    return f"you owe {row.counterparty_name} {amount}"


def unknown(user: AbstractBaseUser, route: Route, text: str, execute: bool) -> Answer:
    """Nothing understood: what the assistant can do, by example."""
    examples = "; ".join(f'"{example}"' for example in EXAMPLES)
    return Answer(f"I didn't understand that. You can say, for example: {examples}.")
