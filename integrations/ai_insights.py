"""Gemini prompts, response schemas and answer cleaning of the integrations app: the
assistant's one call a message, routing and extracting together (the intents and
their slots, as every feature declares them, are the response schema).

Only text and shapes live here; `integrations/assistant/understanding.py` calls the
gateway (`mysphere_core.ai`) and supplies the rule-based router as the fallback.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mysphere_core.intents import Intent

# The gateway's quota and cache key: the assistant is the integrations app's AI.
FEATURE = "integrations"
LIST_SLOTS = ("items",)
CONVERSATION_WORDS = (
    "confirm: the user says yes to the proposal waiting for it; decline: the user "
    "says no (with amount when they correct it: 'no, make it 12'); undo: undo the "
    "assistant's last write; unknown: nothing the app does. A follow-up ('and last "
    "month?', 'what about Ben?') is the previous intent with the slots it changes."
)


def schema(intents: list[Intent], conversation: tuple[str, ...]) -> dict[str, Any]:
    """The response schema: one intent and every slot any intent reads."""
    names = sorted({slot for intent in intents for slot in intent.slots})
    properties: dict[str, Any] = {
        "intent": {
            "type": "string",
            "enum": [intent.name for intent in intents] + list(conversation),
        }
    }
    for name in names:
        if name in LIST_SLOTS:
            properties[name] = {
                "type": "array",
                "items": {"type": "string"},
                "nullable": True,
            }
        else:
            properties[name] = {"type": "string", "nullable": True}
    properties["amount"] = {"type": "string", "nullable": True}
    return {"type": "object", "properties": properties, "required": ["intent"]}


def prompt(text: str, today: date, intents: list[Intent], previous: str) -> str:
    """The instruction for Gemini: the message's intent and slots, as JSON."""
    lines = "\n".join(
        f"- {intent.name} ({intent.kind}): {intent.description}" for intent in intents
    )
    return (
        "You are the assistant of a personal-finance and life-admin app. Read the "
        "user's message (any language) and answer with its intent and slots.\n"
        f"Intents:\n{lines}\n{CONVERSATION_WORDS}\n"
        "Amounts as plain decimal strings; people and subscriptions by name; "
        f"periods and lists as the intent says. Today is {today.isoformat()}.\n"
        f"Previous turn: {previous or 'none'}\n"
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
