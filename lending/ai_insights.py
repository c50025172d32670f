"""Gemini prompts, response schemas and answer cleaning of the lending feature.

Only text and shapes live here; `LendingService` gathers the figures, calls the
gateway (`mysphere_core.ai`) and supplies the rule-based fallbacks. The AI words
the reminders and judges the risk; the amounts, ageing and money at risk are always
our own exact figures, attached when its answer is cleaned.
"""

import json
from datetime import date, timedelta
from typing import Any

from lending.validators import clean_name, counterparty_key
from mysphere_core.aiclean import confidence, currency_or, positive_amount

RISK_LEVELS = ["low", "medium", "high"]
KINDS = ["loan", "repayment"]
DIRECTIONS = ["lent", "borrowed"]
OLDEST_PARSED_DATE = timedelta(days=3653)


class LendingAIInsights:
    """What we ask Gemini about lending, and how we read its answers."""

    INSIGHTS_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "summary": {"type": "string"},
            "reminders": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "counterparty": {"type": "string"},
                        "currency": {"type": "string"},
                        "message": {"type": "string"},
                    },
                    "required": ["counterparty", "currency", "message"],
                },
            },
            "risk_by_person": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "counterparty": {"type": "string"},
                        "currency": {"type": "string"},
                        "level": {"type": "string", "enum": RISK_LEVELS},
                        "reason": {"type": "string"},
                    },
                    "required": ["counterparty", "currency", "level", "reason"],
                },
            },
            "tips": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["summary", "reminders", "risk_by_person", "tips"],
    }

    PARSE_SCHEMA: dict[str, Any] = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": KINDS},
            "direction": {"type": "string", "enum": DIRECTIONS},
            "counterparty": {"type": "string", "nullable": True},
            "amount": {"type": "number", "nullable": True},
            "currency": {"type": "string", "nullable": True},
            "date": {"type": "string", "nullable": True},
            "due_date": {"type": "string", "nullable": True},
            "description": {"type": "string", "nullable": True},
            "confidence": {"type": "number"},
        },
        "required": ["kind", "direction", "counterparty", "amount", "confidence"],
    }

    @staticmethod
    def insights_prompt(figures: dict[str, Any]) -> str:
        """Ask for reminders, risk per person and tips from the user's open items."""
        return (
            "You help a person keep track of money they lent to and borrowed from "
            "friends and family. From the figures below answer JSON:\n"
            "- summary: one or two sentences on where they stand.\n"
            "- reminders: for people who owe money that is due or overdue, a short, "
            "warm, specific message the user could send (name the amount with its "
            "currency and what it was for; never threatening). At most 5, most "
            "urgent first.\n"
            "- risk_by_person: for each person who owes money, level low/medium/high "
            "and a one-line reason (lateness, history).\n"
            "- tips: 1-3 practical suggestions.\n"
            "Use the people and currencies exactly as given; never add amounts in "
            "different currencies. Do not invent people or numbers.\n"
            f"Figures: {json.dumps(figures, ensure_ascii=False, default=str)}"
        )

    @staticmethod
    def clean_insights(data: dict[str, Any], figures: dict[str, Any]) -> dict[str, Any]:
        """The AI's answer with our exact figures attached; people we do not know
        are dropped. ValueError when nothing usable is left."""
        reminders_by = {
            (counterparty_key(r["counterparty"]), r["currency"]): r
            for r in reversed(figures["reminders"])
        }
        risk_by = {
            (counterparty_key(p["counterparty"]), p["currency"]): p
            for p in figures["risk_by_person"]
        }
        reminders = []
        for item in data["reminders"]:
            known = reminders_by.get(
                (counterparty_key(item["counterparty"]), item["currency"])
            )
            if known and item["message"].strip():
                reminders.append({**known, "message": item["message"].strip()})
        risks = []
        for item in data["risk_by_person"]:
            known = risk_by.get(
                (counterparty_key(item["counterparty"]), item["currency"])
            )
            if known:
                risks.append(
                    {**known, "level": item["level"], "reason": item["reason"]}
                )
        if not data["summary"].strip():
            raise ValueError("The AI wrote no summary.")
        return {
            "summary": data["summary"].strip(),
            "reminders": reminders,
            "risk_by_person": risks,
            "ageing": figures["ageing"],
            "at_risk": figures["at_risk"],
            "tips": [t.strip() for t in data["tips"] if t.strip()][:5],
        }

    @staticmethod
    def parse_prompt(text: str, *, today: date, currency: str) -> str:
        """Ask for the loan or repayment one sentence describes."""
        return (
            "Read one money-between-people entry from the text and answer JSON.\n"
            f"Today is {today:%A} {today.isoformat()}; resolve relative dates from "
            "it (a due day like 'Friday' is the next one).\n"
            f"The default currency is {currency} ($ means it when it is a dollar "
            "currency, else USD); answer ISO 4217 codes.\n"
            "kind: 'repayment' when money owed is being paid back ('paid me back', "
            "'returned', 'I paid Sam back'), else 'loan'.\n"
            "direction: 'lent' when the other person owes the user (the user lent, "
            "or the other person is paying the user back), 'borrowed' when the user "
            "owes them (the user borrowed, or is paying them back).\n"
            "counterparty: the other person's name as written. amount: a number or "
            "null. date: when it happened, YYYY-MM-DD or null for today. due_date: "
            "when it must be repaid, or null. description: what it was for, or "
            "null. confidence: 0 to 1.\n"
            f"Text: {json.dumps(text, ensure_ascii=False)}"
        )

    @staticmethod
    def clean_parsed(
        data: dict[str, Any], *, today: date, currency: str
    ) -> dict[str, Any]:
        """The AI's parse shaped as the fallback parser's; ValueError if unusable."""
        if data.get("kind") not in KINDS or data.get("direction") not in DIRECTIONS:
            raise ValueError("The AI's kind or direction is not one we know.")
        amount = positive_amount(data.get("amount"))
        name = clean_name(data.get("counterparty") or "")
        if not name:
            raise ValueError("The AI found nobody.")
        day = _day(data.get("date")) or today
        due = _day(data.get("due_date"))
        if not today - OLDEST_PARSED_DATE <= day <= today + timedelta(days=366):
            raise ValueError("The AI's date is out of range.")
        return {
            "kind": data["kind"],
            "direction": data["direction"],
            "counterparty": name[:200],
            "amount": amount,
            "currency": currency_or(data.get("currency"), currency),
            "date": day,
            "due_date": due if due and due >= day else None,
            "description": str(data.get("description") or "").strip()[:500],
            "confidence": confidence(data.get("confidence")),
        }


def _day(value: Any) -> date | None:
    """An ISO date string as a date (None when missing)."""
    return date.fromisoformat(value) if value else None
