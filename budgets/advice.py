"""The rule-based purchase advice (the AI's fallback): buy, wait or don't buy.

- No plan for the month: a need (necessity 8+) is bought, anything else waits
  until there is a plan to check it against.
- It does not fit the category (after renewals still due):
  - a need the month can still pay for: buy, moving money from lower-necessity
    categories; a need only the month's savings goal can still pay for: buy,
    naming what it takes from the savings; a need beyond both: wait;
  - a want when the category has nothing left, the amount is twice the category's
    budget or more, or the month cannot pay for it: don't buy;
  - another want: wait (until the budget resets, or move money).
- It fits: a want the month as a whole can no longer pay for (other categories
  are over) waits, as it would come out of the savings goal; a want taking 25 %
  or more of the month's budget waits (the share is named); everything else is
  bought, a warning passed on.
"""

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from budgets.categories import NEED_SCORE
from budgets.models import ZERO
from budgets.plans import money
from budgets.purchases import BIG_SHARE, TIPS, Advice
from mysphere_core.money import percent

WAIT_TIPS = (
    "Wait for a sale or a seasonal discount.",
    "Consider a refurbished or previous model.",
)


def decide(
    *,
    item: str,
    amount: Decimal,
    category: str,
    necessity: int,
    check: dict[str, Any] | None,
    month: str,
) -> Advice:
    """The advice on buying `item` for `amount` given the check's figures."""
    if check is None:
        return _without_plan(item, amount, category, necessity, month)
    if not check["fits_budget"]:
        return _over(item, amount, category, necessity, check)
    return _within(item, amount, category, necessity, check)


def for_profile(
    advice: Advice, profile: Mapping[str, Any], amount: Decimal, necessity: int
) -> Advice:
    """The advice with the user's first goal and risk tolerance in its reason: what
    holding off keeps for the goal (or that a purchase spends from it), and for a
    want bought by a conservative user, a word of caution."""
    goals = [str(goal).strip() for goal in profile.get("financial_goals") or []]
    goal = next((g.rstrip(".") for g in goals if g), "")
    extra = ""
    if goal and advice.decision == "buy":
        extra = f" Keep your goal in sight: {goal}."
    elif goal:
        extra = f" Holding off keeps {money(amount)} toward your goal: {goal}."
    cautious = profile.get("risk_tolerance") == "conservative"
    if cautious and advice.decision == "buy" and necessity < NEED_SCORE:
        extra += " You prefer to play it safe: keep a cushion for surprises first."
    return dataclasses.replace(advice, reason=advice.reason + extra)


def _impact(check: dict[str, Any], amount: Decimal) -> str:
    """What buying does to the category and the month."""
    currency = check["currency"]
    left = check["remaining_in_category"] - amount
    month_left = check["month_remaining"] - amount
    where = (
        f"{check['category']} {'over by' if left < 0 else 'with'} {money(abs(left))}"
    )
    return (
        f"Leaves {where} {currency} and {money(month_left)} {currency} for the rest "
        f"of {check['month']}."
    )


CREATE_PLAN = (
    "Create a budget for this month from your income (Budgets, Create a plan)."
)


def _without_plan(
    item: str, amount: Decimal, category: str, necessity: int, month: str
) -> Advice:
    """No plan to check against."""
    if necessity >= NEED_SCORE:
        return Advice(
            "buy",
            f"{item} is a {category} need (necessity {necessity}/10). You have no "
            f"budget for {month} to check it against; create one to keep track.",
            [CREATE_PLAN],
            f"Unplanned: {money(amount)} with no budget for {month}.",
        )
    return Advice(
        "wait",
        f"You have no budget for {month}, so there is no way to tell whether "
        f"{money(amount)} for {item} fits. Plan the month first.",
        [
            CREATE_PLAN,
            *WAIT_TIPS,
        ],
        f"Unplanned: {money(amount)} with no budget for {month}.",
    )


