"""AI insights of the month's plan: the figures Gemini is shown, and the
rule-based insights made from the same figures when it cannot answer."""

from datetime import date
from decimal import Decimal
from typing import Any

from budgets.categories import Ranking
from budgets.figures import PlanFigures
from budgets.models import ZERO
from budgets.plans import money
from budgets.reallocation import suggestions
from budgets.summary import days_left, projected_spend
from mysphere_core.money import percent

WATCH_PACE = Decimal("1.0")


def prompt_context(
    figures: PlanFigures | None,
    last_month: dict[str, Decimal],
    rankings: dict[str, Ranking],
    today: date,
) -> dict[str, Any]:
    """Aggregated figures only: no names, no descriptions."""
    if figures is None:
        return {"today": today.isoformat(), "plan": None}
    return {
        "today": today.isoformat(),
        "month": figures.plan.month,
        "currency": figures.plan.currency,
        "income": str(figures.plan.total_income),
        "savings_goal": str(figures.plan.savings_goal_amount),
        "total_budget": str(figures.total_budget),
        "total_spent": str(figures.total_spent),
        "days_left": days_left(figures.month, today),
        "categories": [
            {
                "category": line.category,
                "available": str(line.available),
                "spent": str(line.spent),
                "last_month_spent": str(last_month.get(line.category, ZERO)),
                "necessity": rankings[line.category].necessity_score,
            }
            for line in figures.lines.values()
        ],
        "unbudgeted": {c: str(v) for c, v in figures.unbudgeted.items()},
    }


def fallback(
    figures: PlanFigures | None,
    last_month: dict[str, Decimal],
    rankings: dict[str, Ranking],
    today: date,
) -> dict[str, Any]:
    """Rule-based insights: status, highlights, month over month, what to change."""
    if figures is None:
        return {
            "status": "no_budget",
            "summary": f"You have no budget for {today:%Y-%m} yet.",
            "highlights": [],
            "month_over_month": [],
            "recommendations": [
                "Create a plan for the month from your income (Budgets, Create a plan)."
            ],
        }
    currency = figures.plan.currency
    projected = projected_spend(figures.total_spent, figures.month, today)
    status = _status(figures, projected)
    summary = (
        f"{money(figures.total_spent)} of {money(figures.total_budget)} {currency} "
        f"spent in {figures.plan.month}; at this pace the month ends at "
        f"{money(projected)} {currency}."
    )
    moves = suggestions(figures, rankings)["suggestions"]
    recommendations = [move["message"] for move in moves]
    recommendations += [
        f"Give {category} an allocation: {money(spent)} {currency} was spent "
        "there without one."
        for category, spent in sorted(figures.unbudgeted.items())
    ]
    if status == "on_track" and not recommendations:
        recommendations.append("Keep going: every category is within its budget.")
    return {
        "status": status,
        "summary": summary,
        "highlights": _highlights(figures),
        "month_over_month": _month_over_month(figures, last_month),
        "recommendations": recommendations,
    }


def for_profile(found: dict[str, Any], profile: dict[str, Any]) -> dict[str, Any]:
    """The insights with a last recommendation from the user's first goal and, for a
    conservative user whose month is going over, where to take the money from."""
    if found["status"] == "no_budget":
        return found
    goals = [
        str(goal).strip().rstrip(".") for goal in profile.get("financial_goals") or []
    ]
    more = [f"Keep your goal in view: {goal}." for goal in goals[:1] if goal]
    cautious = profile.get("risk_tolerance") == "conservative"
    if cautious and found["status"] != "on_track":
        more.append(
            "You prefer to play it safe: cover the overspending from wants, "
            "not from your savings."
        )
    return {**found, "recommendations": [*found["recommendations"], *more]}


def _status(figures: PlanFigures, projected: Decimal) -> str:
    """Overspending when a category is over, watch when the pace would end over."""
    if figures.overspent or figures.total_spent > figures.total_budget:
        return "overspending"
    if projected > figures.total_budget * WATCH_PACE:
        return "watch"
    return "on_track"


def _highlights(figures: PlanFigures) -> list[str]:
    """Categories over budget or past their alert threshold."""
    currency = figures.plan.currency
    notes = []
    for line in figures.lines.values():
        used = line.percent_used
        if line.remaining < 0:
            notes.append(
                f"{line.category} is over budget by {money(-line.remaining)} "
                f"{currency} ({used}% used)."
            )
        elif used is not None and used >= line.alert_threshold_percent:
            notes.append(
                f"{line.category} has used {used}% of its budget; "
                f"{money(line.remaining)} {currency} left."
            )
    return notes


def _month_over_month(
    figures: PlanFigures, last_month: dict[str, Decimal]
) -> list[str]:
    """Spending per category against last month, biggest changes first."""
    currency = figures.plan.currency
    rows = []
    for category in sorted(set(figures.spent) | set(last_month)):
        now, before = figures.spent.get(category, ZERO), last_month.get(category, ZERO)
        if now == before:
            continue
        change = percent(now - before, before)
        words = f"{'+' if change > 0 else ''}{change}%" if change is not None else "new"
        rows.append(
            (
                abs(now - before),
                f"{category}: {money(now)} {currency} vs {money(before)} last "
                f"month ({words}).",
            )
        )
    return [text for _, text in sorted(rows, key=lambda r: -r[0])]
