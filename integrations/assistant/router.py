"""The assistant's rule-based router: what a plain-words message asks for, and of
which feature, with the few fields the router itself reads.

    route("Spent $50 on gas yesterday")      -> Route("log_expense", "expenses", ...)
    route("add milk and eggs to my shopping list")
                                              -> Route("add_list_items", "lists",
                                                       {"list": "shopping",
                                                        "items": "milk, eggs"})

The owning feature's own parser reads the details of a write (amount, dates,
recurrence...) when the assistant proposes it; the router only decides the intent
and pulls out what no feature parser reads: the list a message names, the person of
a loan, the thing a purchase question is about, the category of a budget question,
the period of "what's due". It is the fallback when the AI cannot serve, and it is
tested on a tuned and a held-out set of messages (`messages.py`).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mysphere_core import textparse

# intent -> the feature app that owns it
INTENT_FEATURES: dict[str, str | None] = {
    "log_expense": "expenses",
    "add_subscription": "subscriptions",
    "add_todo": "todos",
    "add_list_items": "lists",
    "record_loan": "lending",
    "record_repayment": "lending",
    "purchase_advice": "budgets",
    "budget_question": "budgets",
    "whats_due": "todos",
    "unknown": None,
}

_I = re.IGNORECASE
_AMOUNT = re.compile(
    rf"(?:{textparse.SYMBOL_RE})\s?\d[\d,]*(?:\.\d+)?"
    rf"|\d[\d,]*(?:\.\d+)?\s?(?:{textparse.SYMBOL_RE}|{textparse.CURRENCY_WORD_RE})?",
    _I,
)
_NAME = r"(?P<person>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)"

REPAYMENT = (
    re.compile(rf"\b{_NAME}\s+(?:paid|pays|gave)\s+(?:me\s+)?back\b"),
    re.compile(rf"\b{_NAME}\s+repaid\b"),
    re.compile(rf"\bI\s+(?:paid|repaid|gave)\s+{_NAME}\s+back\b", _I),
    re.compile(rf"\bpaid\s+{_NAME}\s+back\b"),
    re.compile(rf"\bgot\s+.*?\bback\s+from\s+{_NAME}"),
)
LOAN = (
    re.compile(rf"\b(?:lent|lend|loaned)\s+(?:to\s+)?{_NAME}"),
    re.compile(rf"\b(?:lent|loaned)\b.*?\bto\s+{_NAME}"),
    re.compile(rf"\bborrow(?:ed)?\b.*?\bfrom\s+{_NAME}"),
    re.compile(rf"\bI\s+owe\s+{_NAME}", _I),
    re.compile(rf"\b{_NAME}\s+owes\s+me\b"),
    re.compile(rf"\b{_NAME}\s+borrowed\b"),
)
PURCHASE = re.compile(
    r"^\s*(?:should|can|could|may)\s+i\s+(?:really\s+)?(?:buy|get|afford|purchase|"
    r"order|splurge\s+on)\b|\bworth\s+buying\b|\b(?:is\s+it\s+(?:ok|okay|wise|smart)"
    r"|is\s+now\s+a\s+good\s+time)\s+to\s+buy\b|\bcan\s+i\s+afford\b",
    _I,
)
BUDGET = re.compile(
    r"\bhow\s+much\s+(?:can|could|may|do|did|have)\s+i\b|\bbudget\b|\bleft\s+(?:to\s+"
    r"spend|in|for|this\s+month)\b|\bover\s*spen[dt]|\bspent\s+(?:so\s+far|this\s+"
    r"month)|\b(?:remaining|left)\s*\??$|\bon\s+track\b|\bsafe\s+to\s+spend\b",
    _I,
)
DUE = re.compile(
    r"\bwhat(?:'s|\s+is|\s+are|s)?\s+(?:\w+\s+)?(?:due|coming\s+up|renewing|upcoming)"
    r"|\b(?:any(?:thing)?|which\s+\w+)\s+(?:is\s+)?(?:due|renew\w*|coming\s+up)\b"
    r"|\bupcoming\b|\bdue\s+(?:today|tomorrow|this|next|soon)\b|\bmy\s+agenda\b"
    r"|\bwhat\s+do\s+i\s+have\s+(?:to\s+do\s+)?(?:today|tomorrow|this)",
    _I,
)
LIST_ADD = re.compile(
    r"^\s*(?:please\s+)?(?:add|put|pop|throw)\s+(?P<items>.+?)\s+(?:to|on|onto|in|"
    r"into)\s+(?:my|the|our)\s+(?P<list>[\w' -]+?)\s*list\b",
    _I,
)
LIST_NEED = re.compile(
    r"^\s*(?:we|i)\s+need\s+(?P<items>.+?)\s+(?:for|on)\s+(?:the|my|our)\s+"
    r"(?P<list>[\w' -]+?)\s*list\b",
    _I,
)
TODO = re.compile(
    r"^\s*(?:please\s+)?(?:remind\s+me|reminder|todo|to-do|to\s+do|task|add\s+(?:a\s+)"
    r"?(?:task|todo|to-do|reminder))\b|^\s*(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget"
    r"|^\s*i\s+(?:need|have|must|should|gotta|got)\s+to\b|^\s*i\s+must\b",
    _I,
)
SUBSCRIPTION_WORDS = re.compile(
    r"\bsubscri(?:be|bed|ption)\b|\bmembership\b|\bplan\b|\btrial\b", _I
)
CYCLE = re.compile(
    r"\b(?:monthly|yearly|annually|annual|weekly|quarterly|biweekly)\b|\b(?:per|a|"
    r"each|every)\s+(?:\d+\s+)?(?:month|year|week|quarter)s?\b|/\s*(?:mo|month|yr|year"
    r"|wk|week)\b",
    _I,
)
EXPENSE_VERBS = re.compile(
    r"\b(?:spent|spend|paid|pay|bought|buy|cost|costs|charged|ordered|got|grabbed|"
    r"tipped|refund(?:ed)?|expense)\b",
    _I,
)
# The words a budget question names a category by.
BUDGET_WORDS = tuple(
    (re.compile(rf"\b(?:{words})\b", _I), category)
    for words, category in (
        (
            r"food|dining|eating\s+out|restaurants?|takeaways?|take-?out",
            "Food & Dining",
        ),
        (r"groceries|grocery|supermarket", "Groceries"),
        (r"shopping|clothes|clothing", "Shopping"),
        (r"travel|trips?|holidays?|vacations?", "Travel"),
        (r"entertainment|fun|going\s+out|movies|games", "Entertainment"),
        (r"utilities|bills|electricity|water|internet", "Utilities"),
        (r"health|medical|pharmacy|doctor", "Health"),
        (r"education|school|courses?|books", "Education"),
    )
)
_FILLER = re.compile(r"^(?:(?:a|an|the|some|new|this|that|my)\s+)+", _I)
_AND = re.compile(r"\s*(?:,|\band\b|&|\+)\s*", _I)


@dataclass(frozen=True)
class Route:
    """What a message asks for: the intent, its feature, and the router's fields."""

    intent: str
    feature: str | None
    fields: dict[str, Any] = field(default_factory=dict)


