"""Rule-based parser of subscriptions written in plain language.

`parse_subscription_text("Netflix 15.99 monthly", today=..., default_currency="USD")`
finds the name, provider, amount, currency, billing cycle, start date, next billing
date, free trial, category and payment method. It is what users get when the AI cannot
answer, so it stands on its own. Its answer has the same shape as the cleaned AI answer:
amounts as strings with two decimals, dates as ISO strings.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from mysphere_core import money, textparse
from mysphere_core.models import PaymentMethod
from mysphere_core.money import CENT, ISO_4217_CODES
from subscriptions import billing
from subscriptions.known_services import KNOWN_SERVICES, KnownService

CYCLES = (billing.WEEKLY, billing.MONTHLY, billing.QUARTERLY, billing.YEARLY, "custom")
PAYMENT_METHODS = tuple(PaymentMethod.values)


TIER_WORDS = (
    "premium",
    "plus",
    "pro",
    "family",
    "duo",
    "individual",
    "student",
    "basic",
    "standard",
    "ultimate",
    "essential",
    "deluxe",
    "personal",
    "business",
    "team",
    "professional",
    "hifi",
)

CATEGORY_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("gym", "fitness", "yoga", "pilates", "workout", "crossfit"), "Fitness"),
    (("news", "newspaper", "magazine", "journal", "times", "post"), "News"),
    (("cloud", "storage", "backup"), "Cloud Storage"),
    (("music", "radio", "podcast"), "Music"),
    (("tv", "video", "stream", "streaming", "movies", "anime"), "Streaming"),
    (("game", "games", "gaming"), "Gaming"),
    (("course", "courses", "learning", "class", "lessons", "tutor"), "Education"),
    (("meal", "meals", "food", "coffee", "wine", "snack"), "Food"),
    (("phone", "mobile", "internet", "broadband", "electricity", "water"), "Utilities"),
    (("vpn", "software", "app", "hosting", "domain", "antivirus", "saas"), "Software"),
    (("insurance",), "Insurance"),
    (("book", "books", "audiobooks"), "Books"),
)

PAYMENT_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"pay\s?pal", "paypal"),
    (r"bank\s+transfer|direct\s+debit|standing\s+order|sepa|\bach\b", "bank_transfer"),
    (
        r"credit\s+card|debit\s+card|\bcard\b|\bvisa\b|mastercard|\bamex\b"
        r"|american\s+express",
        "card",
    ),
)

STOPWORDS = frozenset("""
    i im i'm me my we our you your pay pays paying paid for the a an subscription
    subscriptions sub subscribed subscribe plan of at on to in per cost costs costing
    is it its and with via using by charged charge charges billed bill billing renewal
    renews renew new add added just signed up start starts started starting from since
    until till til trial free through thru each every price priced at about around
    approximately approx total only also got get have has that this which then ends end
    ending beginning begins began next payment due date is are was will be
    """.split())  # noqa: SIM905 - a word table reads better than a list

NUM = rf"({textparse.COUNT_RE})"

PAST_WORDS = (
    "started",
    "since",
    "signed up",
    "subscribed",
    "joined",
    "began",
    "bought",
)
FUTURE_WORDS = ("starting", "starts", "begins", "beginning", "from next", "renews")
START_KEYWORDS = re.compile(
    r"\b(started(?:\s+on)?|starting(?:\s+on)?|starts(?:\s+on)?|start(?:\s+date)?|"
    r"from|since|beginning|begins(?:\s+on)?|began(?:\s+on)?|signed\s+up(?:\s+on)?|"
    r"subscribed(?:\s+on)?|joined(?:\s+on)?|effective)\s*:?\s*$",
    re.IGNORECASE,
)
NEXT_KEYWORDS = re.compile(
    r"\b(renews(?:\s+on)?|renewal(?:\s+on)?|next\s+(?:payment|billing|charge|bill)"
    r"(?:\s+date)?(?:\s+is)?(?:\s+on)?|due(?:\s+on)?|billed(?:\s+next)?\s+on|"
    r"charged\s+on)\s*:?\s*$",
    re.IGNORECASE,
)
TRIAL_END_KEYWORDS = re.compile(
    r"\btrial\s+(?:until|till|til|to|through|thru|ends?(?:\s+on)?|ending(?:\s+on)?|"
    r"expires?(?:\s+on)?)\s*:?\s*$|\bfree\s+(?:until|till|til|through|thru)\s*$",
    re.IGNORECASE,
)
TRIAL_LENGTH_PATTERNS = (
    re.compile(
        rf"\b{NUM}[-\s]?(day|week|month)s?[-\s]+(?:free[-\s]+)?trial\b", re.IGNORECASE
    ),
    re.compile(rf"\btrial\s+(?:of|for)\s+{NUM}\s+(day|week|month)s?\b", re.IGNORECASE),
    re.compile(rf"\bfree\s+for\s+{NUM}\s+(day|week|month)s?\b", re.IGNORECASE),
    re.compile(rf"\bfirst\s+{NUM}?\s*(day|week|month)s?\s+free\b", re.IGNORECASE),
)
TRIAL_WORD = re.compile(r"\b(free\s+trial|trial)\b", re.IGNORECASE)

CYCLE_PATTERNS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (
        re.compile(rf"\b(?:every|each)\s+{NUM}\s+(day|week|month|year)s?\b", re.I),
        None,
    ),
    (
        re.compile(
            r"\b(?:bi-?weekly|fortnightly)\b|\bevery\s+(?:other|second)\s+week\b", re.I
        ),
        "biweekly",
    ),
    (
        re.compile(r"\bevery\s+(?:other|second)\s+(month|year)\b", re.I),
        "every_other",
    ),
    (
        re.compile(
            r"\b(?:semi-?annual(?:ly)?|half[-\s]yearly|bi-?annual(?:ly)?|"
            r"twice\s+a\s+year)\b",
            re.I,
        ),
        "semiannual",
    ),
    (
        re.compile(r"\b(?:daily|per\s+day|a\s+day|each\s+day|every\s+day)\b", re.I),
        "daily",
    ),
    (
        re.compile(
            r"\bquarterly\b|\b(?:per|a|each|every)\s+quarter\b|/\s*(?:quarter|qtr|q)\b",
            re.I,
        ),
        billing.QUARTERLY,
    ),
    (
        re.compile(
            r"\b(?:yearly|annually|annual)\b|\b(?:per|a|each|every)\s+(?:year|annum)\b"
            r"|/\s*(?:year|yr|y|annum)\b|\bp\.?\s?a\.?(?=\s|$)|\byr\b|\bper\s+yr\b",
            re.I,
        ),
        billing.YEARLY,
    ),
    (
        re.compile(
            r"\bmonthly\b|\b(?:per|a|each|every)\s+month\b|/\s*(?:month|mon|mo|m)\b"
            r"|\bp/?m\b|\bmo\b|\bmth\b",
            re.I,
        ),
        billing.MONTHLY,
    ),
    (
        re.compile(
            r"\bweekly\b|\b(?:per|a|each|every)\s+week\b|/\s*(?:week|wk|w)\b|\bwk\b",
            re.I,
        ),
        billing.WEEKLY,
    ),
)

AMOUNT_BEFORE = re.compile(
    rf"(?<![\w$])({textparse.SYMBOL_RE})\s?({textparse.NUMBER_RE})(?![\d%])", re.I
)
AMOUNT_AFTER = re.compile(
    rf"(?<![\w.,])({textparse.NUMBER_RE})\s?((?:{textparse.CURRENCY_WORD_RE})\b"
    rf"|[A-Za-z]{{3}}\b|{textparse.SYMBOL_RE})",
    re.I,
)
PLAIN_NUMBER = re.compile(rf"(?<![\w.,$€£₹¥])({textparse.NUMBER_RE})(?![\w%]|[.,]\d)")


@dataclass
class _Scan:
    """Working state of one parse: the text and the spans already explained."""

    text: str
    today: date
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps nothing already explained."""
        return all(end <= a or start >= b for a, b in self.taken)

    def take(self, start: int, end: int) -> None:
        """Mark [start, end) as explained."""
        self.taken.append((start, end))


