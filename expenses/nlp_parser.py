"""The rule-based expense parser: what every user without an AI key gets.

`parse_expense_text("Coffee at Starbucks for $4.75 yesterday", today=..., ...)` reads
the amount and its currency, the day (relative to the user's today), the vendor, the
category and the payment method of one expense, or returns None when the text names
no amount. `impossible_date` names a date-like phrase that is no real day
("2025-02-29"), or None. The words it knows (category keywords, brands, and
`detect_category`, the keyword scorer) are in `vocabulary.py`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from expenses.vocabulary import (
    BRANDS,
    KEYWORDS,
    TERMS,
    as_brand,
    category_scores,
    detect_category,
)
from mysphere_core import textparse

# --- amounts --------------------------------------------------------------------------

_UNITS = (
    r"nights?|days?|weeks?|months?|years?|hours?|hrs?|h|mins?|minutes?|people|persons?|"
    r"guests?|adults?|kids?|items?|pcs|pieces?|pack|kg|kgs|g|lbs?|oz|km|kms|miles?|mi|"
    r"l|litres?|liters?|gallons?|gal|x|am|pm|st|nd|rd|th|percent|pct|stars?|floors?|"
    r"seats?|rooms?|slices?|pairs?"
)
_MULTI_SYMBOLS = "|".join(
    re.escape(s)
    for s in sorted(textparse.CURRENCY_SYMBOLS, key=len, reverse=True)
    if len(s) > 1
)
_PREFIX = (
    rf"(?P<pre>(?<![a-z])(?:{_MULTI_SYMBOLS})|[{textparse.SYMBOL_CHARS}]"
    r"|\b[a-z]{3}\b)"
)
_SUFFIX = (
    rf"(?P<post>[{textparse.SYMBOL_CHARS}]|{textparse.CURRENCY_WORD_RE}|cents?"
    r"|[a-z]{3}\b)"
)
_AMOUNT = re.compile(
    rf"(?:{_PREFIX}\s?)?(?P<num>{textparse.NUMBER_RE})(?P<k>k\b)?(?:\s?{_SUFFIX})?",
    re.IGNORECASE,
)
_TOO_LONG = Decimal("1e10")  # phone or card numbers, not prices
# Times of day, valid or not: 7:30, 10:30:45.5, 10:30am, 7 pm, 10.45 p.m.
_TIME = re.compile(
    r"\b\d{1,2}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?(?:\s?[ap]\.?m\b\.?)?"
    r"|\b\d{1,2}(?:\.\d{2})?\s?[ap]\.?m\b\.?",
    re.IGNORECASE,
)
_COUNT_UNIT = re.compile(rf"^\s?(?:%|(?:{_UNITS})\b)", re.IGNORECASE)
# Phone numbers: +1 555 123 4567, (555) 123-4567, 555-123-4567, and digits after
# "tel", "phone", "call"... (no "." there: "phone 1299.99" is a price).
_PHONE = re.compile(
    r"\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
    r"|\(\d{2,4}\)\s?\d{3,4}[\s.-]?\d{3,4}"
    r"|\b\d{2,4}(?:[.-]\d{2,4}){2,}\b"
    r"|\b(?:tel|phone|ph|call|mobile|mob|cell|whatsapp|fax)\b[.:]?\s*\+?\d[\d\s()-]{5,}\d",
    re.IGNORECASE,
)
# A quantity written next to a price: "2 x 4.50", "4.50 x2", "3 × $7".
_QTY_BEFORE = re.compile(r"(?<![\w.,])(?P<q>\d{1,2})\s?[x×*]\s?$", re.IGNORECASE)
_QTY_AFTER = re.compile(r"^\s?[x×*]\s?(?P<q>\d{1,2})(?!\w|[.,]\d)", re.IGNORECASE)
_MONEY_CUES = re.compile(
    r"(?:\bfor|\bspent|\bspend|\bpaid|\bpay|\bcost|\bcosts|\bcosting|\bwas|\bof|"
    r"\btotal|\bprice|\bat|=|:|,)\s*$",
    re.IGNORECASE,
)

# --- dates ----------------------------------------------------------------------------

# A number right after these is money, not a year ("paid in 2000 dollars").
_MONEY_AFTER = (
    rf"\s?(?:{textparse.CURRENCY_WORD_RE}|cents?\b|[{textparse.SYMBOL_CHARS}]"
    r"|(?-i:[A-Z]{3})\b)"
)
# Beyond the shared date phrases: "03/04/2026" (order by the currency's habit, see
# `_resolver`), "on the 5th" (the latest 5th not after today) and a year alone ("in
# 2025", "in the year 1850", "year 2024": the latest day of that year not after today).
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    textparse.DATE_PATTERNS[0],
    (
        "numeric",
        re.compile(
            r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b"
        ),
    ),
    *textparse.DATE_PATTERNS[1:],
    (
        "day_of_month",
        re.compile(r"\bon the (?P<d>\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE),
    ),
    (
        "year",
        re.compile(
            r"\b(?:(?:in|during)\s+(?:the\s+)?(?:year\s+)?|year\s+)(?P<y>[12]\d{3})\b"
            rf"(?![.,/-]\d|{_MONEY_AFTER})",
            re.IGNORECASE,
        ),
    ),
)


# --- vendors --------------------------------------------------------------------------

_VENDOR_CUE = re.compile(r"(?:\b(?:at|from|via|@)\s+|@)", re.IGNORECASE)
_VENDOR_ON = re.compile(r"\bon\s+", re.IGNORECASE)
_VENDOR_STOP = {
    "for",
    "on",
    "in",
    "to",
    "with",
    "and",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "ago",
    "paid",
    "using",
    "by",
    "via",
    "at",
    "from",
    "near",
    "around",
    "after",
    "before",
    "during",
    "because",
    "cost",
    "costs",
    "was",
    "were",
    "is",
    "the",
    "of",
}
_NOT_NAMES = {
    "a",
    "an",
    "my",
    "our",
    "his",
    "her",
    "their",
    "some",
    "home",
    "work",
    "office",
    "school",
    "airport",
    "mall",
    "store",
    "station",
    "restaurant",
    "cafe",
    "café",
    "bar",
    "pub",
    "supermarket",
    "market",
    "gym",
    "hospital",
    "pharmacy",
    "cinema",
    "hotel",
    "park",
    "beach",
    "noon",
    "night",
    "lunch",
    "dinner",
    "breakfast",
    "lunchtime",
    "least",
    "once",
    "all",
    "me",
    "us",
    "them",
    "friends",
}

_PAYMENT_WORDS = [
    ("bank_transfer", r"bank transfer|wire transfer|direct debit|transferred|\bach\b"),
    (
        "mobile",
        r"venmo|paypal|apple pay|google pay|gpay|\bupi\b|paytm|phonepe|zelle|cash app"
        r"|samsung pay|alipay|wechat pay|revolut",
    ),
    ("cash", r"\bcash\b"),
    (
        "card",
        r"credit card|debit card|\bcard\b|\bcredit\b|\bdebit\b|mastercard|\bamex\b"
        r"|visa card",
    ),
]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


@dataclass
class _Candidate:
    amount: Decimal
    currency: str | None
    start: int
    end: int
    score: int


def _amount_candidates(
    text: str, blocked: list[_Span], default_currency: str
) -> list[_Candidate]:
    """Every number that could be the price, scored by how price-like it looks."""
    candidates = [
        candidate
        for match in _AMOUNT.finditer(text)
        if (candidate := _numeric_candidate(text, match, blocked, default_currency))
    ]
    for match in textparse.WORD_AMOUNT.finditer(text):
        number = textparse.words_to_number(match.group("words"))
        if number:
            currency = textparse.resolve_currency(match.group("unit"), default_currency)
            candidates.append(
                _Candidate(Decimal(number), currency, match.start(), match.end(), 11)
            )
    return candidates


def _numeric_candidate(
    text: str, match: re.Match, blocked: list[_Span], default_currency: str
) -> _Candidate | None:
    """The amount a number match could be, or None when it cannot be a price."""
    start, end = match.span("num")
    if any(span.overlaps(start, end) for span in blocked):
        return None
    before, after = text[: match.start()], text[match.end() :]
    if before[-1:].isalnum() or before[-1:] in ("-", "/", "#"):
        return None
    value = textparse.to_decimal(match.group("num"))
    if value is None or value >= _TOO_LONG:
        return None
    if re.fullmatch(r"\d{7,}", match.group("num")) and not match.group("pre"):
        return None  # an order, account or phone number, not a price
    if match.group("k"):
        value *= 1000
    value, pre, post = _match_currency(match, value, default_currency)
    if not (pre or post) and _bare_number_is_no_price(text, match, after):
        return None
    currency = pre or post
    score = _price_score(match.group("num"), value, currency, before, after)
    first = match.start("pre") if pre else start
    last = match.end("post") if post else (match.end("k") if match.group("k") else end)
    count, first, last = _quantity(text, first, last)
    return _Candidate(value * count, currency, first, last, score)


def _quantity(text: str, start: int, end: int) -> tuple[int, int, int]:
    """The quantity written right next to a price ("2 x 4.50", "4.50 x2"; else 1)
    and the price's span widened to take it in."""
    if before := _QTY_BEFORE.search(text[:start]):
        return int(before.group("q")), before.start(), end
    if after := _QTY_AFTER.match(text[end:]):
        return int(after.group("q")), start, end + after.end()
    return 1, start, end


