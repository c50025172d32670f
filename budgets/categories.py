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

A user's own category (`/api/expenses/categories/`) takes its parent's necessity (no
parent: Other's) and no default share, until the user ranks it; a rename moves its
allocations and ranking (`on_category_renamed`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import CharField, DecimalField, IntegerField, Value
from django.utils import timezone

from budgets.models import BudgetAllocationModel, CategoryPreferenceModel
from expenses.services import EXPENSE_CATEGORIES, ExpenseService
from mysphere_core import events
from mysphere_core.errors import InvalidInput
from mysphere_core.events import DomainEvent
from mysphere_core.textparse import slug

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


class Preference(NamedTuple):
    """The user's ranking of one category."""

    necessity_score: int
    monthly_limit: Decimal | None


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


def resolve_for(user: AbstractBaseUser, value: str) -> str | None:
    """A system category (any case or slug) or one of the user's own, or None."""
    return resolve_category(value) or ExpenseService.resolve_category(
        user=user, value=value
    )


def unknown_category_message(value: str) -> str:
    """The 400 message for a category that does not exist."""
    return f"'{value}' is not a category. Use one of: {', '.join(EXPENSE_CATEGORIES)}."


def _preferences_and_own(
    user: AbstractBaseUser,
) -> tuple[dict[str, Preference], dict[str, str | None]]:
    """The user's preferences and their own categories (-> parent), one query."""
    preferences = (
        CategoryPreferenceModel.objects.filter(user=user, is_active=True)
        .order_by()
        .annotate(
            rank_parent=Value("", output_field=CharField()), rank_own=Value(False)
        )
        .values_list(
            "category", "necessity_score", "monthly_limit", "rank_parent", "rank_own"
        )
    )
    own = (
        ExpenseService.custom_categories(user=user)
        .order_by()
        .annotate(
            rank_score=Value(None, output_field=IntegerField()),
            rank_limit=Value(None, output_field=DecimalField()),
            rank_own=Value(True),
        )
        .values_list("name", "rank_score", "rank_limit", "parent", "rank_own")
    )
    found: dict[str, Preference] = {}
    parents: dict[str, str | None] = {}
    for name, score, limit, parent, is_own in preferences.union(own, all=True):
        if is_own:
            parents[name] = parent or None
        else:
            found[name] = Preference(score, limit)
    return found, parents


def rankings(user: AbstractBaseUser) -> dict[str, Ranking]:
    """Every category (the system ones, then the user's own), the user's
    preferences over the defaults (one query)."""
    custom, own = _preferences_and_own(user)
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
    for name, parent in own.items():
        if name not in result:
            result[name] = _own_category(name, result[parent or "Other"], custom)
    return result


def planning_rankings(user: AbstractBaseUser) -> dict[str, Ranking]:
    """The rankings the budget generator weighs: each of the user's own categories
    takes an even part of its parent's default share, the parent keeping one part
    (a "Housing" under Utilities: 12.5 % each), so a category with no history yet
    is planned too and the shares still add up to 100 %."""
    ranked = rankings(user)
    children: dict[str, list[str]] = {}
    for name, parent in ExpenseService.category_parents(user=user).items():
        if name not in EXPENSE_CATEGORIES:
            children.setdefault(parent or "Other", []).append(name)
    for parent, names in children.items():
        share = ranked[parent].default_allocation_percent / (len(names) + 1)
        for name in (parent, *names):
            ranked[name] = replace(ranked[name], default_allocation_percent=share)
    return ranked


def _own_category(
    name: str, parent: Ranking, preferences: Mapping[str, Any]
) -> Ranking:
    """A user's own category: the parent's necessity unless ranked, no share."""
    row = preferences.get(name)
    return Ranking(
        category=name,
        necessity_score=row.necessity_score if row else parent.necessity_score,
        monthly_limit=row.monthly_limit if row else None,
        default_necessity_score=parent.default_necessity_score,
        default_allocation_percent=Decimal("0"),
        is_custom=row is not None,
    )


def on_category_renamed(sender: object, event: DomainEvent, **kwargs: Any) -> None:
    """A category of the user's own was renamed (or its expenses moved on delete):
    its allocations and ranking follow; an allocation meeting one of the new name
    in the same plan adds to it."""
    old, new = event.payload["old_name"], event.payload["new_name"]
    rows = BudgetAllocationModel.objects.filter(
        budget__user_id=event.user_id, category__in=(old, new)
    )
    with transaction.atomic():
        by_plan: dict[int, dict[str, BudgetAllocationModel]] = {}
        for row in rows.select_for_update():
            by_plan.setdefault(row.budget_id, {})[row.category] = row
        for plan_rows in by_plan.values():
            _merge_allocation(plan_rows.get(old), plan_rows.get(new), new)
        preferences = CategoryPreferenceModel.objects.filter(user_id=event.user_id)
        if preferences.filter(category=new).exists():
            preferences.filter(category=old).update(is_active=False)
        else:
            preferences.filter(category=old).update(category=new)


def _merge_allocation(
    old: BudgetAllocationModel | None, new: BudgetAllocationModel | None, name: str
) -> None:
    """Rename `old` to `name`, or add it to the plan's live `new` row."""
    if old is None:
        return
    if new is None:
        old.category = name
        old.save(update_fields=["category", "updated_at"])
        return
    if old.is_active:
        new.allocated_amount = (new.allocated_amount if new.is_active else 0) + (
            old.allocated_amount
        )
        new.is_active = True
        new.save(update_fields=["allocated_amount", "is_active", "updated_at"])
    old.is_active = False
    old.save(update_fields=["is_active", "updated_at"])


def update(
    *, user: AbstractBaseUser, category: str, data: Mapping[str, Any]
) -> Ranking:
    """Set the user's necessity score and/or monthly limit of one category."""
    name = resolve_for(user, category)
    if name is None:
        raise InvalidInput(unknown_category_message(category), field="category")
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
