"""Gemini prompts, response schemas and answer cleaning of the budgets feature.

Only text and shapes live here; `BudgetService` gathers the figures, calls the
gateway (`mysphere_core.ai`) and supplies the rule-based fallbacks.
"""

import json
from typing import Any

from expenses.services import EXPENSE_CATEGORIES

DECISIONS = ("buy", "wait", "dont_buy")
STATUSES = ("on_track", "watch", "overspending", "no_budget")
_STRINGS = {"type": "array", "items": {"type": "string"}}


class BudgetAIInsights:
    """What we ask Gemini about budgets, and how we read its answers."""

    CLASSIFY_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "category": {"type": "string", "enum": list(EXPENSE_CATEGORIES)},
            "confidence": {"type": "number"},
            "alternative_categories": _STRINGS,
        },
        "required": ["category", "confidence"],
    }

    ADVICE_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "decision": {"type": "string", "enum": list(DECISIONS)},
            "reason": {"type": "string"},
            "alternative_suggestions": _STRINGS,
            "impact_on_budget": {"type": "string"},
        },
        "required": [
            "decision",
            "reason",
            "alternative_suggestions",
            "impact_on_budget",
        ],
    }

    INSIGHTS_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": list(STATUSES)},
            "summary": {"type": "string"},
            "highlights": _STRINGS,
            "month_over_month": _STRINGS,
            "recommendations": _STRINGS,
        },
        "required": ["status", "summary", "highlights", "recommendations"],
    }

    @staticmethod
    def classify_prompt(description: str) -> str:
        """Ask for the category of a purchase or expense."""
        return (
            "Classify this purchase or expense into exactly one category of: "
            f"{', '.join(EXPENSE_CATEGORIES)}. Give a confidence from 0 to 1 and up "
            "to three alternative categories. Answer in JSON only.\n"
            f"Description: {json.dumps(description)}"
        )

    @staticmethod
    def advice_prompt(context: dict[str, Any]) -> str:
        """Ask whether to buy, wait or not buy, from the budget's figures."""
        return (
            "You are a careful personal budgeting coach. Decide whether the user "
            "should buy this now: decision is buy, wait or dont_buy. Weigh how "
            "essential it is (necessity 1 luxury .. 10 essential), what remains in "
            "its category after upcoming renewals, what remains in the month, the "
            "savings goal, and the user's own goals and risk tolerance (a "
            "conservative user keeps a cushion). Give a short reason with the "
            "numbers that names the goal it serves, two or three "
            "alternative suggestions, and the impact on the budget in one sentence. "
            "Amounts are in the given currency. Answer in JSON only.\n"
            f"Figures: {json.dumps(context, default=str)}"
        )

    @staticmethod
    def insights_prompt(context: dict[str, Any]) -> str:
        """Ask for an analysis of the month's plan."""
        return (
            "Analyse this monthly budget. Say whether the user is on_track, should "
            "watch, or is overspending (no_budget when there is no plan); summarise "
            "in two sentences; list highlights with numbers, month-over-month "
            "changes per category, and concrete recommendations on what to change, "
            "in the light of the user's goals and risk tolerance. "
            "Amounts are in the plan's currency. Answer in JSON only.\n"
            f"Figures: {json.dumps(context, default=str)}"
        )

    @staticmethod
    def clean_advice(data: dict[str, Any]) -> dict[str, Any]:
        """The AI's advice, checked (ValueError when unusable)."""
        if data["decision"] not in DECISIONS or not str(data["reason"]).strip():
            raise ValueError("unusable advice")
        return {
            "decision": data["decision"],
            "reason": str(data["reason"]).strip(),
            "alternative_suggestions": [
                str(s) for s in data["alternative_suggestions"] if str(s).strip()
            ][:5],
            "impact_on_budget": str(data["impact_on_budget"]).strip(),
        }

    @staticmethod
    def clean_insights(data: dict[str, Any]) -> dict[str, Any]:
        """The AI's insights with every list present (ValueError when unusable)."""
        if data["status"] not in STATUSES or not str(data["summary"]).strip():
            raise ValueError("unusable insights")
        return {
            "status": data["status"],
            "summary": str(data["summary"]).strip(),
            "highlights": [str(s) for s in data.get("highlights", [])],
            "month_over_month": [str(s) for s in data.get("month_over_month", [])],
            "recommendations": [str(s) for s in data.get("recommendations", [])],
        }
