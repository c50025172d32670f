"""Reading the fields of an AI parse the same way in every feature's `clean` hook.

A `ValueError` from these means "this answer is unusable": the gateway
(`mysphere_core.ai`) then answers with the feature's own parser.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from mysphere_core.money import CENT, ISO_4217_CODES

DEFAULT_CONFIDENCE = 0.8


def positive_amount(value: Any) -> Decimal:
    """The AI's amount in cents; ValueError when it is missing, not a number, not
    finite or not positive."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValueError("The AI found no amount.") from None
    if not amount.is_finite() or amount <= 0:
        raise ValueError("The AI found no positive amount.")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def currency_or(value: Any, default: str) -> str:
    """The AI's ISO 4217 code upper-cased, or `default` when it named none or no
    real one."""
    code = str(value or default).upper()
    return code if code in ISO_4217_CODES else default


def confidence(value: Any) -> float:
    """The AI's confidence clamped to 0-1 with two decimals (0.8 when absent)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(min(max(float(value), 0.0), 1.0), 2)
    return DEFAULT_CONFIDENCE
