"""The front door of the budgets feature: views, tasks, the admin and other apps
(lists) call `BudgetService`, and only it.

The logic lives beside it by concern: `plans.py` (plans and allocations),
`figures.py` + `summary.py` (what a month looks like), `rollover.py` (closing
months), `categories.py` (the necessity ranking), `spending.py` (what is read
from expenses and subscriptions), `generator.py` (plans from income),
`purchases.py` (check a purchase, advise on it), `reallocation.py`,
`classifier.py`, `alerts.py` (threshold events) and `insights.py` (AI insights).
Every write announces a `budget.*` event; caches are forgotten by the kit.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from budgets import categories, decisions, generator, insights, plans, rollover
from budgets.ai_insights import BudgetAIInsights
from budgets.categories import Ranking
from budgets.figures import figures_for, locate
from budgets.models import (
    ZERO,
    BudgetModel,
)
from budgets.spending import spent_by_category
from budgets.summary import summarise
from mysphere_core import ai
from mysphere_core.dates import month_label, month_start
from mysphere_core.errors import InvalidInput, NotFoundError
from mysphere_core.limits import parse_pk
from users.services import UserService


class BudgetService:
    """Monthly plans of one user: CRUD, summaries, rollover, ranking, advice."""

    # --- reads ------------------------------------------------------------------------

    @staticmethod
    def queryset_for(*, user: AbstractBaseUser | None) -> QuerySet[BudgetModel]:
        """The user's live plans, newest month first, allocations prefetched."""
        return plans.plans_of(user)

    @staticmethod
    def get_for(*, user: AbstractBaseUser, pk: Any) -> BudgetModel:
        """One live plan of the user; 404 for anybody else's or a deleted one."""
        return plans.plan_for(user=user, pk=pk)

    # --- writes -----------------------------------------------------------------------

    @staticmethod
    def create(*, user: AbstractBaseUser, data: Mapping[str, Any]) -> BudgetModel:
        """A plan with its allocations in one atomic write; announces
        `budget.created`."""
        return plans.create(user=user, data=data)

    @staticmethod
    def update(
        *,
        user: AbstractBaseUser,
        pk: Any,
        data: Mapping[str, Any],
        partial: bool = False,
    ) -> BudgetModel:
        """Change a plan atomically; announces `budget.updated`. Given allocations
        replace its own, or with `partial` (PATCH) change only the categories sent."""
        return plans.update(user=user, pk=pk, data=data, partial=partial)

    @staticmethod
    def apply_suggestion(
        *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
    ) -> BudgetModel:
        """Move `amount` of allocation from `from_category` to `to_category` (a
        reallocation suggestion), at most what the donor has left."""
        return decisions.apply_suggestion(user=user, pk=pk, data=data)

    @staticmethod
    def delete(*, user: AbstractBaseUser, pk: Any) -> None:
        """Soft-delete a plan; announces `budget.deleted`."""
        plans.delete(user=user, pk=pk)

    @staticmethod
    def close(*, user: AbstractBaseUser, pk: Any) -> BudgetModel:
        """Close a plan's month: freeze what carries into the next; announces
        `budget.closed` (closing again changes nothing)."""
        plan = plans.plan_for(user=user, pk=pk)
        rollover.close(user=user, plan=plan)
        return plans.plan_for(user=user, pk=pk)

    @staticmethod
    def close_finished_months() -> int:
        """Close every plan whose month is over where its owner lives (the hourly
        beat task); returns how many were closed."""
        return rollover.close_finished_months()

    # --- figures ----------------------------------------------------------------------

    @staticmethod
    def summary(
        *,
        user: AbstractBaseUser,
        pk: Any = None,
        month: date | None = None,
    ) -> dict[str, Any]:
        """The BudgetSummary of a plan (by id, else by month, default the user's
        current month), as it stands: reading never closes a month."""
        today = UserService.today_for(user=user)
        if pk is not None:
            row_id = parse_pk(pk)
            plan, rows = locate(user, pk=row_id) if row_id else (None, [])
            if plan is None:
                raise NotFoundError("Budget not found.")
        else:
            label = month_label(month or today)
            plan, rows = locate(user, month=label)
            if plan is None:
                raise plans.no_plan(label)
        figures = figures_for(user=user, plan=plan, rows=rows)
        return summarise(figures, categories.rankings(user), today)

    @staticmethod
    def remaining_in_category(
        *,
        user: AbstractBaseUser,
        category: str,
        month: date | None = None,
        currency: str | None = None,
    ) -> dict[str, Any] | None:
        """What is left in one category of the plan of `month`'s month (default:
        the user's current month).

        None when the user has no live plan for that month, or when `currency` is
        given and differs from the plan's. Else `{"budget_id", "month": "YYYY-MM",
        "currency", "category", "available", "spent", "remaining"}` with Decimal
        amounts: available is allocated plus rollover in (0.00 for a category the
        plan gives nothing to), spent the month's spending in the plan's currency,
        remaining available minus spent. An unknown category is a 400 on
        `category`. Upcoming renewals are not subtracted (check_purchase does).
        """
        name = categories.resolve_for(user, category)
        if name is None:
            raise InvalidInput(
                categories.unknown_category_message(category), field="category"
            )
        today = UserService.today_for(user=user)
        plan, rows = locate(user, month=month_label(month or today))
        if plan is None or (currency and currency.upper() != plan.currency):
            return None
        figures = figures_for(user=user, plan=plan, rows=rows)
        line = figures.lines.get(name)
        available = line.available if line else ZERO
        spent = figures.spent.get(name, ZERO)
        return {
            "budget_id": plan.pk,
            "month": plan.month,
            "currency": plan.currency,
            "category": name,
            "available": available,
            "spent": spent,
            "remaining": available - spent,
        }

    # --- planning and advice ----------------------------------------------------------

    @staticmethod
    def generate(  # noqa: PLR0913 - the request's fields
        *,
        user: AbstractBaseUser,
        month: str,
        income: Decimal,
        savings_goal: Decimal | None = None,
        goals: Sequence[str] = (),
        dry_run: bool = True,
    ) -> dict[str, Any]:
        """A 50/30/20-style plan from income, weighted by necessity and the last
        three months; allocations sum to income minus savings to the cent. Saved
        (announcing `budget.created`) unless `dry_run`."""
        return generator.plan_from_income(
            user=user,
            month=month,
            income=income,
            savings_goal=savings_goal,
            goals=goals,
            dry_run=dry_run,
        )

    @staticmethod
    def check_purchase(
        *,
        user: AbstractBaseUser,
        amount: Decimal,
        category: str,
        month: date | None = None,
    ) -> dict[str, Any]:
        """Whether a purchase fits the category's remaining after the renewals still
        due this month in that category; 404 when the month has no plan."""
        return decisions.check_purchase(
            user=user, amount=amount, category=category, month=month
        )

    @staticmethod
    def classify(
        *, user: AbstractBaseUser, description: str, amount: Decimal | None = None
    ) -> dict[str, Any]:
        """Category, necessity and confidence of a description (AI through the
        parse quota, else the expenses vocabulary)."""
        return decisions.classify(user=user, description=description, amount=amount)

    @staticmethod
    def purchase_advice(
        *,
        user: AbstractBaseUser,
        item_description: str,
        amount: Decimal,
        category: str | None = None,
    ) -> dict[str, Any]:
        """Buy, wait or don't buy, with the reason and the figures used."""
        return decisions.purchase_advice(
            user=user,
            item_description=item_description,
            amount=amount,
            category=category,
        )

    @staticmethod
    def suggestions(
        *, user: AbstractBaseUser, month: date | None = None
    ) -> dict[str, Any]:
        """Moves that cover overspent categories from underspent ones."""
        return decisions.suggest(user=user, month=month)

    @staticmethod
    def ai_insights(*, user: AbstractBaseUser) -> ai.AIResult:
        """Gemini's analysis of this month's plan (cached for the day, rationed),
        else rule-based insights from the same figures."""
        today = UserService.today_for(user=user)
        plan = plans.plan_for_month(user, month_label(today))
        figures = figures_for(user=user, plan=plan) if plan else None
        rankings = categories.rankings(user)
        currency = plan.currency if plan else UserService.currency_for(user=user)
        last_month = spent_by_category(user, month_start(today, 1), currency)
        args = (figures, last_month, rankings, today)
        profile = UserService.profile_context(user=user)
        goals = {
            "goals": profile.get("financial_goals", []),
            "risk_tolerance": profile.get("risk_tolerance"),
        }
        return ai.insights(
            user=user,
            feature=decisions.FEATURE,
            today=today,
            build_prompt=lambda: BudgetAIInsights.insights_prompt(
                {**insights.prompt_context(*args), **goals}
            ),
            schema=BudgetAIInsights.INSIGHTS_SCHEMA,
            fallback=lambda: insights.for_profile(insights.fallback(*args), profile),
            clean=BudgetAIInsights.clean_insights,
        )

    # --- ranking ----------------------------------------------------------------------

    @staticmethod
    def categories(*, user: AbstractBaseUser) -> list[Ranking]:
        """Every category with the user's necessity score and monthly limit."""
        return list(categories.rankings(user).values())

    @staticmethod
    def update_category(
        *, user: AbstractBaseUser, category: str, data: Mapping[str, Any]
    ) -> Ranking:
        """Set a category's necessity score and/or monthly limit; announces
        `budget.preferences_changed`."""
        return categories.update(user=user, category=category, data=data)

    @staticmethod
    def reset_categories(*, user: AbstractBaseUser) -> list[Ranking]:
        """Back to the system defaults; announces `budget.preferences_changed`."""
        return list(categories.reset(user=user).values())
