"""The home screen in one request: each section read through the owning feature's
service, the same call its own endpoint makes, so every number matches it.

| section | from |
| --- | --- |
| `spending` | this month's expense totals per currency and the budget summary |
| `budget_watch` | the budget summary's categories, nearest their limit first |
| `renewals` | subscriptions renewing in 7 days (`/api/subscriptions/upcoming/`) |
| `agenda` | the todos today agenda's counts and its first five tasks |
| `lending` | the lending summary per currency and the top three people by balance |
| `notifications` | the unread count and the latest three |
| `recent_expenses` | the last five expenses |

A feature that is turned off, or a user with no budget this month, gives an empty
section, never an error. Everything but the notifications is kept, rendered, for
the user's current local minute until a write of one of the features it reads (their
domain events bump their cache versions), each group of sections on its own; a
feature flag switched meanwhile shows within a minute.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mysphere_core import caching
from mysphere_core.errors import NotFoundError
from mysphere_core.features import feature_enabled
from users.services import UserService

RENEWAL_DAYS = 7
WATCHED = 3
AGENDA_TASKS = 5
# Each group of sections and the features whose writes change it (their events bump
# their cache versions); within a minute nothing else does: due times are whole
# minutes and the other sections move by the day.
SECTION_FEATURES = {
    "money": ("users", "expenses", "budgets", "subscriptions"),
    "renewals": ("users", "subscriptions"),
    "agenda": ("users", "todos"),
    "lending": ("users", "lending"),
    "recent_expenses": ("users", "expenses"),
}
KEEP_SECONDS = 60
PEOPLE = 3
LATEST = 3
RECENT = 5

Render = Callable[[str, Any], Any]


def build(user: AbstractBaseUser, render: Render) -> dict[str, Any]:
    """Every section of the dashboard for the user's local now, each rendered by
    `render(section, value)`: the features' sections kept, rendered, for the
    current local minute until one of the features they read (or the profile)
    changes, each group on its own (a new expense recomputes the money and the
    recent expenses, not the agenda); the notifications read fresh."""
    now = UserService.now_for(user=user)
    minute = now.isoformat(timespec="minutes")
    computes = {
        "money": lambda: _money(user, render),
        "renewals": lambda: render("renewals", _renewals(user)),
        "agenda": lambda: render("agenda", _agenda(user)),
        "lending": lambda: render("lending", _lending(user)),
        "recent_expenses": lambda: render("recent_expenses", _recent(user)),
    }
    kept = caching.cached_versioned_many(
        user,
        {
            name: caching.Kept(SECTION_FEATURES[name], ("home", minute), compute)
            for name, compute in computes.items()
        },
        KEEP_SECONDS,
    )
    money = kept.pop("money")
    return {
        "date": render("date", now.date()),
        **money,
        **kept,
        "notifications": render("notifications", _notifications(user)),
    }


def _money(user: AbstractBaseUser, render: Render) -> dict[str, Any]:
    """This month's spending and the budget's watched categories, rendered."""
    summary = _budget_summary(user)
    return {
        "spending": render("spending", _spending(user, summary)),
        "budget_watch": render("budget_watch", _watch(summary)),
    }


def _budget_summary(user: AbstractBaseUser) -> dict[str, Any] | None:
    """This month's budget summary, or None without a plan."""
    from budgets.services import BudgetService

    try:
        return BudgetService.summary(user=user)
    except NotFoundError:
        return None


def _spending(
    user: AbstractBaseUser, summary: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Per currency spent this month, with the budget where a plan is in it."""
    from expenses.services import ExpenseService

    rows = []
    for item in ExpenseService.month_totals(user=user):
        row = {
            "currency": item["currency"],
            "spent": item["total"],
            "budget": None,
            "remaining": None,
            "safe_to_spend_per_day": None,
        }
        if summary and summary["currency"] == item["currency"]:
            row.update(
                spent=summary["total_spent"],
                budget=summary["total_budget"],
                remaining=summary["total_remaining"],
                safe_to_spend_per_day=summary["safe_to_spend_per_day"],
            )
        rows.append(row)
    if summary and summary["currency"] not in {row["currency"] for row in rows}:
        rows.append(
            {
                "currency": summary["currency"],
                "spent": summary["total_spent"],
                "budget": summary["total_budget"],
                "remaining": summary["total_remaining"],
                "safe_to_spend_per_day": summary["safe_to_spend_per_day"],
            }
        )
    return sorted(rows, key=lambda row: row["currency"])


def _watch(summary: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The budgeted categories closest to or over their limit."""
    if not summary:
        return []
    lines = [line for line in summary["categories"] if line["available"] > 0]
    lines.sort(key=lambda line: (-line["percent_used"], line["category"]))
    return [
        {
            "category": line["category"],
            "currency": summary["currency"],
            "available": line["available"],
            "spent": line["spent"],
            "remaining": line["remaining"],
            "percent_used": line["percent_used"],
        }
        for line in lines[:WATCHED]
    ]


def _renewals(user: AbstractBaseUser) -> list[Any]:
    """Active subscriptions renewing in the next seven days (models)."""
    if not feature_enabled("subscriptions"):
        return []
    from subscriptions.services import SubscriptionService

    return list(SubscriptionService.upcoming(user=user, days=RENEWAL_DAYS))


def _agenda(user: AbstractBaseUser) -> dict[str, Any]:
    """Today's counts and the first five tasks, group by group."""
    from todos.services import TodoService

    return {
        "counts": TodoService.agenda_counts(user=user),
        "tasks": TodoService.first_of_agenda(user=user, limit=AGENDA_TASKS),
    }


def _lending(user: AbstractBaseUser) -> dict[str, Any]:
    """Per currency balances and overdue money, and the people owing most."""
    if not feature_enabled("lending"):
        return {"enabled": False, "balances": [], "people": []}
    from lending.services import LendingService

    summary, people = LendingService.overview(user=user)
    balances = [
        {
            "currency": row["currency"],
            "net": row["net"],
            "lent_outstanding": row["lent_outstanding"],
            "borrowed_outstanding": row["borrowed_outstanding"],
            "overdue_amount": row["overdue_amount"],
            "overdue_count": row["overdue_count"],
        }
        for row in summary
    ]
    people.sort(key=lambda row: (-abs(row["net_balance"]), row["counterparty"]))
    return {
        "enabled": True,
        "balances": balances,
        "people": [
            {
                "counterparty": row["counterparty"],
                "currency": row["currency"],
                "net_balance": row["net_balance"],
                "overdue_items": row["overdue_items"],
            }
            for row in people[:PEOPLE]
            if row["net_balance"] != Decimal("0")
        ],
    }


def _notifications(user: AbstractBaseUser) -> dict[str, Any]:
    """The unread count and the latest three notifications (what the feature's
    own count and list give, in two precompiled statements)."""
    from integrations.services import NotificationService

    unread, latest = NotificationService.unread_and_latest(user=user, limit=LATEST)
    return {"unread": unread, "latest": latest}


def _recent(user: AbstractBaseUser) -> list[Any]:
    """The last five expenses (the list's own order)."""
    from expenses.services import ExpenseService

    return list(ExpenseService.queryset_for(user=user)[:RECENT])
