"""The conversation: a routed message answered with what came before it.

"yes" carries out the proposal waiting for it, "no" drops it ("no, make it 12"
proposes it again with the new amount), "undo that" reverts the assistant's last
write, "and last month?" asks the last question again with the slots it changes.
Everything else goes to its feature intent. Each answer leaves a context on the
assistant's message (`ChatMessageModel.context`) for the next one.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from integrations.ai_insights import FEATURE
from integrations.assistant.models import AssistantSettingsModel, ChatMessageModel
from integrations.assistant.router import (
    CONFIRM,
    DECLINE,
    FOLLOW_UP,
    UNDO,
    UNKNOWN,
    Route,
    intent_named,
)
from mysphere_core import ai, caching
from mysphere_core.features import get_feature
from mysphere_core.intents import QUESTION, Answer, Ask, Intent, plain, say
from mysphere_core.models import AIUsageModel

RECENT_WRITES = 20  # how far back "undo that" looks for the assistant's last write
# How long a question's kept answer may live (a write of a feature it reads, or the
# profile, forgets it at once; the user's day, language and the slots key it).
KEEP_SECONDS = 3600


@dataclass(frozen=True)
class Turn:
    """One message: who, the words, whether to write, the user's today, the
    context of the assistant's previous answer and the language to answer in."""

    user: AbstractBaseUser
    text: str
    execute: bool
    today: date
    last: dict[str, Any]
    lang: str = "en"


@dataclass(frozen=True)
class Recalled:
    """What a message starts from: the context the assistant's latest answer left
    ({} when none), whether the user has it act directly, and the assistant's AI
    parse calls used today."""

    context: dict[str, Any]
    act_directly: bool
    calls_used: int


# The three in one statement written once (the ORM compiling three queries cost
# more than running them); the tables are the models' constants.
_RECALL_SQL = (
    f"SELECT (SELECT context FROM {ChatMessageModel._meta.db_table} "  # noqa: S608
    "WHERE user_id = %s AND is_active AND role = %s "
    "ORDER BY created_at DESC, id DESC LIMIT 1), "
    f"(SELECT act_directly FROM {AssistantSettingsModel._meta.db_table} "
    f"WHERE user_id = %s), {ai.CALLS_USED_SQL}"
)


def recall(user: AbstractBaseUser, today: date) -> Recalled:
    """The latest context, the settings' `act_directly` and today's AI parse calls
    of the assistant, in one statement."""
    day = connection.ops.adapt_datefield_value(today)
    params = [user.pk, ChatMessageModel.Role.ASSISTANT, user.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            _RECALL_SQL, [*params, user.pk, FEATURE, AIUsageModel.Kind.PARSE.value, day]
        )
        context, act_directly, used = cursor.fetchone()
    field = ChatMessageModel._meta.get_field("context")
    context = field.from_db_value(context, None, connection) if context else None
    return Recalled(context or {}, bool(act_directly), int(used))


def answer(turn: Turn, routed: Route) -> tuple[Route, Answer]:
    """The intent actually answered (a "yes" answers as the write it confirms)
    and its answer."""
    last = turn.last
    if routed.intent == CONFIRM:
        if not last.get("pending"):
            return routed, Answer(say("nothing_pending"))
        return _run(turn, last["intent"], last["slots"], last["text"], True)
    if routed.intent == DECLINE:
        if not last.get("pending"):
            return routed, Answer(say("nothing_to_cancel"))
        if "amount" not in routed.fields:
            return routed, Answer(say("declined"))
        slots = {**last["slots"], "amount": routed.fields["amount"]}
        return _run(turn, last["intent"], slots, last["text"], turn.execute)
    if routed.intent == UNDO:
        return undo_last(turn.user)
    if routed.intent == FOLLOW_UP:
        return _follow_up(turn, routed.fields.get("rest") or "")
    intent = intent_named(routed.intent)
    if intent is None or not get_feature(intent.feature).enabled():
        return Route(UNKNOWN, None), unknown()
    slots = dict(routed.fields)
    if last.get("intent") == intent.name and intent.kind == QUESTION:
        slots = {**last.get("slots", {}), **slots}
    return _run(turn, intent.name, slots, turn.text, turn.execute)


def _run(
    turn: Turn, name: str, slots: dict[str, Any], text: str, execute: bool
) -> tuple[Route, Answer]:
    """Answer through the feature intent `name`."""
    intent = intent_named(name)
    ask = Ask(
        user=turn.user,
        text=text,
        slots=slots,
        execute=execute,
        today=turn.today,
        lang=turn.lang,
    )
    found = _answered(intent, ask)
    if found.slots is None:
        found.slots = slots
    return Route(intent.name, intent.feature, found.slots), found


def _answered(intent: Intent, ask: Ask) -> Answer:
    """The intent's answer: a question that declares what it `reads` is kept in
    the user's versioned cache until a write of one of those features (or of the
    profile), for the user's day, the language and the slots; anything else is
    answered fresh."""
    if intent.kind != QUESTION or not intent.reads:
        return intent.answer(ask)
    slots = json.dumps(plain(ask.slots), sort_keys=True, default=str)
    digest = hashlib.sha256(slots.encode()).hexdigest()[:32]
    return caching.cached_versioned(
        ask.user,
        ("users", *intent.reads),
        ("assistant", intent.name, ask.today, ask.lang, digest),
        lambda: intent.answer(ask),
        KEEP_SECONDS,
    )


def _follow_up(turn: Turn, rest: str) -> tuple[Route, Answer]:
    """The last question again with the slots the follow-up changes."""
    intent = intent_named(turn.last.get("intent", ""))
    if intent is None or intent.follow is None:
        return Route(UNKNOWN, None), unknown()
    slots = {**turn.last.get("slots", {}), **intent.follow(rest)}
    return _run(turn, intent.name, slots, turn.last.get("text", ""), False)


def context_of(routed: Route, found: Answer, text: str, lang: str) -> dict[str, Any]:
    """What the next message may need of this answer (and its language)."""
    intent = intent_named(routed.intent)
    return plain(
        {
            "intent": routed.intent,
            "kind": intent.kind if intent else None,
            "slots": routed.fields,
            "text": text,
            "pending": found.needs_confirmation,
            "undo": found.undo if found.executed else None,
            "lang": lang,
        }
    )


def undo_last(user: AbstractBaseUser) -> tuple[Route, Answer]:
    """Revert the assistant's latest write that is not undone yet (the route
    names the feature of the write)."""
    rows = ChatMessageModel.objects.filter(
        user=user, is_active=True, role="assistant", executed=True
    )[:RECENT_WRITES]
    for row in rows:
        undo = (row.context or {}).get("undo")
        if not undo or row.context.get("undone"):
            continue
        intent = intent_named(row.context["intent"])
        reply = intent.undo(user, undo)
        row.context = {**row.context, "undone": True}
        row.save(update_fields=["context", "updated_at"])
        undone = Answer(say("undone", what=reply), executed=True)
        return Route(UNDO, intent.feature), undone
    return Route(UNDO, None), Answer(say("nothing_to_undo"))


def unknown() -> Answer:
    """Nothing understood: what the assistant can do, by example."""
    return Answer(say("unknown"))
