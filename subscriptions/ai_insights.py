"""Gemini prompts, response schemas and answer parsing of the subscriptions feature.

Only what the AI sees and says lives here; `services.py` gathers the data, calls the
gateway (`mysphere_core.ai`) and supplies the rule-based fallbacks.
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from mysphere_core.money import CENT, ISO_4217_CODES
from mysphere_core.textparse import DOLLAR_CURRENCIES
from subscriptions.billing import MAX_INTERVAL, UNITS, Interval
from subscriptions.nlp_parser import CYCLES, PAYMENT_METHODS, cycle_fields

INSIGHT_TYPES = [
    "cost_optimization",
    "usage",
    "renewal",
    "category",
    "duplicate",
    "trial",
    "price_increase",
]
LEVELS = ["low", "medium", "high"]
# Savings a month at or above this are not believed (and would not fit a total).
MAX_SAVINGS = Decimal(10) ** 12

INSIGHTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "summary": {"type": "string"},
        "insights": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": INSIGHT_TYPES},
                    "severity": {"type": "string", "enum": LEVELS},
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "action": {"type": "string"},
                    "potential_savings": {"type": "number"},
                },
                "required": [
                    "type",
                    "severity",
                    "title",
                    "description",
                    "action",
                    "potential_savings",
                ],
            },
        },
        "recommendations": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "impact": {"type": "string"},
                    "priority": {"type": "string", "enum": LEVELS},
                },
                "required": ["title", "description", "impact", "priority"],
            },
        },
        "cost_optimization": {
            "type": "object",
            "properties": {
                "potential_monthly_savings": {"type": "number"},
                "currency": {"type": "string"},
                "underutilized_services": {
                    "type": "array",
                    "items": {"type": "string"},
                },
                "duplicate_services": {"type": "array", "items": {"type": "string"}},
            },
            "required": [
                "potential_monthly_savings",
                "currency",
                "underutilized_services",
                "duplicate_services",
            ],
        },
    },
    "required": ["summary", "insights", "recommendations", "cost_optimization"],
}

PARSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "nullable": True},
        "provider": {"type": "string", "nullable": True},
        "amount": {"type": "number", "nullable": True},
        "currency": {"type": "string", "nullable": True},
        "billing_cycle": {"type": "string", "enum": list(CYCLES)},
        "custom_cycle_days": {"type": "integer", "nullable": True},
        "interval_count": {"type": "integer", "nullable": True},
        "interval_unit": {"type": "string", "nullable": True, "enum": list(UNITS)},
        "start_date": {"type": "string", "nullable": True},
        "next_billing_date": {"type": "string", "nullable": True},
        "is_trial": {"type": "boolean"},
        "trial_end_date": {"type": "string", "nullable": True},
        "category": {"type": "string", "nullable": True},
        "payment_method": {
            "type": "string",
            "nullable": True,
            "enum": list(PAYMENT_METHODS),
        },
    },
    "required": ["name", "amount", "billing_cycle", "is_trial"],
}


class SubscriptionAIInsights:
    """Prompts for Gemini and the clean-up of its answers."""

    @staticmethod
    def insights_prompt(data: dict[str, Any]) -> str:
        """The analysis prompt of the seed, filled with the user's real data."""
        return f"""As a subscription management expert, analyze this user's data and \
provide actionable insights.

TODAY: {data["today"]}
USER PROFILE:
{json.dumps(data["profile"], indent=2)}

USER PORTFOLIO:
- Total Subscriptions: {data["total_subscriptions"]}
- Active Services: {data["active_count"]}
- Monthly Spending per currency: {json.dumps(data["monthly_cost"])}
- Yearly Spending per currency: {json.dumps(data["yearly_cost"])}

SUBSCRIPTION DETAILS:
{json.dumps(data["subscriptions"], indent=2)}

SPENDING PATTERNS (paid per month, by currency):
{json.dumps(data["spending_patterns"], indent=2)}

RECENT PRICE CHANGES:
{json.dumps(data["price_changes"], indent=2)}

ANALYSIS REQUIREMENTS:
1. Identify cost optimization opportunities
2. Detect duplicate or overlapping services (same category or same provider)
3. Analyze usage efficiency (usage_30d is what the user logged in the last 30 days)
4. Suggest subscription downgrades/upgrades, and annual plans where cheaper
5. Flag free trials that end soon and recent price increases
6. Predict future spending trends

Amounts are in each subscription's own currency; never add different currencies.
Express savings in {data["currency"]} and only from subscriptions in that currency.

{_response_format(data["currency"])}"""

    @staticmethod
    def clean_insights(answer: dict[str, Any]) -> dict[str, Any]:
        """The insights answer with savings as Decimals: cents, never negative.

        A saving that is not a number, or is absurdly large, makes the answer
        unusable (ValueError): the gateway then serves the rule-based insights.
        """
        for insight in answer["insights"]:
            insight["potential_savings"] = _savings(insight["potential_savings"])
        optimisation = answer["cost_optimization"]
        optimisation["potential_monthly_savings"] = _savings(
            optimisation["potential_monthly_savings"]
        )
        return answer

    @staticmethod
    def parse_prompt(text: str, *, today: date, currency: str) -> str:
        """Prompt asking Gemini to read one subscription out of `text`."""
        dollar = currency if currency in DOLLAR_CURRENCIES else "USD"
        return f"""Extract one recurring subscription from the user's text.
Today is {today.isoformat()}. The user's default currency is {currency}.

Answer JSON with:
- name: the service as people call it (e.g. "Spotify Premium"), null if none
- provider: the company that bills it (e.g. "Spotify"), null if unknown
- amount: the price per billing cycle as a number, null if the text gives none
- currency: ISO 4217 code ("$" is {dollar},
  "€" is EUR, "£" is GBP, "₹" is INR); {currency} when not stated
- billing_cycle: one of {", ".join(CYCLES)}; monthly when not stated. Any other
  interval is custom: "every 4 weeks" is custom with custom_cycle_days 28, "every 30
  days" custom 30, "biweekly"/"every other week" custom 14; "every 6 months" or
  "semi-annually" is custom with interval_count 6 and interval_unit "months", "every
  2 years" custom with interval_count 2 and interval_unit "years"
- custom_cycle_days: 1-365 for custom cycles counted in days, otherwise null
- interval_count, interval_unit: for custom cycles of months (up to 120) or years (up
  to 10): the count and "months" or "years"; otherwise null
- start_date, next_billing_date: YYYY-MM-DD or null
- is_trial: true for a free trial; trial_end_date: YYYY-MM-DD when it ends, or null
- category: a short category such as Streaming, Music, Software, Cloud Storage,
  Gaming, Fitness, News, Education, Food, or null
- payment_method: card, bank_transfer, paypal, other, or null

Text: {json.dumps(text)}
"""

    @staticmethod
    def clean_parse_answer(
        answer: dict[str, Any], *, default_currency: str
    ) -> dict[str, Any]:
        """Validate and normalise Gemini's parse: ValueError when it is unusable."""
        amount = answer.get("amount")
        if amount is None or isinstance(amount, bool):
            raise ValueError("The AI found no amount.")
        try:
            value = Decimal(str(amount)).quantize(CENT)
        except InvalidOperation as exc:
            raise ValueError("The AI amount is not a number.") from exc
        if value <= 0:
            raise ValueError("The AI amount is not positive.")
        cycle = answer["billing_cycle"]
        interval = _custom_interval(answer) if cycle == "custom" else None
        currency = str(answer.get("currency") or default_currency).upper()
        if currency not in ISO_4217_CODES:
            currency = default_currency
        name = (answer.get("name") or "").strip()[:200] or None
        provider = (answer.get("provider") or "").strip()[:100] or name
        category = (answer.get("category") or "").strip()[:100] or None
        trial_end = _iso_or_none(answer.get("trial_end_date"))
        return {
            "name": name,
            "provider": provider,
            "amount": str(value),
            "currency": currency,
            **cycle_fields(cycle, interval),
            "start_date": _iso_or_none(answer.get("start_date")),
            "next_billing_date": _iso_or_none(answer.get("next_billing_date")),
            "is_trial": bool(answer.get("is_trial")) or trial_end is not None,
            "trial_end_date": trial_end,
            "category": category,
            "payment_method": answer.get("payment_method"),
            "confidence": 1.0,
        }


