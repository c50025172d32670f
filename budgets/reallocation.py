"""Reallocation: cover each overspent category from underspent ones.

Overspent categories are covered most essential first (then the largest gap);
money is taken from categories with something left, lowest necessity first (then
the most left), never more than a category has left, so none is taken below what
it has already spent. Amounts are exact; what cannot be covered is reported.
"""

from decimal import Decimal
from typing import Any

from budgets.categories import Ranking
from budgets.figures import PlanFigures
from budgets.plans import money


def suggestions(figures: PlanFigures, rankings: dict[str, Ranking]) -> dict[str, Any]:
    """`{"suggestions": [...], "uncovered": [...]}` for the plan's month."""
    lines = figures.lines.values()
    short = sorted(
        (line for line in lines if line.remaining < 0),
        key=lambda ln: (
            -rankings[ln.category].necessity_score,
            ln.remaining,
            ln.category,
        ),
    )
    spare = {line.category: line.remaining for line in lines if line.remaining > 0}
    donors = sorted(
        spare,
        key=lambda c: (rankings[c].necessity_score, -spare[c], c),
    )
    moves: list[dict[str, Any]] = []
    uncovered = []
    for line in short:
        need = -line.remaining
        for donor in donors:
            if need <= 0:
                break
            amount = min(need, spare[donor])
            if amount <= 0:
                continue
            spare[donor] -= amount
            need -= amount
            moves.append(_move(donor, line.category, amount, figures, rankings))
        if need > 0:
            uncovered.append({"category": line.category, "amount": need})
    return {"suggestions": moves, "uncovered": uncovered}


def _move(
    donor: str,
    target: str,
    amount: Decimal,
    figures: PlanFigures,
    rankings: dict[str, Ranking],
) -> dict[str, Any]:
    """One suggestion: a sentence and its numbers."""
    currency = figures.plan.currency
    over = -figures.lines[target].remaining
    return {
        "from_category": donor,
        "to_category": target,
        "amount": amount,
        "currency": currency,
        "from_necessity_score": rankings[donor].necessity_score,
        "to_necessity_score": rankings[target].necessity_score,
        "message": (
            f"Move {money(amount)} from {donor} to {target}"
            f" ({target} is {money(over)} {currency} over;"
            f" {donor} has {money(figures.lines[donor].remaining)} left)."
        ),
    }
