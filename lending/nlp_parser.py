"""The rule-based reader of loans and repayments: what users without an AI key get.

`parse_lending_text("lent Sam $20 for pizza, due Friday", today=..., ...)` reads
whether the sentence records a loan or a repayment, who owes whom (`direction`:
"lent" when the other person owes the user), the person, the amount and currency,
the day it happened, the due date and what it was for; None when it names no
amount. Dates and amounts come from the shared `mysphere_core.textparse`; the
sentence patterns (who did what to whom) live here.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mysphere_core import textparse
from mysphere_core.dates import month_end
from mysphere_core.money import CENT

AMOUNT_MARK = "#A#"
DATE_MARK = "#D#"

# --- amounts --------------------------------------------------------------------------

_MULTI_SYMBOLS = "|".join(
    re.escape(s)
    for s in sorted(textparse.CURRENCY_SYMBOLS, key=len, reverse=True)
    if len(s) > 1
)
_AMOUNT = re.compile(
    rf"(?:(?P<pre>(?<![a-z])(?:{_MULTI_SYMBOLS})|[{textparse.SYMBOL_CHARS}]"
    r"|\b[a-z]{3}\b)\s?)?"
    rf"(?P<num>{textparse.NUMBER_RE})(?P<k>k\b)?"
    rf"(?:\s?(?P<post>[{textparse.SYMBOL_CHARS}]|{textparse.CURRENCY_WORD_RE}"
    r"|[a-z]{3}\b))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Amount:
    """One amount found in the text: its value, currency (if written) and span."""

    value: Decimal
    currency: str | None
    start: int
    end: int


def _amounts(text: str, default_currency: str) -> list[_Amount]:
    """Every amount in the text (digits or words), with its currency when written."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = textparse.to_decimal(match.group("num"))
        if value is None:
            continue
        value *= 1000 if match.group("k") else 1
        pre = textparse.resolve_currency(match.group("pre"), default_currency)
        post = textparse.resolve_currency(match.group("post"), default_currency)
        start = match.start() if pre else match.start("num")
        end = match.end() if post else match.end("k" if match.group("k") else "num")
        found.append(_Amount(value, pre or post, start, end))
    for match in textparse.WORD_AMOUNT.finditer(text):
        number = textparse.words_to_number(match.group("words"))
        if number:
            currency = textparse.resolve_currency(match.group("unit"), default_currency)
            found.append(_Amount(Decimal(number), currency, match.start(), match.end()))
    return sorted(found, key=lambda a: a.start)


def _pick_amount(found: list[_Amount]) -> _Amount | None:
    """The first amount with a currency, else the first positive number."""
    positive = [a for a in found if a.value > 0]
    with_currency = [a for a in positive if a.currency]
    return (with_currency or positive or [None])[0]


# --- dates ----------------------------------------------------------------------------

_DUE_CUE = re.compile(
    r"(?:\bdue|\bby|\buntil|\btill|\bbefore|\bback|\breturn(?:ed)?|\brepay)\s*"
    r"(?:on\s+|the\s+)?$",
    re.IGNORECASE,
)
_EXTRA_DATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "due_weekday",
        re.compile(
            rf"\b(?:due|by|until|till|before)\s+(?P<weekday>{textparse.WEEKDAY_RE})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month_end",
        re.compile(
            r"\b(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<which>this\s+|next\s+)?month\b",
            re.IGNORECASE,
        ),
    ),
    (
        "for_units",
        re.compile(
            rf"\bfor\s+(?:a\s+)?(?P<n>{textparse.COUNT_RE})?\s*"
            r"(?P<unit>day|week|month|year)s?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "day_of_month",
        re.compile(r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE),
    ),
)
_DUE_KINDS = {"due_weekday", "month_end", "for_units"}


def _resolve(mention: textparse.DateMention, today: date, prefer: str) -> date | None:
    """The day a shared or lending-specific date phrase stands for."""
    g = mention.groups
    if mention.kind == "due_weekday":
        weekday = textparse.WEEKDAYS[g["weekday"].lower()]
        return textparse.weekday_date(today, weekday, forward=True, strict=True)
    if mention.kind == "month_end":
        which = (g.get("which") or "").strip().lower()
        return month_end(
            textparse.shift(today, 1, "month") if which == "next" else today
        )
    if mention.kind == "for_units":
        return textparse.shift(today, textparse.count_value(g.get("n")), g["unit"])
    if mention.kind == "day_of_month":
        day = int(g["d"])
        options = [
            textparse.safe_date(d.year, d.month, day)
            for d in (textparse.shift(today, k, "month") for k in (-1, 0, 1))
        ]
        options = [d for d in options if d]
        if not options:
            return None
        if prefer == "future":
            return min([d for d in options if d >= today] or options)
        return max([d for d in options if d <= today] or options)
    return textparse.resolve_date(mention, today, prefer)


