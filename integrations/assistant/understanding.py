"""What a message means: Gemini through the gateway (the assistant's own parse quota,
cached per user and message), else the rule-based router. Either way a `Route`."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from integrations.ai_insights import FEATURE, FIELDS, SCHEMA, clean, prompt
from integrations.assistant.router import INTENT_FEATURES, Route, route
from mysphere_core import ai


def _from_router(text: str) -> dict[str, Any]:
    """The router's answer in the AI answer's shape."""
    found = route(text)
    data: dict[str, Any] = {"intent": found.intent}
    for name in FIELDS:
        value = found.fields.get(name)
        data[name] = str(value) if isinstance(value, Decimal) else value
    return data


def understand(
    *, user: AbstractBaseUser, text: str, today: date
) -> tuple[Route, ai.AIResult]:
    """The route of a message and the gateway's result (for the envelope)."""
    result = ai.parse(
        user=user,
        feature=FEATURE,
        today=today,
        text=text,
        build_prompt=lambda t: prompt(t, today),
        schema=SCHEMA,
        fallback_parser=_from_router,
        clean=clean,
        context=today.isoformat(),
    )
    data = result.data or {"intent": "unknown"}
    fields = {name: data.get(name) for name in FIELDS}
    if fields.get("amount"):
        fields["amount"] = Decimal(fields["amount"])
    kept = {k: v for k, v in fields.items() if v not in (None, "", [])}
    intent = data.get("intent", "unknown")
    return Route(intent, INTENT_FEATURES.get(intent), kept), result
