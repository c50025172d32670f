"""What the budgets feature teaches the assistant: what is left (in all or in a
category) and whether a purchase fits ("can I afford…")."""

import re
from typing import Any

from budgets.services import BudgetService
from expenses.services import ExpenseService
from mysphere_core import phrases
from mysphere_core.errors import DomainError
from mysphere_core.intents import (
    QUESTION,
    Answer,
    Ask,
    Intent,
    Say,
    money_words,
    obj,
    say,
)

PURCHASE = re.compile(
    r"^\s*(?:should|can|could|may)\s+i\s+(?:really\s+)?(?:buy|get|afford|purchase|"
    r"order|splurge\s+on)\b|\bworth\s+buying\b|\b(?:is\s+it\s+(?:ok|okay|wise|smart)"
    r"|is\s+now\s+a\s+good\s+time)\s+to\s+buy\b|\bcan\s+i\s+afford\b"
    r"|^\s*is\s+an?\s+.*\b(?:ok|okay|fine|affordable)\b"
    r"|\bpuedo\s+(?:permitirme|comprar(?:me)?|pagar)\b|\bdeberia\s+comprar\b"
    r"|\bme\s+alcanza\s+para\b",
    re.I,
)
BUDGET = re.compile(
    r"\bhow\s+much\s+(?:can|could|may)\s+i\b|\bbudget\b|\bleft\s+(?:to\s+spend|in|for|"
    r"this\s+month)\b|\bover\s*spen[dt]|\b(?:remaining|left)\s*\??$|\bon\s+track\b|"
    r"\bsafe\s+to\s+spend\b|\bpresupuesto\b|\bme\s+queda\b|\bquedan?\b",
    re.I,
)
_PRICE_WORDS = re.compile(
    r"\b(?:right\s+)?now\b|\btoday\b|\bthis\s+month\b|\bok\b|\bokay\b|\bfine\b",
    re.I,
)
_FILLER = re.compile(r"^(?:(?:a|an|the|some|new|this|that|my|un|una)\s+)+", re.I)


def read_purchase(text: str) -> dict[str, Any] | None:
    """ "Should I buy a $500 PS5?", "¿puedo permitirme un televisor de 500?"."""
    match = PURCHASE.search(text)
    if match is None:
        text = phrases.fold(text)
        match = PURCHASE.search(text)
    if match is None:
        return None
    thing = text[match.end() :]
    price = phrases.amount_match(thing)
    if price:
        before = re.sub(r"\b(?:for|at|costing|de|por)\s*$", "", thing[: price.start()])
        thing = before + " " + thing[price.end() :]
    thing = _PRICE_WORDS.sub(" ", thing)
    thing = _FILLER.sub("", " ".join(thing.split()).strip(" ?!.,¿")).strip(" ?!.,")
    return {"item": thing or None, "amount": phrases.amount_in(text)}


def answer_purchase(ask: Ask) -> Answer:
    """Buy, wait or don't buy: the budgets feature's purchase advice."""
    amount = ask.slots.get("amount")
    if amount is None:
        return Answer(say("budgets.price"))
    item = ask.slots.get("item") or ask.text
    advice = BudgetService.purchase_advice(
        user=ask.user, item_description=item, amount=amount
    )
    reply = say(
        "budgets.advice",
        decision=say(f"advice.{advice['decision']}"),
        item=item,
        price=money_words(amount, advice.get("currency") or "USD"),
        reason=_reason(advice),
    )
    return Answer(reply, [obj("purchase_advice", advice)])


def _reason(advice: dict[str, Any]) -> Say:
    """Why: the advice's own words, with the figures the catalogue says them by
    (what is left in the category, by how much the price goes over it)."""
    check = advice.get("check") or {}
    currency = check.get("currency") or "USD"
    left = check.get("remaining_in_category")
    figures = {"text": advice["reason"], "category": advice.get("category") or ""}
    if left is None:
        return say("advice.why", **figures)
    figures["left"] = money_words(left, currency)
    if check.get("fits_budget"):
        return say("advice.fits", **figures)
    over = money_words(check.get("exceeds_by") or 0, currency)
    return say("advice.over", over=over, **figures)


def read_budget(text: str) -> dict[str, Any] | None:
    """ "how much is left in my budget?", "¿cuánto me queda para restaurantes?"."""
    folded = phrases.fold(text)
    if not BUDGET.search(folded) and not re.search(r"\bleft\b", folded):
        return None
    if phrases.amount_in(text) is not None and not phrases.is_question(text):
        return None
    category = ExpenseService.category_named(text=text)
    if category is None and not re.search(r"\bbudget\b|\bpresupuesto\b", folded):
        category = _guessed_category(text)
    return {"category": category}


def _guessed_category(text: str) -> str | None:
    """A category the expenses vocabulary reads in the text (a brand, an item)."""
    guess = ExpenseService.suggest_category(text=text)
    return None if guess == "Other" else guess


def answer_budget(ask: Ask) -> Answer:
    """What is left: in one category, or of this month's plan as a whole."""
    category = ask.slots.get("category")
    if category:
        left = BudgetService.remaining_in_category(user=ask.user, category=category)
        if left is None:
            return Answer(say("budgets.none"))
        money = left["currency"]
        reply = say(
            "budgets.category",
            left=money_words(left["remaining"], money),
            category=category,
            available=money_words(left["available"], money),
            spent=money_words(left["spent"], money),
        )
        return Answer(reply, [obj("budget_category", left, left["budget_id"])])
    try:
        summary = BudgetService.summary(user=ask.user)
    except DomainError:
        return Answer(say("budgets.none"))
    money = summary["currency"]
    reply = say(
        "budgets.summary",
        left=money_words(summary["total_remaining"], money),
        total=money_words(summary["total_budget"], money),
        spent=money_words(summary["total_spent"], money),
        daily=money_words(summary["safe_to_spend_per_day"], money),
    )
    return Answer(reply, [obj("budget_summary", summary, summary["budget_id"])])


def _follow_category(text: str) -> dict[str, Any]:
    """ "and groceries?" asks the same of another category."""
    return {"category": ExpenseService.category_named(text=text)}


INTENTS = [
    Intent(
        name="purchase_advice",
        kind=QUESTION,
        description="should I buy or can I afford something (item, amount)",
        read=read_purchase,
        answer=answer_purchase,
        slots=("item", "amount"),
        priority=75,
    ),
    Intent(
        name="budget_question",
        kind=QUESTION,
        description="what is left in the budget, in all or in a category (category: "
        "Food & Dining, Groceries, Shopping, Travel, Entertainment, Utilities, "
        "Health, Education or Other)",
        read=read_budget,
        answer=answer_budget,
        slots=("category",),
        priority=40,
        follow=_follow_category,
    ),
]
