"""BudgetWise's ranking: each category's necessity (1 luxury .. 10 essential), its
share of a generated plan, and the user's own scores and monthly limits.

System defaults (the shares sum to 100; necessity 8+ is a need, the rest wants):

| category | necessity | default share |
| --- | --- | --- |
| Utilities | 10 | 25 % |
| Groceries | 9 | 15 % |
| Health | 9 | 8 % |
| Education | 8 | 5 % |
| Travel | 5 | 10 % |
| Food & Dining | 5 | 12 % |
| Other | 5 | 8 % |
| Shopping | 4 | 10 % |
| Entertainment | 3 | 7 % |
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions

from budgets.models import CategoryPreferenceModel
from expenses.models import EXPENSE_CATEGORIES
from mysphere_core import events

NEED_SCORE = 8  # necessity from which a category is a need (50/30/20's "needs")
# category -> (necessity score, default allocation percent)
DEFAULTS: dict[str, tuple[int, Decimal]] = {
    "Utilities": (10, Decimal("25")),
    "Groceries": (9, Decimal("15")),
    "Health": (9, Decimal("8")),
    "Education": (8, Decimal("5")),
    "Travel": (5, Decimal("10")),
    "Food & Dining": (5, Decimal("12")),
    "Other": (5, Decimal("8")),
    "Shopping": (4, Decimal("10")),
    "Entertainment": (3, Decimal("7")),
}
assert set(DEFAULTS) == set(EXPENSE_CATEGORIES)  # noqa: S101 - a table invariant
assert sum(share for _, share in DEFAULTS.values()) == 100  # noqa: S101


@dataclass(frozen=True)
class Ranking:
    """One category as the user ranks it."""

    category: str
    necessity_score: int
    monthly_limit: Decimal | None
    default_necessity_score: int
    default_allocation_percent: Decimal
    is_custom: bool

    @property
    def is_need(self) -> bool:
        """Necessity 8 or more: a need, not a want."""
        return self.necessity_score >= NEED_SCORE


def resolve_category(value: str) -> str | None:
    """The category named by `value` in any case, or by its slug ("food-dining")."""
    wanted = value.strip().lower()
    for name in EXPENSE_CATEGORIES:
        if wanted in (name.lower(), slug(name)):
            return name
    return None


def slug(name: str) -> str:
    """A category name for URLs: "Food & Dining" -> "food-dining"."""
    return "-".join(name.lower().replace("&", " ").split())


def unknown_category_message(value: str) -> str:
    """The 400 message for a category that does not exist."""
    return f"'{value}' is not a category. Use one of: {', '.join(EXPENSE_CATEGORIES)}."


def rankings(user: AbstractBaseUser) -> dict[str, Ranking]:
    """Every category, the user's preferences over the defaults (one query)."""
    custom = {
        row.category: row
        for row in CategoryPreferenceModel.objects.filter(user=user, is_active=True)
    }
    result = {}
    for name in EXPENSE_CATEGORIES:
        score, share = DEFAULTS[name]
        row = custom.get(name)
        result[name] = Ranking(
            category=name,
            necessity_score=row.necessity_score if row else score,
            monthly_limit=row.monthly_limit if row else None,
            default_necessity_score=score,
            default_allocation_percent=share,
            is_custom=row is not None,
        )
    return result


def update(
    *, user: AbstractBaseUser, category: str, data: Mapping[str, Any]
) -> Ranking:
    """Set the user's necessity score and/or monthly limit of one category."""
    name = resolve_category(category)
    if name is None:
        raise exceptions.ValidationError(
            {"category": [unknown_category_message(category)]}
        )
    current = rankings(user)[name]
    score = data.get("necessity_score", current.necessity_score)
    limit = data.get("monthly_limit", current.monthly_limit)
    with transaction.atomic():
        CategoryPreferenceModel.objects.update_or_create(
            user=user,
            category=name,
            defaults={
                "necessity_score": score,
                "monthly_limit": limit,
                "is_active": True,
            },
        )
        events.announce("budget.preferences_changed", user=user, categories=[name])
    return rankings(user)[name]


def reset(*, user: AbstractBaseUser) -> dict[str, Ranking]:
    """Back to the system defaults: the user's preferences are switched off."""
    with transaction.atomic():
        rows = CategoryPreferenceModel.objects.filter(user=user, is_active=True)
        names = sorted(rows.values_list("category", flat=True))
        rows.update(is_active=False, updated_at=timezone.now())
        if names:
            events.announce("budget.preferences_changed", user=user, categories=names)
    return rankings(user)
