"""Purchases: does one fit the month's plan, and should it be bought at all?

`check` looks ahead: subscription renewals still due this month whose payments are
recorded in the same category are subtracted from what remains first. `decide` is
the rule-based advice (the AI's fallback): from necessity, what remains in the
category and in the month, the savings goal, and the renewals.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from budgets.categories import NEED_SCORE, Ranking
from budgets.figures import Line, PlanFigures
from budgets.models import ZERO
from budgets.plans import money
from budgets.spending import Renewal
from mysphere_core.dates import month_label, month_start
from mysphere_core.money import percent

BIG_SHARE = Decimal(25)  # % of the month's budget from which a want should wait
TIPS = {
    "Food & Dining": "Cook at home this week instead of eating out.",
    "Groceries": "Plan meals and buy store brands to stretch the grocery budget.",
    "Shopping": "Wait for a sale, or look at refurbished or second-hand options.",
    "Entertainment": "Look for a free or cheaper alternative this month.",
    "Travel": "Book off-peak or compare cheaper routes and dates.",
    "Utilities": "Check for a cheaper plan or provider before renewing.",
    "Health": "Ask about generic options or what your insurance covers.",
    "Education": "Look for a free course or a student discount first.",
    "Other": "Check whether it can wait until next month.",
}


def check(
    figures: PlanFigures,
    category: str,
    amount: Decimal,
    renewals: list[Renewal],
    rankings: dict[str, Ranking],
) -> dict[str, Any]:
    """The purchase against the category's remaining after renewals still due."""
    plan = figures.plan
    line = figures.lines.get(category)
    available = line.available if line else ZERO
    spent = figures.spent.get(category, ZERO)
    due = [r for r in renewals if r.category == category]
    due_total = sum((r.amount for r in due), ZERO)
    remaining = available - spent - due_total
    exceeds_by = max(ZERO, amount - max(remaining, ZERO))
    month_left = (
        figures.total_budget
        - figures.total_spent
        - sum((r.amount for r in renewals), ZERO)
    )
    return {
        "budget_id": plan.pk,
        "month": plan.month,
        "currency": plan.currency,
        "category": category,
        "amount": amount,
        "available": available,
        "spent": spent,
        "upcoming_renewals_total": due_total,
        "remaining_in_category": remaining,
        "remaining_after_purchase": remaining - amount,
        "fits_budget": amount <= remaining,
        "percentage_of_category": percent(amount, available),
        "exceeds_by": exceeds_by,
        "warning": _warning(
            category, line, amount, remaining, exceeds_by, due, plan.currency
        ),
        "alternative_options": _alternatives(
            figures, category, exceeds_by, remaining, rankings
        ),
        "upcoming_renewals_in_category": [
            {
                "subscription_id": r.subscription_id,
                "name": r.name,
                "due_date": r.due_date,
                "amount": r.amount,
                "currency": r.currency,
            }
            for r in due
        ],
        "month_total_budget": figures.total_budget,
        "month_remaining": month_left,
        "savings_goal_amount": plan.savings_goal_amount,
    }


def _warning(  # noqa: PLR0913 - the figures a warning is made of
    category: str,
    line: Line | None,
    amount: Decimal,
    remaining: Decimal,
    exceeds_by: Decimal,
    due: list[Renewal],
    currency: str,
) -> str | None:
    """Why to be careful (over budget, or past the alert threshold), or None."""
    if exceeds_by > 0:
        text = f"This exceeds your {category} budget by {money(exceeds_by)} {currency}"
        if due:
            names = ", ".join(r.name for r in due)
            total = sum((r.amount for r in due), ZERO)
            text += f" (after {money(total)} of renewals still due: {names})"
        return text + "."
    if line is None or line.available <= 0:
        return None
    used = percent(line.available - remaining + amount, line.available)
    if used is not None and used >= line.alert_threshold_percent:
        return (
            f"This would take {category} to {used}% of its budget "
            f"(you are alerted at {line.alert_threshold_percent}%)."
        )
    return None


def _alternatives(
    figures: PlanFigures,
    category: str,
    exceeds_by: Decimal,
    remaining: Decimal,
    rankings: dict[str, Ranking],
) -> list[str]:
    """What to do instead when the purchase does not fit."""
    if exceeds_by <= 0:
        return []
    nxt = month_label(month_start(figures.month, -1))
    options = [TIPS.get(category, TIPS["Other"])]  # the user's own: the general tip
    if remaining > 0:
        options.append(
            f"Spend at most {money(remaining)} now and the rest after the budget "
            f"resets in {nxt}."
        )
    else:
        options.append(f"Postpone until {nxt}, when your {category} budget resets.")
    score = rankings[category].necessity_score
    for donor, line in sorted(
        figures.lines.items(), key=lambda kv: (rankings[kv[0]].necessity_score, kv[0])
    ):
        lower = rankings[donor].necessity_score <= score or score >= NEED_SCORE
        if donor != category and line.remaining >= exceeds_by and lower:
            options.append(
                f"Move {money(exceeds_by)} from {donor} "
                f"({money(line.remaining)} left) to {category}."
            )
            break
    return options


@dataclass(frozen=True)
class Advice:
    """The rule-based advice: a decision, why, what else, what it does."""

    decision: str
    reason: str
    alternative_suggestions: list[str]
    impact_on_budget: str

    def as_dict(self) -> dict[str, Any]:
        """The advice as the AI's answer would look."""
        return {
            "decision": self.decision,
            "reason": self.reason,
            "alternative_suggestions": self.alternative_suggestions,
            "impact_on_budget": self.impact_on_budget,
        }