def _preference(prefix: str) -> str:
    """past / future / closest from the words just before a date."""
    lowered = prefix.lower()
    if any(word in lowered for word in PAST_WORDS):
        return "past"
    if any(word in lowered for word in FUTURE_WORDS):
        return "future"
    return "closest"


def detect_service(text: str) -> tuple[KnownService | None, tuple[int, int] | None]:
    """The well-known service named in `text` (longest alias wins) and where."""
    lowered = text.lower()
    best: tuple[KnownService | None, tuple[int, int] | None, int] = (None, None, 0)
    for service in KNOWN_SERVICES:
        for alias in service.aliases:
            pattern = rf"(?<![\w]){re.escape(alias)}(?![\w+])"
            match = re.search(pattern, lowered)
            if match and len(alias) > best[2]:
                best = (service, match.span(), len(alias))
    return best[0], best[1]


def guess_category(text: str) -> str | None:
    """A category name from keywords (gym -> Fitness, vpn -> Software...)."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    for keywords, category in CATEGORY_KEYWORDS:
        if words & set(keywords):
            return category
    return None


def _parse_number(raw: str) -> Decimal | None:
    """A positive amount from its digits (`1,299.00`, `15,99`), else None."""
    value = textparse.to_decimal(raw)
    return (
        value
        if value is not None and 0 < value <= money.ceiling("subscription")
        else None
    )


def _find_amount(
    scan: _Scan, default_currency: str, cycle_starts: list[int]
) -> tuple[Decimal | None, str]:
    """The most money-like number not explained by something else, and its currency."""
    candidates: list[tuple[int, int, Decimal, str]] = []
    for pattern, number_group, marker_group in (
        (AMOUNT_BEFORE, 2, 1),
        (AMOUNT_AFTER, 1, 2),
    ):
        for match in pattern.finditer(scan.text):
            if not scan.free(*match.span()):
                continue
            currency = textparse.resolve_currency(
                match.group(marker_group), default_currency
            )
            value = _parse_number(match.group(number_group))
            if currency and value is not None:
                candidates.append((3, match.start(), value, currency))
    for match in PLAIN_NUMBER.finditer(scan.text):
        if not scan.free(*match.span()):
            continue
        value = _parse_number(match.group(1))
        if value is None:
            continue
        before_cycle = any(0 <= start - match.end() <= 3 for start in cycle_starts)
        decimals = re.search(r"[.,]\d", match.group(1)) is not None
        score = 2 if before_cycle else int(decimals)
        candidates.append((score, match.start(), value, default_currency))
    if not candidates:
        return None, default_currency
    best = sorted(candidates, key=lambda c: (-c[0], c[1]))[0]
    return best[2], best[3]


UNSUPPORTED = "unsupported"
NAMED_MONTHS = {1: billing.MONTHLY, 3: billing.QUARTERLY, 12: billing.YEARLY}
SEMIANNUAL = billing.Interval(6, billing.MONTHS)

# What `_cycle` finds: (billing cycle or UNSUPPORTED, the custom interval or None).
Cycle = tuple[str, billing.Interval | None]


def _cycle(scan: _Scan) -> tuple[str | None, billing.Interval | None, list[int]]:
    """The billing cycle named in the text, its custom interval, and where it starts.

    A cycle the billing model cannot hold is `UNSUPPORTED` (see `unsupported_cycle`).
    """
    for pattern, kind in CYCLE_PATTERNS:
        for match in pattern.finditer(scan.text):
            if not scan.free(*match.span()):
                continue
            scan.take(*match.span())
            return (*_cycle_of(match, kind), [match.start()])
    return None, None, []


def _cycle_of(match: re.Match[str], kind: str | None) -> Cycle:
    """The cycle one matched phrase names."""
    if kind is None:
        count = textparse.count_value(match.group(1))
        return _cycle_from_count(count, match.group(2).lower())
    if kind == "every_other":
        return _cycle_from_count(2, match.group(1).lower())
    custom = {
        "biweekly": billing.Interval(14, billing.DAYS),
        "semiannual": SEMIANNUAL,
        "daily": billing.Interval(1, billing.DAYS),
    }
    if kind in custom:
        return billing.CUSTOM, custom[kind]
    return kind, None


def _cycle_from_count(count: int, unit: str) -> Cycle:
    """`every 4 weeks` -> custom 28 days; `every 3 months` -> quarterly; `every 6
    months` -> custom 6 months; `every 2 years` -> custom 2 years.

    Days and weeks are counted in days (1-365; 7 is weekly); months and years stay
    months (up to 120) and years (up to 10). Anything else (0, 400 days, 53 weeks,
    11 years) is `UNSUPPORTED` rather than a cycle that would bill the wrong amounts.
    """
    days = {"day": count, "week": 7 * count}.get(unit)
    if days is not None:
        if days == 7:
            return billing.WEEKLY, None
        if 1 <= days <= billing.MAX_INTERVAL[billing.DAYS]:
            return billing.CUSTOM, billing.Interval(days, billing.DAYS)
        return UNSUPPORTED, None
    months = count * 12 if unit == "year" else count
    if months in NAMED_MONTHS:
        return NAMED_MONTHS[months], None
    interval = billing.Interval(count, f"{unit}s")
    if 1 <= count <= billing.MAX_INTERVAL[interval.unit]:
        return billing.CUSTOM, interval
    return UNSUPPORTED, None


def unsupported_cycle(text: str) -> str | None:
    """The phrase of `text` naming a billing cycle we cannot hold exactly, or None.

    `every 0 days`, `every 400 days`, `every 53 weeks`, `every 121 months`, `every
    11 years`: beyond 1-365 days, 52 weeks, 120 months or 10 years.
    """
    text = " ".join((text or "").split())
    for pattern, kind in CYCLE_PATTERNS:
        for match in pattern.finditer(text):
            if _cycle_of(match, kind)[0] == UNSUPPORTED:
                return match.group(0)
    return None


def cycle_fields(
    cycle: str | None, interval: billing.Interval | None
) -> dict[str, Any]:
    """`billing_cycle`, `custom_cycle_days`, `interval_count`, `interval_unit` of a
    parse (all None when the cycle is unsupported; monthly when none was named)."""
    if cycle == UNSUPPORTED:
        return dict.fromkeys(
            ("billing_cycle", "custom_cycle_days", "interval_count", "interval_unit")
        )
    cycle = cycle or billing.MONTHLY
    interval = interval or billing.NAMED_INTERVALS[cycle]
    days = (
        interval.count if cycle == billing.CUSTOM and interval.unit == "days" else None
    )
    return {
        "billing_cycle": cycle,
        "custom_cycle_days": days,
        "interval_count": interval.count,
        "interval_unit": interval.unit,
    }


def _trial(
    scan: _Scan, mentions: list[textparse.DateMention], start: date
) -> tuple[bool, date | None]:
    """Whether a free trial is mentioned, and when it ends."""
    for mention in mentions:
        prefix = scan.text[max(0, mention.start - 40) : mention.start]
        if TRIAL_END_KEYWORDS.search(prefix) and scan.free(mention.start, mention.end):
            scan.take(mention.start, mention.end)
            keyword = TRIAL_END_KEYWORDS.search(prefix)
            scan.take(mention.start - len(prefix) + keyword.start(), mention.start)
            return True, textparse.resolve_date(mention, scan.today, "future")
    for pattern in TRIAL_LENGTH_PATTERNS:
        match = pattern.search(scan.text)
        if match and scan.free(*match.span()):
            scan.take(*match.span())
            return True, textparse.shift(
                start, textparse.count_value(match.group(1)), match.group(2)
            )
    match = TRIAL_WORD.search(scan.text)
    if match:
        scan.take(*match.span())
        return True, None
    return False, None


def _keyword_date(
    scan: _Scan,
    mentions: list[textparse.DateMention],
    keywords: re.Pattern[str],
    prefer: str,
) -> date | None:
    """The first free date right after one of `keywords`."""
    for mention in mentions:
        if not scan.free(mention.start, mention.end):
            continue
        prefix = scan.text[max(0, mention.start - 40) : mention.start]
        keyword = keywords.search(prefix)
        if keyword:
            scan.take(mention.start, mention.end)
            scan.take(mention.start - len(prefix) + keyword.start(), mention.start)
            chosen = _preference(prefix) if prefer == "auto" else prefer
            return textparse.resolve_date(mention, scan.today, chosen)
    return None


def _name_words(scan: _Scan, service_span: tuple[int, int] | None) -> list[str]:
    """The words left once money, dates, cycles and filler are explained away."""
    chars = list(scan.text)
    for start, end in scan.taken:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    if service_span:
        for i in range(*service_span):
            chars[i] = " "
    rest = "".join(chars)
    for pattern, _method in PAYMENT_KEYWORDS:
        rest = re.sub(pattern, " ", rest, flags=re.I)
    words = re.findall(r"[A-Za-z][\w'&+.-]*", rest)
    cleaned: list[str] = []
    for word in words:
        bare = word.strip(".,-'").lower()
        if not bare or bare in STOPWORDS or bare in textparse.CURRENCY_WORDS:
            continue
        if bare.upper() in ISO_4217_CODES and word.isupper():
            continue
        cleaned.append(word.strip(".,-"))
    return cleaned


def _edition_words(
    scan: _Scan, service: KnownService, span: tuple[int, int] | None
) -> list[str]:
    """Up to two words right after a service's name that name its plan.

    `Spotify Premium`, `Duolingo Super`, `Dropbox Plus`: tier words, or capitalised
    words that are not filler.
    """
    if span is None:
        return []
    found: list[str] = []
    position = span[1]
    for _ in range(2):
        match = re.match(r"\s+([A-Za-z][\w+]*)", scan.text[position:])
        if not match:
            break
        word = match.group(1)
        start, end = position + match.start(1), position + match.end(1)
        lowered = word.lower()
        qualifies = lowered in TIER_WORDS or (
            word[0].isupper()
            and lowered not in STOPWORDS
            and lowered not in textparse.CURRENCY_WORDS
            and word.upper() not in ISO_4217_CODES
        )
        if not qualifies or not scan.free(start, end):
            break
        if lowered not in service.name.lower():
            found.append(_title(lowered) if word.islower() else word)
        position = end
    return found


def _title(word: str) -> str:
    """Capitalise lower-case words; keep the user's own capitals (HBO, iCloud)."""
    return word[0].upper() + word[1:] if word.islower() else word


