"""Reading amounts, currencies, number words and dates out of free text.

The building blocks the features' rule-based parsers share (expenses, subscriptions):
what a currency symbol, word or code stands for, how "1.250,00" or "twenty five" reads
as a number, and which day "yesterday", "3 weeks ago", "last Friday", "2026-01-05",
"Jan 5 2026" or "5th of January" mean relative to the user's `today`. What a feature
makes of them (which number is the price, which date is the start) stays in the
feature's own parser.
"""

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from mysphere_core.money import ISO_4217_CODES

# --- digits ---------------------------------------------------------------------------

# Separators of other numeral systems, as the ASCII ones: the Arabic decimal (٫) and
# thousands (٬) separators and the full-width full stop and comma.
_SEPARATORS = {"٫": ".", "٬": ",", "．": ".", "，": ","}


def ascii_digits(text: str) -> str:
    """`text` with every Unicode decimal digit (٤, ۴, ४, ４...) as its ASCII digit
    and the Arabic and full-width separators as "." and ","; same length, so
    positions found in the result hold in `text`."""
    if text.isascii():
        return text
    return "".join(
        _SEPARATORS.get(char)
        or (str(unicodedata.decimal(char)) if char.isdecimal() else char)
        for char in text
    )


_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def plain_number(text: str) -> str | None:
    """A number as an API field takes it: ASCII decimal notation ("12", "-5", "4.75");
    None for what `Decimal` reads but an API does not take ("1_000", "1e3", "NaN",
    other scripts' digits such as "٤٫٧٥": free text is where those are read)."""
    number = text.strip()
    return number if _PLAIN_NUMBER.fullmatch(number) else None


# --- number words ---------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A count in "3 days ago", "every two weeks", "a 14-day trial": digits or a word 1-30.
COUNT_RE = r"\d{1,3}|" + _alternation(
    w for w, n in NUMBER_WORDS.items() if 1 <= n <= 30
)
# Words that make up a spelled-out number ("two thousand and fifty").
NUMBER_WORD_RE = _alternation([*NUMBER_WORDS, "hundred", "thousand", "and"])


