"""The assistant's rule-based router: which intent a message asks for, and its slots.

The features teach it their words (`<app>/intents.py`, see mysphere_core/intents.py):
each intent's `read` says whether a message is its own and reads its slots, and the
router asks them in priority order. Before them come the conversation's own words:
yes, no (or "no, make it 12"), undo, and a follow-up ("and last month?", "what
about Ben?") of the last question. It is the fallback when the AI cannot serve.

    route("Spent $50 on gas yesterday")   -> Route("log_expense", "expenses", ...)
    route("and last month?", last)        -> Route("follow_up", None, {"rest": ...})
"""

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mysphere_core import phrases
from mysphere_core.features import get_feature
from mysphere_core.intents import Intent, feature_intents

# The conversation's own intents (no feature answers them).
CONFIRM, DECLINE, UNDO, FOLLOW_UP, UNKNOWN = (
    "confirm", "decline", "undo", "follow_up", "unknown",
)  # fmt: skip
CONVERSATION = (CONFIRM, DECLINE, UNDO, UNKNOWN)

_CONFIRM = re.compile(
    r"^(?:yes|yeah|yep|yup|sure|ok(?:ay)?|do\s+it|go\s+ahead|confirm(?:ed)?|please\s+do"
    r"|si|vale|dale|hazlo|confirmo|adelante|correcto|claro)(?:[,!. ]+(?:do\s+it|please|"
    r"go\s+ahead|por\s+favor|hazlo|confirm))*[.! ]*$"
)
_DECLINE = re.compile(
    r"^(?:no|nope|nah|cancel(?:\s+(?:that|it))?|never\s*mind|don'?t|no\s+gracias|"
    r"dejalo|olvidalo)[.! ]*$"
)
_AMEND = re.compile(
    r"^(?:no[,.!]?\s+|actually[,]?\s+|make\s+it\s+|change\s+it\s+to\s+|it\s+was\s+"
    r"|mejor\s+|cambialo\s+a\s+|que\s+sean\s+)"
)
_UNDO = re.compile(
    r"^(?:undo|revert|take\s+(?:that|it)\s+back|deshaz|deshacer|anula|anular)"
    r"(?:\s+(?:that|it|this|the\s+last\s+(?:one|thing)|eso|lo\s+ultimo))?[.! ]*$"
)
_FOLLOW = re.compile(
    r"^(?:and|what\s+about|how\s+about|and\s+what\s+about|y|y\s+que\s+tal|que\s+tal|"
    r"y\s+para|and\s+for|and\s+on|and\s+at)\s+(?P<rest>.+?)[\s?]*$"
)


@dataclass(frozen=True)
class Route:
    """What a message asks for: the intent, its feature and its slots."""

    intent: str
    feature: str | None
    fields: dict[str, Any] = field(default_factory=dict)


@cache
def intents() -> tuple[Intent, ...]:
    """Every feature's intents, highest priority first (read once per process:
    they are code; a feature turned off is skipped when routing)."""
    return tuple(feature_intents())


def intent_named(name: str) -> Intent | None:
    """The feature intent of that name, or None."""
    return next((intent for intent in intents() if intent.name == name), None)


def intent_names() -> list[str]:
    """Every intent the API may answer with: the features', then the
    conversation's."""
    return [intent.name for intent in intents()] + list(CONVERSATION)


def _conversation(text: str, last_kind: str | None) -> Route | None:
    """Yes, no, a corrected amount, undo, or a follow-up of the last question
    (its words as written: "what about Ben?" -> "Ben")."""
    words = phrases.fold(text)
    if _CONFIRM.match(words):
        return Route(CONFIRM, None)
    if _DECLINE.match(words):
        return Route(DECLINE, None)
    amount = phrases.amount_in(words)
    if _AMEND.match(words) and amount is not None and len(words.split()) <= 6:
        return Route(DECLINE, None, {"amount": amount})
    if _UNDO.match(words):
        return Route(UNDO, None)
    match = _FOLLOW.match(words)
    if match and last_kind == "question":
        count = len(match.group("rest").split())
        rest = " ".join(text.split()[-count:]).strip("¿?¡! ")
        return Route(FOLLOW_UP, None, {"rest": rest})
    return None


def route(text: str, last_kind: str | None = None) -> Route:
    """The intent of one message: the conversation's words first, then each
    feature intent's in priority order. `last_kind` is the kind of the last
    answered intent ("question" lets "and last month?" follow it up)."""
    text = " ".join(text.split())
    if not text:
        return Route(UNKNOWN, None)
    found = _conversation(text, last_kind)
    if found:
        return found
    for intent in intents():
        if not get_feature(intent.feature).enabled():
            continue
        slots = intent.read(text)
        if slots is not None:
            kept = {k: v for k, v in slots.items() if v not in (None, "", [])}
            return Route(intent.name, intent.feature, kept)
    return Route(UNKNOWN, None)