def _payment_method(text: str) -> str | None:
    for pattern, method in PAYMENT_KEYWORDS:
        if re.search(pattern, text, re.I):
            return method
    return None


def _first_free_date(scan: _Scan, mentions: list[Any], today: date) -> date | None:
    """The first date not taken by a keyword, as a start date (or None)."""
    for mention in mentions:
        if scan.free(mention.start, mention.end):
            prefix = scan.text[max(0, mention.start - 40) : mention.start]
            scan.take(mention.start, mention.end)
            return textparse.resolve_date(mention, today, _preference(prefix))
    return None


def _take_amount(scan: _Scan, amount: Decimal) -> None:
    """Mark the words that gave `amount` as used, so they are not in the name."""
    for pattern in (AMOUNT_BEFORE, AMOUNT_AFTER, PLAIN_NUMBER):
        group = 2 if pattern is AMOUNT_BEFORE else 1
        for match in pattern.finditer(scan.text):
            if scan.free(*match.span()) and _parse_number(match.group(group)) == amount:
                scan.take(*match.span())
                break


def _identity(
    scan: _Scan, service: Any, service_span: tuple[int, int] | None
) -> tuple[str | None, str | None, str | None]:
    """Name, provider and category: the well-known service's, else the left words."""
    words = _name_words(scan, service_span)
    if service is not None:
        name = " ".join([service.name, *_edition_words(scan, service, service_span)])
        return name, service.provider, service.category
    if words:
        name = " ".join(_title(w) for w in words[:6])
        return name, name, guess_category(name)
    return None, None, None