def _route(intent: str, **fields: Any) -> Route:
    """A route with its feature, the empty fields left out."""
    kept = {k: v for k, v in fields.items() if v not in (None, "", [])}
    return Route(intent, INTENT_FEATURES[intent], kept)


def _amount_match(text: str) -> re.Match | None:
    """The first money-looking number of the text ("$500", "1,199", "12.50 EUR")."""
    for match in _AMOUNT.finditer(text):
        if re.search(r"\d", match.group(0)) and not _is_time_or_date(text, match):
            return match
    return None


def amount_in(text: str) -> Decimal | None:
    """The amount of the first money-looking number, or None."""
    match = _amount_match(text)
    if match is None:
        return None
    return textparse.to_decimal(re.sub(r"[^\d.]", "", match.group(0).replace(",", "")))


def _is_time_or_date(text: str, match: re.Match) -> bool:
    """A number that is a clock time, an ordinal day or a count of days/weeks."""
    after = text[match.end() : match.end() + 8].lower()
    return bool(
        re.match(r"\s*(?:am|pm|:\d|st\b|nd\b|rd\b|th\b|days?|weeks?|hours?|min)", after)
    )


def _person(patterns: tuple[re.Pattern, ...], text: str) -> str | None:
    """The person the first matching pattern names, or None when none matches."""
    for pattern in patterns:
        match = pattern.search(text)
        if match and match.group("person").lower() not in {"i", "me", "you"}:
            return match.group("person")
    return None


