"""What a message means, in one AI call: Gemini routes and extracts together (the
assistant's parse quota, cached per user, message and previous turn), else the
rule-based router. Either way a `Route`."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from integrations.ai_insights import FEATURE, clean, prompt, schema
from integrations.assistant.router import (
    CONVERSATION,
    Route,
    intent_named,
    intents,
    route,
)
from mysphere_core import ai
from mysphere_core.intents import plain


def _from_router(text: str, last_kind: str | None) -> dict[str, Any]:
    """The router's answer in the AI answer's shape."""
    found = route(text, last_kind)
    return {"intent": found.intent, **plain(found.fields)}


def understand(
    *,
    user: AbstractBaseUser,
    text: str,
    today: date,
    last: dict[str, Any],
    used: int | None = None,
) -> tuple[Route, ai.AIResult]:
    """The route of a message and the gateway's result (for the envelope). `last`
    is the previous answer's context (its intent, kind, slots, a pending write);
    `used` today's parse calls of the assistant, when already read."""
    declared = list(intents())
    previous = json.dumps(
        {k: last.get(k) for k in ("intent", "slots", "pending")}, sort_keys=True
    ) if last else ""  # fmt: skip
    result = ai.parse(
        user=user,
        feature=FEATURE,
        today=today,
        text=text,
        build_prompt=lambda t: prompt(t, today, declared, previous),
        schema=schema(declared, CONVERSATION),
        fallback_parser=lambda t: _from_router(t, last.get("kind")),
        clean=clean,
        context=f"{today.isoformat()}|{previous}",
        used=used,
    )
    data = dict(result.data or {"intent": "unknown"})
    name = data.pop("intent", "unknown")
    fields = {k: v for k, v in data.items() if v not in (None, "", [])}
    if fields.get("amount"):
        fields["amount"] = Decimal(str(fields["amount"]))
    intent = intent_named(name)
    return Route(name, intent.feature if intent else None, fields), result