def _over(
    item: str, amount: Decimal, category: str, necessity: int, check: dict[str, Any]
) -> Advice:
    """It does not fit what remains in the category."""
    currency = check["currency"]
    over = check["exceeds_by"]
    left = check["remaining_in_category"]
    alternatives = list(check["alternative_options"])
    if necessity >= NEED_SCORE:
        if amount <= check["month_remaining"]:
            return Advice(
                "buy",
                f"{item} is a need (necessity {necessity}/10). It is {money(over)} "
                f"{currency} over your {category} budget, but the month still has "
                f"{money(check['month_remaining'])} {currency}: move the difference "
                "from a lower-necessity category.",
                alternatives,
                _impact(check, amount),
            )
        return _need_beyond_the_month(item, amount, check)
    share = percent(amount, check["available"])
    hopeless = (
        left <= 0
        or amount >= 2 * check["available"]
        or amount > check["month_remaining"]
    )
    if hopeless:
        size = f" ({share}% of it)" if share is not None else ""
        return Advice(
            "dont_buy",
            f"{item} would exceed your {category} budget by {money(over)} "
            f"{currency}{size}, and {category} is a want (necessity "
            f"{necessity}/10) with {money(max(left, ZERO))} {currency} left."
            f"{_savings_note(amount, check)}",
            [*alternatives, WAIT_TIPS[0]],
            _impact(check, amount),
        )
    return Advice(
        "wait",
        f"{item} is {money(over)} {currency} more than the {money(left)} "
        f"{currency} left in {category}. Wait until the budget resets or move "
        "money from another want.",
        alternatives,
        _impact(check, amount),
    )


def _savings_note(amount: Decimal, check: dict[str, Any]) -> str:
    """ " It would cut into your savings goal …" when the month cannot pay for it."""
    short = amount - max(check["month_remaining"], ZERO)
    savings = check["savings_goal_amount"]
    if short <= 0 or savings <= 0:
        return ""
    return (
        f" The month cannot pay for it: {money(min(short, savings))} "
        f"{check['currency']} would come out of your savings goal of "
        f"{money(savings)}."
    )


def _need_beyond_the_month(item: str, amount: Decimal, check: dict[str, Any]) -> Advice:
    """A need the month's remaining budget cannot pay for: from the savings goal
    when it can, else wait."""
    currency = check["currency"]
    month_left = max(check["month_remaining"], ZERO)
    savings = check["savings_goal_amount"]
    alternatives = list(check["alternative_options"])
    if savings > 0 and amount <= month_left + savings:
        return Advice(
            "buy",
            f"{item} is a need, but the whole month has only {money(month_left)} "
            f"{currency} left: {money(amount - month_left)} {currency} of it "
            f"would come out of this month's savings goal of {money(savings)} "
            f"{currency}.",
            [*alternatives, "Top your savings back up next month."],
            _impact(check, amount),
        )
    with_savings = (
        f", and with the savings goal of {money(savings)} {currency} it is still "
        f"{money(amount - month_left - savings)} {currency} short"
        if savings > 0
        else ""
    )
    return Advice(
        "wait",
        f"{item} is a need, but the whole month has only {money(month_left)} "
        f"{currency} left{with_savings}. Wait for next month's budget or cut "
        "elsewhere first.",
        alternatives,
        _impact(check, amount),
    )


def _within(
    item: str, amount: Decimal, category: str, necessity: int, check: dict[str, Any]
) -> Advice:
    """It fits what remains in the category."""
    currency = check["currency"]
    share = percent(amount, check["month_total_budget"])
    if necessity < NEED_SCORE and amount > check["month_remaining"]:
        return Advice(
            "wait",
            f"{item} fits what is left in {category}, but other categories are "
            f"over and the month has only {money(max(check['month_remaining'], ZERO))} "
            f"{currency} left.{_savings_note(amount, check)} Wait until next month.",
            list(WAIT_TIPS),
            _impact(check, amount),
        )
    if necessity < NEED_SCORE and share is not None and share >= BIG_SHARE:
        return Advice(
            "wait",
            f"{item} fits your {category} budget, but {money(amount)} {currency} "
            f"is {share}% of this month's budget of "
            f"{money(check['month_total_budget'])} {currency}. For a want that "
            "size, wait and save up for it.",
            [
                *WAIT_TIPS,
                f"Set aside {money(amount / 3)} {currency} a month for three months.",
            ],
            _impact(check, amount),
        )
    reason = (
        f"{item} fits: {money(check['remaining_in_category'])} {currency} remain "
        f"in {category}"
    )
    if check["upcoming_renewals_total"]:
        reason += (
            f" after {money(check['upcoming_renewals_total'])} {currency} of "
            "renewals still due"
        )
    reason += "."
    if check["warning"]:
        reason += f" {check['warning']}"
    tips = [TIPS[category]] if check["warning"] else []
    return Advice("buy", reason, tips, _impact(check, amount))