def _dates(
    text: str, today: date
) -> tuple[date | None, date | None, list[tuple[int, int]]]:
    """(the day it happened, the due date, the spans of every date phrase)."""
    mentions = textparse.find_dates(
        text,
        today,
        patterns=(*textparse.DATE_PATTERNS, *_EXTRA_DATES),
        resolve=_resolve,
    )
    happened = due = None
    for mention in mentions:
        is_due = mention.kind in _DUE_KINDS or _DUE_CUE.search(text[: mention.start])
        if is_due and due is None:
            due = _resolve(mention, today, "future")
        elif not is_due and happened is None:
            happened = _resolve(mention, today, "past")
    return happened, due, [(m.start, m.end) for m in mentions]


# --- who did what ---------------------------------------------------------------------

_NAME = r"(?:(?i:my|our)\s+)?(?P<name>[A-Z][\w'.-]*(?:\s+[A-Z][\w'-]+)?|[a-z][\w'.-]*)"
_AMT = rf"(?:{AMOUNT_MARK}\s+)?"
# (pattern, kind, direction): the first rule whose name is a person wins.
_RULES: tuple[tuple[str, str, str], ...] = (
    (
        rf"{_NAME}\s+(?i:has\s+)?(?i:paid|pays|sent|gave|handed|transferred|venmoed)\s+(?i:me)\s+{_AMT}(?i:back)\b",
        "repayment",
        "lent",
    ),
    (rf"{_NAME}\s+(?i:paid|sent|gave|handed)\s+{_AMT}(?i:back)\b", "repayment", "lent"),
    (
        rf"{_NAME}\s+(?i:repaid|returned|reimbursed|refunded|settled|paid\s+off)\b",
        "repayment",
        "lent",
    ),
    (
        rf"\b(?i:got|received|gotten)\s+{_AMT}(?i:back)\s+(?i:from)\s+{_NAME}",
        "repayment",
        "lent",
    ),
    (rf"{_NAME}\s+(?i:paid)\s+(?i:me)\b", "repayment", "lent"),
    (
        rf"\b(?i:paid|sent|gave|handed|returned)\s+{_NAME}\s+{_AMT}(?i:back)\b",
        "repayment",
        "borrowed",
    ),
    (
        rf"\b(?i:paid|pay|gave|sent)\s+(?i:back)\s+{_AMT}(?i:to\s+)?{_NAME}",
        "repayment",
        "borrowed",
    ),
    (rf"\b(?i:repaid|reimbursed|paid\s+off)\s+{_NAME}", "repayment", "borrowed"),
    (rf"\b(?i:returned|repaid)\s+{_AMT}(?i:to)\s+{_NAME}", "repayment", "borrowed"),
    (rf"{_NAME}\s+(?i:owes|owe)\s+(?i:me)\b", "loan", "lent"),
    (rf"\b(?i:owe)\s+{_NAME}", "loan", "borrowed"),
    (rf"{_NAME}\s+(?i:owes)\b", "loan", "lent"),
    (
        rf"{_NAME}\s+(?i:lent|loaned|lend|lends|gave|spotted|fronted|advanced|sent)\s+(?i:me)\b",
        "loan",
        "borrowed",
    ),
    (
        rf"{_NAME}\s+(?i:covered|paid\s+for|got|bought|treated\s+me\s+to)\s+(?i:my|me)\b",
        "loan",
        "borrowed",
    ),
    (rf"{_NAME}\s+(?i:borrowed|borrows)\b", "loan", "lent"),
    (rf"\b(?i:borrowed|borrow)\s+{_AMT}(?i:from|off|of)\s+{_NAME}", "loan", "borrowed"),
    (rf"\b(?i:borrowed|borrow)\s+{_NAME}'s\b", "loan", "borrowed"),
    (
        rf"\b(?i:lent|loaned|lend|loan|gave|give|spotted|fronted|advanced|sent|handed|owe)\s+{_AMT}(?i:to)\s+{_NAME}",
        "loan",
        "lent",
    ),
    (
        rf"\b(?i:lent|loaned|lend|loan|gave|give|spotted|fronted|advanced|sent|handed|venmoed)\s+{_NAME}",
        "loan",
        "lent",
    ),
    (rf"\b(?i:covered|paid\s+for|bought|got)\s+{_NAME}'s\b", "loan", "lent"),
    (rf"\b(?i:covered|paid\s+for)\s+{_NAME}", "loan", "lent"),
    (rf"\b(?i:got|received|took)\s+{_AMT}(?i:from|off)\s+{_NAME}", "loan", "borrowed"),
)
_COMPILED = tuple((re.compile(p), kind, direction) for p, kind, direction in _RULES)
_NOT_NAMES = frozenset(
    """i me you he she we they him her us them it my our your his their back for
    to from a an the some money cash just also then so ok and but yesterday today
    tomorrow last next this that on in at of off with what who lent borrowed paid
    gave owe owes got received returned repaid dollars bucks all up by due
    until""".split()  # noqa: SIM905 - a word table reads better than a list
)
_GENERIC_NAME = re.compile(r"(?<![\w#])[A-Z][a-z][\w'-]*")