def parse_subscription_text(
    text: str, *, today: date, default_currency: str = "USD"
) -> dict[str, Any] | None:
    """Parse one subscription from plain language; None when nothing is recognised."""
    text = " ".join((text or "").split())
    if not text:
        return None
    scan = _Scan(text=text, today=today)
    mentions = textparse.find_dates(text, today)

    next_billing = _keyword_date(scan, mentions, NEXT_KEYWORDS, "future")
    start_date = _keyword_date(scan, mentions, START_KEYWORDS, "auto")
    is_trial, trial_end = _trial(scan, mentions, start_date or today)
    if start_date is None:
        start_date = _first_free_date(scan, mentions, today)
    cycle, interval, cycle_starts = _cycle(scan)

    service, service_span = detect_service(text)
    if service_span and scan.free(*service_span):
        scan.take(*service_span)
    amount, currency = _find_amount(scan, default_currency, cycle_starts)
    if amount is not None:
        _take_amount(scan, amount)
    name, provider, category = _identity(scan, service, service_span)

    if amount is None and name is None:
        return None
    found = [amount is not None, name is not None, cycle not in (None, UNSUPPORTED)]
    return {
        "name": name,
        "provider": provider,
        "amount": str(amount.quantize(CENT)) if amount is not None else None,
        "currency": currency,
        **cycle_fields(cycle, interval),
        "start_date": start_date.isoformat() if start_date else None,
        "next_billing_date": next_billing.isoformat() if next_billing else None,
        "is_trial": is_trial,
        "trial_end_date": trial_end.isoformat() if trial_end else None,
        "category": category,
        "payment_method": _payment_method(text),
        "confidence": round(sum(found) / len(found), 2),
    }
