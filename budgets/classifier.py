"""Which category a purchase belongs to, and how sure we are.

The rule-based classifier reads the expenses parser's category vocabulary
(`ExpenseService.category_scores`: weighted keywords and brands) plus a few
words of things people ask about buying (devices, consoles, furniture) that
expenses are rarely written with. The AI (through the gateway's parse quota)
answers first when it can; this is its fallback.
"""

import re
from decimal import Decimal
from typing import Any

from expenses.services import DEFAULT_CATEGORY, EXPENSE_CATEGORIES, ExpenseService

# Purchase words the expense vocabulary lacks: weight 3 like its product words.
PURCHASE_WORDS: dict[str, str] = {
    "iphone": "Shopping",
    "ipad": "Shopping",
    "macbook": "Shopping",
    "smartphone": "Shopping",
    "tablet": "Shopping",
    "smartwatch": "Shopping",
    "watch": "Shopping",
    "tv": "Shopping",
    "television": "Shopping",
    "monitor": "Shopping",
    "camera": "Shopping",
    "furniture": "Shopping",
    "mattress": "Shopping",
    "couch": "Shopping",
    "bike": "Shopping",
    "sneakers": "Shopping",
    "playstation": "Entertainment",
    "ps5": "Entertainment",
    "xbox": "Entertainment",
    "nintendo": "Entertainment",
    "console": "Entertainment",
    "vr": "Entertainment",
    "tickets": "Entertainment",
    "vacation": "Travel",
    "holiday": "Travel",
    "trip": "Travel",
    "hotel": "Travel",
    "flights": "Travel",
    "tuition": "Education",
    "bootcamp": "Education",
    "birthday": "Other",
    "present": "Other",
    "glasses": "Health",
    "therapy": "Health",
    "vitamins": "Health",
}
PURCHASE_WEIGHT = 3
_WORDS = re.compile(r"[a-z0-9]+")


def scores(description: str) -> dict[str, int]:
    """Keyword and brand weights per category, the purchase words added."""
    result = dict(ExpenseService.category_scores(text=description))
    for word in set(_WORDS.findall(description.lower())):
        category = PURCHASE_WORDS.get(word)
        if category:
            result[category] = result.get(category, 0) + PURCHASE_WEIGHT
    return result


def classify(description: str) -> dict[str, Any]:
    """`{"category", "confidence", "alternative_categories"}` from the words alone.

    Confidence grows with the winning weight (saturating at 6) and with its share
    of the two best weights; no known word at all is "Other" at 0.2.
    """
    found = scores(description)
    if not found:
        return {
            "category": DEFAULT_CATEGORY,
            "confidence": 0.2,
            "alternative_categories": [],
        }
    ranked = sorted(found, key=lambda c: (-found[c], EXPENSE_CATEGORIES.index(c)))
    top = found[ranked[0]]
    second = found[ranked[1]] if len(ranked) > 1 else 0
    share = Decimal(top) / Decimal(top + second)
    strength = Decimal(min(top, 6)) / 6
    confidence = Decimal("0.3") + Decimal("0.65") * share * (1 + strength) / 2
    return {
        "category": ranked[0],
        "confidence": float(round(confidence, 2)),
        "alternative_categories": ranked[1:4],
    }


def clean_ai_answer(data: dict[str, Any]) -> dict[str, Any]:
    """The AI's answer, checked: a known category, confidence in 0..1, known
    alternatives (ValueError when unusable)."""
    category = data["category"]
    if category not in EXPENSE_CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    confidence = float(data["confidence"])
    if not 0 <= confidence <= 1:
        raise ValueError("confidence out of range")
    alternatives = [
        c
        for c in data.get("alternative_categories", [])
        if c in EXPENSE_CATEGORIES and c != category
    ]
    return {
        "category": category,
        "confidence": round(confidence, 2),
        "alternative_categories": list(dict.fromkeys(alternatives))[:3],
    }
