"""One matcher for possible duplicates: a parsed expense against the user's last
few minutes, a parsed subscription against the active ones, an imported bank line
against expenses and subscription payments.

Two records match when the vendor is the same once the bank's noise is gone
("SPOTIFY P2F1A3" ~ "Spotify", "AMZN Mktp US*2K4" ~ "Amazon") and, where both
are given, the currency and amount are equal and the dates at most `days` apart.
"""

import datetime
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mysphere_core import ai
from mysphere_core.money import money_text

CONFIRM_FLAG = "confirm_duplicates"
CONFIRM_HELP = (
    "Create it even when it looks like a duplicate (`possible_duplicate` in the "
    "answer names the match)."
)

# Words a bank adds around a merchant's name.
NOISE = frozenset(
    [
        "pos",
        "card",
        "debit",
        "credit",
        "purchase",
        "payment",
        "paypal",
        "sq",
        "www",
        "com",
        "net",
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "visa",
        "mastercard",
        "contactless",
        "online",
        "recurring",
        "subscription",
        "bill",
        "the",
    ]
)
ALIASES = {"amzn": "amazon", "mktp": "", "mktplace": ""}
MIN_RATIO = 0.85
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Candidate:
    """An existing record a new one may repeat."""

    kind: str
    id: int | str
    name: str
    amount: Decimal | None = None
    currency: str = ""
    day: datetime.date | None = None

    def as_match(self) -> dict[str, Any]:
        """The match as an answer shows it."""
        return {
            "kind": self.kind,
            "id": str(self.id),
            "name": self.name,
            "amount": (
                None if self.amount is None else money_text(self.amount, self.currency)
            ),
            "currency": self.currency,
            "date": self.day.isoformat() if self.day else None,
        }


def vendor_words(text: str) -> tuple[str, ...]:
    """The words naming a vendor: lower case, letters only, bank noise and
    reference codes ("P2F1A3", "*2K4") dropped."""
    words = []
    for token in text.lower().split():
        if any(ch.isdigit() for ch in token):
            continue
        for word in WORD.findall(token):
            word = ALIASES.get(word, word)
            if word and word not in NOISE and len(word) > 1:
                words.append(word)
    return tuple(words)


def same_vendor(first: str, second: str) -> bool:
    """True when two vendor texts name the same vendor."""
    a, b = vendor_words(first), vendor_words(second)
    if not a or not b:
        return False
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    return difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= MIN_RATIO


def matches(new: Candidate, old: Candidate, days: int) -> bool:
    """True when `old` is a likely earlier copy of `new`."""
    priced = new.amount is not None and old.amount is not None
    if priced and (new.currency.upper(), new.amount) != (
        old.currency.upper(),
        old.amount,
    ):
        return False
    if new.day and old.day and abs((new.day - old.day).days) > days:
        return False
    return same_vendor(new.name, old.name)


def find_match(
    new: Candidate, candidates: Iterable[Candidate], *, days: int = 0
) -> Candidate | None:
    """The first candidate `new` likely repeats, or None."""
    return next((old for old in candidates if matches(new, old, days)), None)


@dataclass(frozen=True)
class CheckedParseOutcome(ai.ParseOutcome):
    """A parse outcome with the record it may repeat (then nothing was created)."""

    possible_duplicate: dict[str, Any] | None = None