def count_value(token: str | None) -> int:
    """`"3"`, `"three"`, `"a"` -> the count; None (no count written) -> 1."""
    if token is None:
        return 1
    token = token.lower()
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def words_to_number(words: str) -> int | None:
    """'twenty five' -> 25, 'a hundred' -> 100, 'two thousand and fifty' -> 2050."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower().strip()):
        if word in ("", "and"):
            continue
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
            seen = True
    return total + current if seen else None


# --- amounts and currencies -----------------------------------------------------------

# "$" and "¥" are placeholders: which dollar or yen depends on the user's currency.
CURRENCY_SYMBOLS: dict[str, str] = {
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "s$": "SGD",
    "hk$": "HKD",
    "r$": "BRL",
    "$": "$",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "¥": "¥",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₱": "PHP",
    "₦": "NGN",
    "฿": "THB",
    "₫": "VND",
    "₪": "ILS",
    "rs.": "INR",
    "rs": "INR",
    "zł": "PLN",
    "kr": "SEK",
}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "$",
    "dollars": "$",
    "buck": "$",
    "bucks": "$",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "rupee": "INR",
    "rupees": "INR",
    "yen": "JPY",
    "yuan": "CNY",
    "rmb": "CNY",
    "pesos": "MXN",
    "francs": "CHF",
}
DOLLAR_CURRENCIES = frozenset(
    {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD", "JMD"}
)
# ISO codes that are also English words ("all", "try", "cup") count only in capitals.
SAFE_LOWER_CODES = frozenset(
    {
        "usd",
        "eur",
        "gbp",
        "inr",
        "cad",
        "aud",
        "jpy",
        "chf",
        "cny",
        "sek",
        "nok",
        "dkk",
        "nzd",
        "sgd",
        "hkd",
        "mxn",
        "brl",
        "zar",
        "aed",
        "krw",
        "pln",
    }
)
SYMBOL_RE = _alternation(CURRENCY_SYMBOLS)
# The one-character symbols, as a character class body.
SYMBOL_CHARS = "".join(s for s in CURRENCY_SYMBOLS if len(s) == 1)
CURRENCY_WORD_RE = _alternation(CURRENCY_WORDS)
# 1,250.00 | 1.250,00 | 12,99 | 12.5 | 12 (and ٤٫٧٥, ١٬٢٥٠٫٠٠: see `ascii_digits`)
NUMBER_RE = (
    r"\d{1,3}(?:[,٬，]\d{3})+(?:[.٫．]\d{1,2})?|\d{1,3}(?:\.\d{3})+,\d{1,2}"
    r"|\d+(?:[.,٫．，]\d{1,2})?"
)
WORD_AMOUNT = re.compile(
    rf"\b(?P<words>(?:(?:{NUMBER_WORD_RE})[\s-]+)+)(?P<unit>{CURRENCY_WORD_RE})\b",
    re.IGNORECASE,
)


def resolve_currency(marker: str | None, default: str) -> str | None:
    """The ISO code a symbol, word or code stands for (None if it is not money).

    "$" and dollar words mean the user's `default` when it is a dollar, else USD;
    "¥" means CNY for CNY users, else JPY; "Rs" keeps a PKR/LKR/NPR default.
    """
    if not marker:
        return None
    key = marker.strip().lower()
    code = CURRENCY_SYMBOLS.get(key) or CURRENCY_WORDS.get(key)
    if code is None and len(key) == 3 and key.upper() in ISO_4217_CODES:
        code = key.upper() if (key in SAFE_LOWER_CODES or marker.isupper()) else None
    if code == "$":
        return default if default in DOLLAR_CURRENCIES else "USD"
    if code == "¥":
        return default if default in {"JPY", "CNY"} else "JPY"
    if code == "INR" and key in ("rs", "rs.") and default in {"PKR", "LKR", "NPR"}:
        return default
    return code


def to_decimal(number: str) -> Decimal | None:
    """'1,250.00' / '1.250,00' / '12,99' / '12.5' as a Decimal (None if unreadable);
    digits of any numeral system are read as such ('٤٫٧٥' is 4.75)."""
    number = ascii_digits(number)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d{1,2}", number):
        number = number.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", number):
        number = number.replace(",", ".")
    else:
        number = number.replace(",", "")
    try:
        return Decimal(number)
    except InvalidOperation:
        return None


# --- dates ----------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
MONTH_RE = _alternation(MONTHS)
WEEKDAY_RE = _alternation(WEEKDAYS)
_MONTH = rf"(?P<month>{MONTH_RE})\b\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_UNIT = r"(?P<unit>day|week|month|year)s?"
RELATIVE_DAYS: dict[str, int] = {
    "day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "earlier today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
}

# The time of an ISO date-time ("T10:30", "T10:30:00.5Z", "T10:30+05:30", and "T99:99":
# valid or not, it is part of the date phrase, so none of its numbers is read alone).
_ISO_TIME = r"T\d{1,2}(?::\d{1,2}){0,2}(?:\.\d+)?(?:Z|[+-]\d{1,2}(?::?\d{2})?)?"

# (kind, pattern); where two overlap, the earlier pattern wins.
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
            rf"(?:{_ISO_TIME})?\b"
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}"
            rf"(?:,?\s+(?P<y>\d{{4}}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b{_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL}\b(?!,\d{{3}})"
            rf"(?:,?\s+(?P<y>\d{{4}})\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "relative",
        re.compile(rf"\b(?P<rel>{_alternation(RELATIVE_DAYS)})\b", re.IGNORECASE),
    ),
    (
        "units_ago",
        re.compile(rf"\b(?P<n>{COUNT_RE})\s+{_UNIT}\s+ago\b", re.IGNORECASE),
    ),
    (
        "in_units",
        re.compile(rf"\bin\s+(?P<n>{COUNT_RE})\s+{_UNIT}\b", re.IGNORECASE),
    ),
    (
        "next_unit",
        re.compile(r"\b(?P<dir>next|last)\s+(?P<unit>week|month|year)\b", re.I),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<dir>last|next|this|on)\s+(?P<weekday>{WEEKDAY_RE})\b", re.I
        ),
    ),
)


@dataclass(frozen=True)
class DateMention:
    """One date-like phrase found in a text: where, which pattern, its groups."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def full_year(two_digits: int, today: date) -> int:
    """The year a two-digit year ("99", "26") stands for: the nearest year ending
    in those digits that is not after today's year (1999 and 2026 in 2026)."""
    year = today.year - today.year % 100 + two_digits
    return year if year <= today.year else year - 100


