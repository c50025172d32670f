"""The questions a user asks of the plan: which category, does it fit, should I
buy it, what should move. Each gathers the figures (`figures.py`, `spending.py`)
and hands them to its rules (`classifier.py`, `purchases.py`, `advice.py`,
`reallocation.py`); the AI answers first where the issue says so."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from budgets import advice, categories, classifier, plans, purchases, reallocation
from budgets.ai_insights import BudgetAIInsights
from budgets.figures import PlanFigures, figures_for, locate
from budgets.models import ZERO, BudgetModel
from budgets.spending import renewals_due
from mysphere_core import ai
from mysphere_core.dates import month_label
from mysphere_core.errors import InvalidInput
from users.services import UserService

FEATURE = "budgets"


def _plan_figures(
    user: AbstractBaseUser, month: date | None, today: date
) -> PlanFigures:
    """The plan of the month (404 when none) and its figures."""
    label = month_label(month or today)
    plan, rows = locate(user, month=label)
    if plan is None:
        raise plans.no_plan(label)
    return figures_for(user=user, plan=plan, rows=rows)


def _category(
    value: str, user: AbstractBaseUser | None = None, field: str = "category"
) -> str:
    """A known category name (with `user`, their own too), else a 400 on `field`."""
    name = (
        categories.resolve_for(user, value)
        if user is not None
        else categories.resolve_category(value)
    )
    if name is None:
        raise InvalidInput(errors={field: [categories.unknown_category_message(value)]})
    return name


def check_purchase(
    *, user: AbstractBaseUser, amount: Decimal, category: str, month: date | None
) -> dict[str, Any]:
    """Does the purchase fit what remains in its category after renewals due?"""
    today = UserService.today_for(user=user)
    figures = _plan_figures(user, month, today)
    renewals = renewals_due(user, figures.month, figures.plan.currency, today)
    return purchases.check(
        figures, _category(category, user), amount, renewals, categories.rankings(user)
    )


def classify(
    *, user: AbstractBaseUser, description: str, amount: Decimal | None
) -> dict[str, Any]:
    """The category (AI, else the expense vocabulary), its necessity, confidence."""
    today = UserService.today_for(user=user)
    result = ai.parse(
        user=user,
        feature=FEATURE,
        today=today,
        text=description,
        build_prompt=BudgetAIInsights.classify_prompt,
        schema=BudgetAIInsights.CLASSIFY_SCHEMA,
        fallback_parser=classifier.classify,
        clean=classifier.clean_ai_answer,
    )
    ranking = categories.rankings(user)[result.data["category"]]
    return {
        **result.data,
        "description": description,
        "amount": amount,
        "necessity_score": ranking.necessity_score,
        **_envelope(result),
    }


def purchase_advice(
    *,
    user: AbstractBaseUser,
    item_description: str,
    amount: Decimal,
    category: str | None,
) -> dict[str, Any]:
    """Buy, wait or don't buy: Gemini (cached per item, amount and day, within the
    feature's insight quota), else the rules of `advice.py`."""
    today = UserService.today_for(user=user)
    if category:
        name = _category(category, user)
    else:
        name = classifier.classify(item_description)["category"]
    necessity = categories.rankings(user)[name].necessity_score
    label = month_label(today)
    plan = plans.plan_for_month(user, label)
    check = None
    if plan is not None:
        check = check_purchase(user=user, amount=amount, category=name, month=today)
    profile = UserService.profile_context(user=user)
    rules = advice.decide(
        item=item_description,
        amount=amount,
        category=name,
        necessity=necessity,
        check=check,
        month=label,
    )
    rules = advice.for_profile(rules, profile, amount, necessity)
    context = {
        "goals": profile.get("financial_goals", []),
        "risk_tolerance": profile.get("risk_tolerance"),
        "item": item_description,
        "amount": str(amount),
        "category": name,
        "necessity": necessity,
        "savings_goal": str(plan.savings_goal_amount) if plan else None,
        "check": check,
    }
    result = ai.insights(
        user=user,
        feature=FEATURE,
        today=today,
        build_prompt=lambda: BudgetAIInsights.advice_prompt(context),
        schema=BudgetAIInsights.ADVICE_SCHEMA,
        fallback=rules.as_dict,
        clean=BudgetAIInsights.clean_advice,
        topic=f"advice|{item_description}|{amount}|{name}",
    )
    return {
        **result.data,
        "category": name,
        "necessity_score": necessity,
        "amount": amount,
        "check": check,
        **_envelope(result),
    }


def _envelope(result: ai.AIResult) -> dict[str, Any]:
    """Where the answer came from, as the AI envelope says it."""
    return {
        "source": result.source,
        "ai_used": result.ai_used,
        "fallback_used": result.fallback_used,
        "calls_remaining": result.calls_remaining,
        "generated_at": result.generated_at,
        "error": result.error,
    }


def suggest(*, user: AbstractBaseUser, month: date | None) -> dict[str, Any]:
    """Reallocation suggestions for the month's plan."""
    today = UserService.today_for(user=user)
    figures = _plan_figures(user, month, today)
    result = reallocation.suggestions(figures, categories.rankings(user))
    return {
        "budget_id": figures.plan.pk,
        "month": figures.plan.month,
        "currency": figures.plan.currency,
        **result,
    }


def apply_suggestion(
    *, user: AbstractBaseUser, pk: Any, data: Mapping[str, Any]
) -> BudgetModel:
    """Move `amount` of allocation from `from_category` to `to_category` in one
    atomic write: at most what the donor has left and has allocated, so none is
    taken below what it spent; the plan's total stays the same."""
    source = _category(data["from_category"], user=user, field="from_category")
    target = _category(data["to_category"], user=user, field="to_category")
    amount = data["amount"]
    if source == target:
        raise InvalidInput(
            "Choose a category other than from_category.", field="to_category"
        )
    with transaction.atomic():
        plan = plans.plan_for(user=user, pk=pk, lock=True)
        lines = figures_for(user=user, plan=plan).lines
        donor = lines.get(source)
        movable = min(donor.remaining, donor.allocated) if donor else ZERO
        if amount > movable:
            raise InvalidInput(
                f"{source} can give at most {plans.money(max(movable, ZERO))} "
                f"{plan.currency} (what it has left of its allocation).",
                field="amount",
            )
        receiving = lines.get(target)
        moved = [
            {"category": source, "allocated_amount": donor.allocated - amount},
            {
                "category": target,
                "allocated_amount": (receiving.allocated if receiving else ZERO)
                + amount,
            },
        ]
        return plans.update(
            user=user, pk=plan.pk, data={"allocations": moved}, partial=True
        )
