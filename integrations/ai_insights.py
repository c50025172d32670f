"""Gemini prompts, response schemas and answer cleaning of the integrations app: the
assistant's routing of a message (what it asks for, with the fields it names).

Only text and shapes live here; `integrations/assistant/understanding.py` calls the
gateway (`mysphere_core.ai`) and supplies the rule-based router as the fallback.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from integrations.assistant.router import INTENT_FEATURES

# The gateway's quota and cache key: the assistant is the integrations app's AI.
FEATURE = "integrations"
_TEXT = {"type": "string", "nullable": True}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "intent": {"type": "string", "enum": list(INTENT_FEATURES)},
        "amount": _TEXT,
        "counterparty": _TEXT,
        "item": _TEXT,
        "category": _TEXT,
        "list": _TEXT,
        "items": {"type": "array", "items": {"type": "string"}, "nullable": True},
        "period": {
            "type": "string",
            "enum": ["today", "tomorrow", "week", "month"],
            "nullable": True,
        },
    },
    "required": ["intent"],
}
FIELDS = ("amount", "counterparty", "item", "category", "list", "items", "period")


def prompt(text: str, today: date) -> str:
    """The instruction for Gemini: one intent and its fields, as JSON."""
    intents = ", ".join(INTENT_FEATURES)
    return (
        "You route messages of a personal-finance and life-admin app. Classify the "
        f"message into one intent of: {intents}. log_expense: money already spent; "
        "add_subscription: a recurring service; add_todo: a task or reminder; "
        "add_list_items: things to put on a named list (list: its name, items: "
        "each item); record_loan: money lent or borrowed (counterparty: the "
        "person); record_repayment: a person paid back or the user paid someone "
        "back; purchase_advice: should I buy X (item, amount); budget_question: "
        "what is left or spent (category: Food & Dining, Groceries, Shopping, "
        "Travel, Entertainment, Utilities, Health, Education or Other); whats_due: "
        "what is due (period: today, tomorrow, week or month); unknown otherwise. "
        f"Amounts as plain decimal strings. Today is {today.isoformat()}.\n"
        f"Message: {text}"
    )


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """An AI answer with a usable amount (a positive decimal) or none at all."""
    amount = data.get("amount")
    if amount not in (None, ""):
        try:
            value = Decimal(str(amount).replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"amount {amount!r} is no number") from exc
        if not value.is_finite() or value <= 0:
            raise ValueError(f"amount {amount!r} is not positive")
        data = {**data, "amount": str(value)}
    return data
