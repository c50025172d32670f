"""Gemini prompts, response schemas and answer cleaning of the expenses feature.

Only text and shapes live here; `ExpenseService` gathers the data, calls the gateway
(`mysphere_core.ai`) and supplies the rule-based fallbacks.
"""

import copy
import json
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from expenses.models import EXPENSE_CATEGORIES, ExpenseModel
from mysphere_core.money import ISO_4217_CODES, round_money

PAYMENT_METHODS = [value for value, _ in ExpenseModel.PaymentMethod.choices]
OLDEST_PARSED_DATE = timedelta(days=3653)  # about ten years back


class ExpenseAIInsights:
    """What we ask Gemini about expenses, and how we read its answers."""

    PARSE_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "amount": {"type": "number", "nullable": True},
            "currency": {"type": "string", "nullable": True},
            "category": {"type": "string", "enum": list(EXPENSE_CATEGORIES)},
            "vendor": {"type": "string", "nullable": True},
            "date": {"type": "string", "nullable": True},
            "payment_method": {"type": "string", "enum": PAYMENT_METHODS},
            "expense_type": {"type": "string", "enum": ["expense", "refund"]},
            "confidence": {"type": "number"},
        },
        "required": ["amount", "category", "date", "confidence"],
    }

    INSIGHTS_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "summary": {"type": "string"},
            "spending_trends": {"type": "array", "items": {"type": "string"}},
            "budget_recommendations": {"type": "array", "items": {"type": "string"}},
            "category_insights": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "category": {"type": "string"},
                        "insight": {"type": "string"},
                    },
                    "required": ["category", "insight"],
                },
            },
            "alerts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "level": {"type": "string", "enum": ["info", "warning"]},
                        "message": {"type": "string"},
                    },
                    "required": ["level", "message"],
                },
            },
        },
        "required": [
            "summary",
            "spending_trends",
            "budget_recommendations",
            "category_insights",
            "alerts",
        ],
    }

    @staticmethod
    def parse_schema(categories: Sequence[str]) -> dict[str, Any]:
        """PARSE_SCHEMA with the user's category list (the nine, then their own)."""
        schema = copy.deepcopy(ExpenseAIInsights.PARSE_SCHEMA)
        schema["properties"]["category"]["enum"] = list(categories)
        return schema

    @staticmethod
    def parse_prompt(
        text: str,
        *,
        today: date,
        currency: str,
        categories: Sequence[str] = EXPENSE_CATEGORIES,
    ) -> str:
        """Ask for the fields of one expense described in words (the category
        among the user's, their own ones included)."""
        return (
            "Extract one personal expense from the text below and answer JSON only.\n"
            f"Today is {today:%A} {today.isoformat()} in the user's time zone; "
            f"resolve relative dates (yesterday, last Friday, 3 days ago) from it.\n"
            f"The user's default currency is {currency}; use it when the text names "
            "none, and an ISO 4217 code otherwise ($ means the default when it is a "
            "dollar currency, else USD).\n"
            f"category: one of {', '.join(categories)}.\n"
            f"payment_method: one of {', '.join(PAYMENT_METHODS)} ('other' if not "
            "said).\n"
            "amount: the total paid as a number, or null if the text names no "
            "amount. vendor: the shop or company name, or null. date: YYYY-MM-DD. "
            "expense_type: 'refund' when money came back (refund, reimbursed, "
            "returned for), else 'expense'. confidence: 0 to 1.\n"
            f"Text: {json.dumps(text, ensure_ascii=False)}"
        )

    @staticmethod
    def clean_parsed(
        data: dict[str, Any],
        *,
        today: date,
        currency: str,
        categories: Sequence[str] = EXPENSE_CATEGORIES,
    ) -> dict[str, Any]:
        """The AI's parse as the fallback parser shapes it, the amount in its
        currency's minor units; ValueError if unusable."""
        try:
            amount = Decimal(str(data.get("amount")))
        except (InvalidOperation, ValueError):
            raise ValueError("The AI found no amount.")
        if not amount.is_finite() or amount <= 0:
            raise ValueError("The AI found no positive amount.")
        code = str(data.get("currency") or currency).upper()
        raw_date = data.get("date")
        spent_on = date.fromisoformat(raw_date) if raw_date else today
        if not today - OLDEST_PARSED_DATE <= spent_on <= today + timedelta(days=366):
            raise ValueError("The AI's date is out of range.")
        category = data.get("category")
        method = data.get("payment_method")
        confidence = data.get("confidence")
        code = code if code in ISO_4217_CODES else currency
        return {
            "amount": round_money(amount, code),
            "currency": code,
            "category": category if category in categories else "Other",
            "vendor": str(data.get("vendor") or "").strip()[:200],
            "date": spent_on,
            "payment_method": method if method in PAYMENT_METHODS else "other",
            "expense_type": (
                "refund" if data.get("expense_type") == "refund" else "expense"
            ),
            "confidence": (
                round(min(max(float(confidence), 0.0), 1.0), 2)
                if isinstance(confidence, (int, float))
                else 0.8
            ),
        }

    @staticmethod
    def insights_prompt(context: dict[str, Any]) -> str:
        """Ask for spending insights from aggregated figures (no raw rows)."""
        return (
            "You are a careful personal-finance assistant. From the user's expense "
            "figures below, write short, specific, friendly insights in JSON:\n"
            "- summary: one or two sentences about the last 30 days.\n"
            "- spending_trends: 2-4 observations on how spending moves (weeks, "
            "months, categories), quoting amounts with their currency.\n"
            "- budget_recommendations: 2-4 concrete, realistic suggestions with "
            "amounts.\n"
            "- category_insights: one remark per notable category "
            f"(category is one of {', '.join(EXPENSE_CATEGORIES)}).\n"
            "- alerts: unusual expenses or jumps (level 'warning'), else one "
            "with level 'info'.\n"
            "Never add amounts in different currencies together. Use only these "
            "figures; do not invent numbers.\n"
            f"Figures: {json.dumps(context, ensure_ascii=False, default=str)}"
        )