def _items(text: str) -> list[str]:
    """Items named as "milk, eggs and bread" (articles dropped)."""
    return [_FILLER.sub("", part).strip() for part in _AND.split(text) if part.strip()]


def _purchase(text: str) -> Route:
    """A "should I buy X?" question: the thing and its price."""
    thing = PURCHASE.sub("", text, count=1)
    match = _amount_match(thing)
    if match:
        before = re.sub(
            r"\b(?:for|at|costing)\s*$", "", thing[: match.start()], flags=_I
        )
        thing = before + " " + thing[match.end() :]
    thing = re.sub(
        r"\b(?:right\s+)?now\b|\btoday\b|\bthis\s+month\b", "", thing, flags=_I
    )
    thing = _FILLER.sub("", thing.strip(" ?!.,")).strip(" ?!.,")
    return _route("purchase_advice", item=thing, amount=amount_in(text))


def _budget_category(text: str) -> str | None:
    """The expense category a budget question names ("dining" -> Food & Dining):
    a category's own words first, else the expenses parser's vocabulary."""
    from expenses.vocabulary import category_scores

    for pattern, category in BUDGET_WORDS:
        if pattern.search(text):
            return category
    scores = category_scores(text)
    return max(scores, key=scores.get) if scores else None


def _due_period(text: str) -> str:
    """today, tomorrow, week (the default) or month."""
    lowered = text.lower()
    for period in ("today", "tomorrow", "month"):
        if period in lowered:
            return period
    return "week"


def route(text: str) -> Route:
    """The intent of one message, rules in order from the most specific."""
    text = " ".join(text.split())
    if not text:
        return _route("unknown")
    person = _person(REPAYMENT, text)
    if person:
        return _route("record_repayment", counterparty=person, amount=amount_in(text))
    person = _person(LOAN, text)
    if person:
        return _route("record_loan", counterparty=person, amount=amount_in(text))
    if PURCHASE.search(text):
        return _purchase(text)
    for pattern in (LIST_ADD, LIST_NEED):
        match = pattern.search(text)
        if match:
            name = match.group("list").strip().lower()
            items = _items(match.group("items"))
            return _route("add_list_items", list=name, items=items)
    if DUE.search(text):
        return _route("whats_due", period=_due_period(text))
    if BUDGET.search(text) and not _looks_like_expense(text):
        return _route("budget_question", category=_budget_category(text))
    if TODO.search(text):
        return _route("add_todo")
    return _money_route(text)


def _looks_like_expense(text: str) -> bool:
    """A statement of spending ("spent 40 on..."), not a question about the budget."""
    return bool(amount_in(text)) and not text.rstrip().endswith("?")


def _money_route(text: str) -> Route:
    """A message with an amount: a subscription (a cycle, a known service or the
    word) or an expense; without one, nothing the router understands."""
    from subscriptions.nlp_parser import detect_service

    amount = amount_in(text)
    if amount is None:
        return _route("unknown")
    service, _ = detect_service(text)
    recurring = CYCLE.search(text) or SUBSCRIPTION_WORDS.search(text)
    if recurring and (service or not EXPENSE_VERBS.search(text) or CYCLE.search(text)):
        return _route("add_subscription", amount=amount)
    if service and not EXPENSE_VERBS.search(text):
        return _route("add_subscription", amount=amount)
    return _route("log_expense", amount=amount)