def _match_currency(
    match: re.Match, value: Decimal, default_currency: str
) -> tuple[Decimal, str | None, str | None]:
    """The value and the currencies named before and after it ("50 cents" is 0.50)."""
    pre = textparse.resolve_currency(match.group("pre"), default_currency)
    post_word = (match.group("post") or "").lower()
    post = textparse.resolve_currency(match.group("post"), default_currency)
    if post_word.startswith("cent"):
        value, post = value / 100, textparse.resolve_currency("$", default_currency)
    return value, pre, post


def _bare_number_is_no_price(text: str, match: re.Match, after: str) -> bool:
    """True for a number without currency that counts things ("2 nights") or runs
    into a word ("3rd")."""
    suffixed = match.group("post") or match.group("k")
    bare_after = text[match.end("num") :] if not suffixed else ""
    if _COUNT_UNIT.match(bare_after):
        return True
    return not match.group("k") and after[:1].isalnum()


def _price_score(
    num: str, value: Decimal, currency: str | None, before: str, after: str
) -> int:
    """How price-like a number looks: a currency, cents, money words around it."""
    score = 10 if currency else 0
    if re.search(r"[.,]\d{2}$", num):
        score += 3
    if _MONEY_CUES.search(before):
        score += 2
    if re.match(r"\s*(?:for|on)\b", after, re.IGNORECASE):
        score += 2
    if not currency and value < 10 and "." not in num and re.match(r"\s+[a-z]", after):
        score -= 3
    return score