def shift(day: date, count: int, unit: str) -> date:
    """`day` moved by `count` days, weeks, months or years (month ends clamped)."""
    unit = unit.lower()
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    months = count if unit == "month" else 12 * count
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def date_without_year(month: int, day: int, today: date, prefer: str) -> date | None:
    """A day and month with no year: the latest not after today (`prefer="past"`),
    the first not before it (`"future"`), or the closest one (`"closest"`)."""
    options = [
        d
        for d in (safe_date(today.year + k, month, day) for k in (-1, 0, 1))
        if d is not None
    ]
    if not options:
        return None
    if prefer == "past":
        past = [d for d in options if d <= today]
        return max(past) if past else min(options)
    if prefer == "future":
        future = [d for d in options if d >= today]
        return min(future) if future else max(options)
    return min(options, key=lambda d: (abs((d - today).days), d))


def weekday_date(today: date, weekday: int, *, forward: bool, strict: bool) -> date:
    """The nearest `weekday` on or before today (after, when `forward`); `strict`
    skips today itself ("last Monday" on a Monday is a week ago)."""
    gap = (
        (weekday - today.weekday()) % 7 if forward else (today.weekday() - weekday) % 7
    )
    if strict and gap == 0:
        gap = 7
    return today + timedelta(days=gap if forward else -gap)


def resolve_date(mention: DateMention, today: date, prefer: str) -> date | None:
    """The day one of `DATE_PATTERNS` stands for, seen from `today`.

    `prefer` ("past", "future" or "closest") settles dates written without a year
    and "this/on <weekday>" (on or before today only for "past").
    """
    g = mention.groups
    kind = mention.kind
    if kind == "iso":
        return safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in ("day_month", "month_day"):
        month = MONTHS[g["month"].lower()]
        if g["y"]:
            return safe_date(int(g["y"]), month, int(g["d"]))
        return date_without_year(month, int(g["d"]), today, prefer)
    if kind == "relative":
        return today + timedelta(days=RELATIVE_DAYS[" ".join(g["rel"].lower().split())])
    if kind == "units_ago":
        return shift(today, -count_value(g["n"]), g["unit"])
    if kind == "in_units":
        return shift(today, count_value(g["n"]), g["unit"])
    if kind == "next_unit":
        return shift(today, 1 if g["dir"].lower() == "next" else -1, g["unit"])
    if kind == "weekday":
        word = g["dir"].lower()
        forward = word == "next" or (word != "last" and prefer != "past")
        return weekday_date(
            today,
            WEEKDAYS[g["weekday"].lower()],
            forward=forward,
            strict=word in ("last", "next"),
        )
    raise ValueError(f"Unknown date kind {kind!r}.")


def find_dates(
    text: str,
    today: date,
    *,
    patterns: Iterable[tuple[str, re.Pattern[str]]] = DATE_PATTERNS,
    resolve: Callable[[DateMention, date, str], date | None] = resolve_date,
) -> list[DateMention]:
    """Every date-like phrase naming a real day, in text order.

    Patterns are tried in order; a match overlapping an earlier one is skipped, and
    one that names no real day (2026-02-30) neither counts nor hides others.
    """
    found: list[DateMention] = []
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < m.end and m.start < end for m in found):
                continue
            mention = DateMention(start, end, kind, match.groupdict())
            if resolve(mention, today, "closest") is not None:
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def slug(name: str) -> str:
    """A name for URLs and for typing: "Food & Dining" -> "food-dining"."""
    return "-".join(name.lower().replace("&", " ").split())