def _response_format(currency: str) -> str:
    """The JSON shape the insights prompt asks for."""
    return f"""RESPONSE FORMAT (JSON):
{{
    "summary": "Brief portfolio overview",
    "insights": [
        {{
            "type": "{"|".join(INSIGHT_TYPES)}",
            "severity": "low|medium|high",
            "title": "Insight title",
            "description": "Detailed analysis",
            "action": "Recommended action",
            "potential_savings": 0
        }}
    ],
    "recommendations": [
        {{
            "title": "Recommendation",
            "description": "What to do",
            "impact": "Expected benefit",
            "priority": "low|medium|high"
        }}
    ],
    "cost_optimization": {{
        "potential_monthly_savings": 0,
        "currency": "{currency}",
        "underutilized_services": [],
        "duplicate_services": []
    }}
}}
"""


def _custom_interval(answer: dict[str, Any]) -> Interval:
    """A custom cycle's interval: 1-365 `custom_cycle_days`, or an `interval_count`
    of `interval_unit` within its bounds (ValueError otherwise)."""
    days, count = answer.get("custom_cycle_days"), answer.get("interval_count")
    unit = answer.get("interval_unit")
    if isinstance(days, int) and not isinstance(days, bool) and 1 <= days <= 365:
        return Interval(days, "days")
    if (
        unit in UNITS
        and isinstance(count, int)
        and not isinstance(count, bool)
        and 1 <= count <= MAX_INTERVAL[unit]
    ):
        return Interval(count, unit)
    raise ValueError("A custom cycle needs 1-365 days or a bounded interval.")


def _iso_or_none(value: Any) -> str | None:
    """A YYYY-MM-DD string checked to be a real date (ValueError otherwise)."""
    if value in (None, ""):
        return None
    return date.fromisoformat(str(value)).isoformat()


def _savings(value: Any) -> Decimal:
    """Money saved a month: a Decimal rounded to cents, never negative."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError("A saving is not a number.") from exc
    if not amount.is_finite() or amount >= MAX_SAVINGS:
        raise ValueError("A saving is not a plausible amount.")
    return max(amount, Decimal(0)).quantize(CENT)