_JOINED = re.compile(r"\b(?:and|plus)\b|[+&,]", re.IGNORECASE)
_NOT_JOINED = re.compile(
    r"\b(?:now|was|instead|reduced|down|off|discount|saved?|from|to|for|of|per)\b",
    re.IGNORECASE,
)


def _pick_amount(
    text: str, blocked: list[_Span], default_currency: str
) -> _Candidate | None:
    """The most price-like candidate (the later one wins a tie).

    Several prices in one currency joined by "and" / "+" / "," are one expense
    ("Sandwich $7 and chips $2" is 9.00).
    """
    candidates = [
        c for c in _amount_candidates(text, blocked, default_currency) if c.amount > 0
    ]
    if not candidates:
        return None
    best = max(reversed(candidates), key=lambda c: c.score)
    priced = sorted(
        (c for c in candidates if c.currency == best.currency and c.currency),
        key=lambda c: c.start,
    )
    joined = len(priced) > 1 and all(
        _JOINED.search(text[a.end : b.start])
        and not _NOT_JOINED.search(text[a.end : b.start])
        for a, b in zip(priced, priced[1:], strict=False)
    )
    if joined:
        total = sum((c.amount for c in priced), Decimal("0"))
        return _Candidate(total, best.currency, priced[0].start, priced[-1].end, 0)
    return best


def impossible_date(
    text: str, *, today: date, default_currency: str = "USD"
) -> str | None:
    """The `date_error` `parse_expense_text` would report for `text` ("2025-02-29 is
    not a real date"), or None; cheap enough to check before asking the AI."""
    shown = " ".join(text.replace("’", "'").split())
    month_first = default_currency == "USD"
    return _find_date(textparse.ascii_digits(shown), today, month_first, shown).error


def mentions_amount(text: str) -> bool:
    """True when the text has a digit or a spelled-out amount (cheap pre-check)."""
    return bool(re.search(r"\d", text) or textparse.WORD_AMOUNT.search(text))