def _clean_person(raw: str) -> str | None:
    """The person's name as shown ("sam's" -> "Sam"), or None for a non-name."""
    name = re.sub(r"(?:'s|')$", "", raw.strip().rstrip(".,"))
    if not name or name.lower() in _NOT_NAMES or "#" in name:
        return None
    if name.lower() in textparse.MONTHS or name.lower() in textparse.WEEKDAYS:
        return None
    return name if any(c.isupper() for c in name) else name.title()


# "pay (it) back by Friday" is a due date, not a repayment.
_PAY_BACK_BY = re.compile(
    r"\b(?:to\s+)?(?:pay|paying|give|return)\s+(?:it\s+|me\s+|them\s+|him\s+|her\s+)?"
    rf"back\s+(?=(?:by|on|before|until|in|within|next|{DATE_MARK})\b)",
    re.IGNORECASE,
)


def _who(masked: str) -> tuple[str, str, str | None, bool]:
    """(kind, direction, person, whether a sentence pattern matched)."""
    masked = _PAY_BACK_BY.sub("", masked)
    for pattern, kind, direction in _COMPILED:
        for match in pattern.finditer(masked):
            person = _clean_person(match.group("name"))
            if person:
                return kind, direction, person, True
    for match in _GENERIC_NAME.finditer(masked):
        person = _clean_person(match.group())
        if person and person.lower() not in textparse.CURRENCY_WORDS:
            return "loan", "lent", person, False
    return "loan", "lent", None, False


# --- what for -------------------------------------------------------------------------

_FOR = re.compile(
    r"\bfor\s+(?!#)(?P<what>[^,.;#!?]+?)\s*(?=,|;|\.|!|\?|#|$|\b(?:due|by|until|till|"
    r"and\s+(?:he|she|they)|from|to|last|next|yesterday|today|on)\b)",
    re.IGNORECASE,
)
_POSSESSED = re.compile(
    r"'s\s+(?P<what>(?!#)[a-z][a-z -]*?)(?=\s*(?:,|;|\.|#|$|\bfor\b|\bdue\b))"
)
_LEADING = re.compile(r"^(?:the|a|an|my|our|his|her|their|some)\s+", re.IGNORECASE)


def _description(masked: str) -> str:
    """What it was for: "for pizza", or the thing in "covered Sam's ticket"."""
    match = _FOR.search(masked) or _POSSESSED.search(masked)
    if not match:
        return ""
    what = _LEADING.sub("", match.group("what").strip())
    return "" if what.lower() in _NOT_NAMES else what[:500]


# --- the whole sentence ---------------------------------------------------------------


def _masked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with each span replaced by its mark (amounts and dates)."""
    out, last = [], 0
    for start, end, mark in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(mark)
        last = end
    out.append(text[last:])
    return "".join(out)


def mentions_amount(text: str) -> bool:
    """True when the text names some positive amount (checked before any AI call)."""
    found = _amounts(" ".join(textparse.ascii_digits(text).split()), "USD")
    return _pick_amount(found) is not None


def parse_lending_text(
    text: str, *, today: date, default_currency: str
) -> dict[str, Any] | None:
    """The loan or repayment one sentence describes, or None with no amount."""
    text = " ".join(textparse.ascii_digits(text).split())
    happened, due, date_spans = _dates(text, today)
    amounts = [
        a
        for a in _amounts(text, default_currency)
        if not any(s < a.end and a.start < e for s, e in date_spans)
    ]
    amount = _pick_amount(amounts)
    if amount is None:
        return None
    spans = [(s, e, DATE_MARK) for s, e in date_spans]
    spans.append((amount.start, amount.end, AMOUNT_MARK))
    masked = _masked(text, spans)
    kind, direction, person, matched = _who(masked)
    happened = happened or today
    return {
        "kind": kind,
        "direction": direction,
        "counterparty": person or "",
        "amount": amount.value.quantize(CENT, rounding=ROUND_HALF_UP),
        "currency": amount.currency or default_currency,
        "date": happened,
        "due_date": due if due and due >= happened and kind == "loan" else None,
        "description": _description(masked),
        "confidence": round(
            0.4 + 0.25 * bool(person) + 0.25 * matched + 0.1 * bool(amount.currency), 2
        ),
    }
