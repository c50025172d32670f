"""Intent declarations: each feature teaches the assistant its own words.

A feature app lists its intents in its own module (`<app>/intents.py`, an `INTENTS`
list) and names that module in its `FeatureConfig` (`intents = "expenses.intents"`).
An intent is a question or an action of the feature:

    Intent(
        name="spending",                 # the API's `intent`
        kind=QUESTION,                   # or ACTION (proposed, then carried out)
        description="money spent in a period, on a category or at a vendor",
        slots=("period", "topic"),       # what the AI extracts for it
        read=read_spending,              # its words -> slots, or None (rule-based)
        answer=answer_spending,          # Ask -> Answer, through its service
        priority=45,                     # the rule-based router tries higher first
        follow=follow_spending,          # "and last month?" -> the slots it changes
        undo=undo_expense,               # (user, undo data) -> what was undone
        reads=("expenses",),             # a question's answer kept until these change
    )

The assistant (`integrations/assistant/`) routes a message to one intent (one AI
call with every intent's name and slots as the response schema, else each intent's
`read` in priority order), keeps the conversation and renders the `Answer`. Nothing
here imports a feature app.

An answer's sentences are `say(key, **params)`: a key of the assistant's message
catalogue and what fills it in (amounts, names, other `say`s, `joined` lists); the
assistant renders them in the language of the message (`Ask.lang`: "en" or "es").
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from mysphere_core import phrases
from mysphere_core.features import all_features
from mysphere_core.money import format_money

QUESTION = "question"
ACTION = "action"


@dataclass(frozen=True)
class Say:
    """A sentence of the assistant's message catalogue: its key and what fills it
    in. A template given as a (one, many) pair is chosen by the `count` param."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Join:
    """Parts said one after the other with `sep` between them (a `Say` for "and")."""

    parts: tuple[Any, ...]
    sep: Any = ", "


def say(key: str, **params: Any) -> Say:
    """A catalogue sentence ("spending", money="61.80 USD", ...)."""
    return Say(key, params)


def joined(parts: Any, sep: Any = ", ") -> Join:
    """Parts joined by `sep` when rendered (`AND` for "and" / "y")."""
    return Join(tuple(parts), sep)


AND = say("and")


@dataclass
class Answer:
    """An intent's answer: a sentence with the figure, the objects proposed or
    touched (`{"type", "id", "data"}`), whether anything was written, and what
    undoing it needs. `slots` are the slots as the answer understood them."""

    reply: str | Say
    objects: list[dict[str, Any]] = field(default_factory=list)
    executed: bool = False
    needs_confirmation: bool = False
    undo: dict[str, Any] | None = None
    slots: dict[str, Any] | None = None


@dataclass(frozen=True)
class Ask:
    """What an intent's answer gets: who asks, the words, the slots, whether to
    carry out a write, the user's today and the language of the message."""

    user: AbstractBaseUser
    text: str
    slots: dict[str, Any]
    execute: bool
    today: date
    lang: str = "en"


@dataclass(frozen=True)
class Intent:
    """One question or action of a feature (see the module's docstring)."""

    name: str
    kind: str
    description: str
    read: Callable[[str], dict[str, Any] | None]
    answer: Callable[[Ask], Answer]
    slots: tuple[str, ...] = ()
    priority: int = 50
    follow: Callable[[str], dict[str, Any]] | None = None
    undo: Callable[[AbstractBaseUser, dict[str, Any]], Say] | None = None
    # A question whose answer depends only on these features' data (and its slots,
    # the user's today and language): the assistant keeps the answer in the user's
    # versioned cache until a write of one of them. Empty: answered fresh each time.
    reads: tuple[str, ...] = ()
    feature: str = ""


def feature_intents() -> list[Intent]:
    """Every feature's intents, highest priority first (then in `INSTALLED_APPS`
    and declaration order), each with its feature's name. Whether a feature is on
    is for the caller to ask (`get_feature(intent.feature).enabled()`)."""
    found = []
    for config in all_features():
        path = getattr(config, "intents", None)
        if not path:
            continue
        module = import_module(path)
        found += [replace(intent, feature=config.feature) for intent in module.INTENTS]
    return sorted(found, key=lambda intent: -intent.priority)


def proposal(what: Say, objects: list[dict[str, Any]], **extra: Any) -> Answer:
    """A write proposed, waiting for a yes."""
    return Answer(say("proposal", what=what), objects, needs_confirmation=True, **extra)


def done(what: Say, objects: list[dict[str, Any]], **extra: Any) -> Answer:
    """A write carried out ("Done: …")."""
    return Answer(say("done", what=what), objects, executed=True, **extra)


def obj(kind: str, data: Any, pk: Any = None) -> dict[str, Any]:
    """One object of an answer, its money as decimal strings."""
    return {"type": kind, "id": pk, "data": plain(data)}


def plain(value: Any) -> Any:
    """`value` with every Decimal a string ("50.00") and every date ISO, through
    dicts and lists: what the API shows."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def money_words(amount: Any, currency: str) -> str:
    """An amount with its currency for a sentence ("1,234.50 USD")."""
    return format_money(Decimal(str(amount)), currency)


def totals_words(totals: list[dict[str, Any]], fallback_currency: str) -> Any:
    """Totals per currency in words ("12.00 USD and 5.00 EUR"), never summed
    across currencies; "0.00 <currency>" when there are none."""
    if not totals:
        return money_words(0, fallback_currency)
    return joined((money_words(t["total"], t["currency"]) for t in totals), AND)


def period_say(label: str, today: date) -> Say:
    """A period label in words: "this month", or "in October 2026"."""
    if not label.startswith("month-"):
        return say(f"period.{label}")
    first, _ = phrases.period_range(label, today)
    return say("period.month", month=say(f"month.{first.month}"), year=first.year)