# --- date parsing ---------------------------------------------------------------------


def _resolver(month_first: bool) -> Callable[[textparse.DateMention, date, str], Any]:
    """Resolve the shared date phrases and this parser's own two.

    "12/03/2026" is read in the currency's order (month first for USD; dotted dates
    like 05.11.2026 are always day first) unless only the other order is a real
    day, or that reading is after today and the other is not (on 2026-11-22 a USD
    user's 12/03/2026 is 12 March, not 3 December). A two-digit year is the nearest
    such year not after today's (12/31/99 is 1999).
    """

    def resolve(mention: textparse.DateMention, today: date, prefer: str) -> Any:
        groups = mention.groups
        if mention.kind == "numeric":
            a, b, year = int(groups["a"]), int(groups["b"]), int(groups["y"])
            if len(groups["y"]) == 2:
                year = textparse.full_year(year, today)
            preferred = textparse.safe_date(year, a, b)
            other = textparse.safe_date(year, b, a)
            if not month_first or groups["sep"] == ".":
                preferred, other = other, preferred
            if preferred is None or (other and other <= today < preferred):
                return other
            return preferred
        if mention.kind == "day_of_month":
            day = int(groups["d"])
            this_month = textparse.safe_date(today.year, today.month, day)
            if this_month and this_month <= today:
                return this_month
            previous = today.replace(day=1) - timedelta(days=1)
            return textparse.safe_date(previous.year, previous.month, day)
        if mention.kind == "year":
            return _year_date(int(groups["y"]), today)
        return textparse.resolve_date(mention, today, prefer)

    return resolve


def _year_date(year: int, today: date) -> date:
    """A year alone: today in this year, else the day of `year` nearest today."""
    if year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


@dataclass
class _FoundDate:
    day: date | None
    error: str | None
    spans: list["_Span"]


def _find_date(text: str, today: date, month_first: bool, shown: str) -> _FoundDate:
    """The first date the text (in ASCII digits) names (in the past when it could be
    either), an error naming a date-like phrase that is no real day ("2025-02-29",
    as written in `shown`, the text before `ascii_digits`), and the spans of every
    date-like phrase and time of day (so none is read as a price)."""
    resolve = _resolver(month_first)
    impossible: list[textparse.DateMention] = []

    def noting_impossible(
        mention: textparse.DateMention, today: date, prefer: str
    ) -> Any:
        day = resolve(mention, today, prefer)
        if day is None:
            impossible.append(mention)
        return day

    mentions = textparse.find_dates(
        text, today, patterns=_DATE_PATTERNS, resolve=noting_impossible
    )
    impossible = [
        bad
        for bad in impossible
        if not any(bad.start < m.end and m.start < bad.end for m in mentions)
    ]
    spans = [_Span(m.start, m.end) for m in (*mentions, *impossible)]
    spans.extend(_Span(*match.span()) for match in _TIME.finditer(text))
    found = resolve(mentions[0], today, "past") if mentions else None
    error = None
    if impossible:
        first = min(impossible, key=lambda m: m.start)
        phrase = re.sub(r"^on\s+", "", shown[first.start : first.end], flags=re.I)
        error = f"{phrase} is not a real date"
    return _FoundDate(found, error, spans)


# --- vendors and categories -----------------------------------------------------------


def _brand_in(phrase: str) -> str | None:
    """The display name of the brand the phrase is (any case), or None."""
    brand = BRANDS.get(phrase.lower().strip(" .,!"))
    return brand[0] if brand else None


def _name_after(text: str, start: int, blocked: list[_Span]) -> str | None:
    """The name starting at `start` (up to four words), if it looks like one."""
    words = _name_words(text, start, blocked)
    if not words or words[0].lower() in _NOT_NAMES:
        return None
    phrase = " ".join(words)
    brand = _brand_in(phrase)
    if brand:
        return brand
    if all(w.lower() in _NOT_NAMES or w.lower() in KEYWORDS for w in words):
        return None
    if not words[0][:1].isupper():
        return None
    return phrase


def _name_words(text: str, start: int, blocked: list[_Span]) -> list[str]:
    """The (up to four) words from `start` that may form a name."""
    words: list[str] = []
    for match in re.finditer(r"[\w&'.+-]+", text[start:]):
        word = match.group(0).rstrip(".")
        absolute = start + match.start()
        if _ends_name(text, word, absolute, blocked, words):
            break
        if word.lower() == "the" and not words:
            continue
        if _is_money_word(word):
            break
        words.append(word)
        gap = text[start + match.end() : start + match.end() + 2]
        if len(words) == 4 or gap[:1] in (",", ";", "!", "?", ":"):
            break
    return words


def _ends_name(
    text: str, word: str, absolute: int, blocked: list[_Span], words: list[str]
) -> bool:
    """True when `word` (at `absolute`) cannot continue the name read so far."""
    if any(span.overlaps(absolute, absolute + len(word)) for span in blocked):
        return True
    if not words:
        return False
    return text[absolute - 1 : absolute] in (",", ";", "(") or (
        word.lower() in _VENDOR_STOP
    )


def _is_money_word(word: str) -> bool:
    """A number, a currency word or a currency symbol: never part of a name."""
    return bool(
        re.fullmatch(r"[\d.,]+", word)
        or textparse.resolve_currency(word, "USD")
        or re.match(r"[$€£₹¥]", word)
    )


def _find_vendor(text: str, blocked: list[_Span]) -> str:
    """After 'at', 'from', 'via' or '@'; 'on <Name>'; else a known brand anywhere."""
    for match in _VENDOR_CUE.finditer(text):
        rest = text[match.end() :]
        if match.group(0).lower().startswith("from") and re.match(
            r"[\w' ]+?\s+to\s+", rest
        ):
            continue
        name = _name_after(text, match.end(), blocked)
        if name:
            return name
    for match in _VENDOR_ON.finditer(text):
        name = _name_after(text, match.end(), blocked)
        if name and (_brand_in(name) or name[:1].isupper()):
            if (
                name.lower() in textparse.WEEKDAYS
                or name.lower()[:3] in textparse.MONTHS
            ):
                continue
            return name
    for match in TERMS.finditer(text):
        brand = as_brand(match.group(0), text[: match.start()])
        if brand:
            return brand[0]
    return ""


_REFUND = re.compile(
    r"\brefund(?:s|ed)?\b|\breturned\s+for\b|\bmoney\s+back\b"
    r"|\breimburse(?:d|ment|ments)?\b",
    re.IGNORECASE,
)


def _payment_method(text: str) -> str:
    for method, pattern in _PAYMENT_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return method
    return "other"


# --- the parser -----------------------------------------------------------------------


def parse_expense_text(
    text: str, *, today: date, default_currency: str = "USD"
) -> dict[str, Any] | None:
    """Amount, currency, date, vendor, category, payment method, expense type
    ("refund" when the text says refund(ed), returned for, money back or
    reimbursed, else "expense") and a confidence.

    Returns None when the text names no amount. Dates without a year take the
    latest such day not after `today`; "$" means the user's currency when it is a
    dollar, else USD; day/month order in 03/04/2026 follows the currency's habit
    (month first for USD) unless that reading is in the future and the other is
    not. A date-like phrase that is no real day ("2025-02-29") adds `date_error`
    (e.g. "2025-02-29 is not a real date"); `date` is then today, so callers must
    check `date_error` before using it.
    """
    shown = " ".join(text.replace("’", "'").split())
    if not shown:
        return None
    text = textparse.ascii_digits(shown)
    found = _find_date(text, today, default_currency == "USD", shown)
    parsed_date = found.day
    blocked = [*found.spans, *(_Span(*m.span()) for m in _PHONE.finditer(text))]
    amount = _pick_amount(text, blocked, default_currency)
    if amount is None:
        return None
    vendor = _find_vendor(text, [*blocked, _Span(amount.start, amount.end)])
    scores = category_scores(text)
    category = detect_category(text)
    confidence = 0.45
    confidence += 0.15 if amount.currency else 0.0
    confidence += 0.2 if scores else 0.0
    confidence += 0.1 if vendor else 0.0
    confidence += 0.05 if parsed_date else 0.0
    parsed: dict[str, Any] = {
        "amount": amount.amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        "currency": amount.currency or default_currency,
        "category": category,
        "vendor": vendor,
        "date": parsed_date or today,
        "payment_method": _payment_method(text),
        "expense_type": "refund" if _REFUND.search(text) else "expense",
        "confidence": round(min(confidence, 0.95), 2),
    }
    if found.error:
        parsed["date_error"] = found.error
    return parsed
