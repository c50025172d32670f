"""The one Gemini gateway: client, JSON calls, daily quota, caches and fallback.

Only this module imports the Gemini SDK (google-genai). Features call:

- `insights(...)` for AI insights: cached per user, feature and local day, rationed by
  an exact per-day quota, and answered by the feature's rule-based fallback whenever
  the AI cannot serve. Returns the envelope every AI endpoint renders.
- `parse(...)` for natural-language parsing: cached by the text's hash for 7 days, with
  its own (larger) daily quota, falling back to the feature's parser.
- `invalidate(...)` from every write that changes a user's data for a feature.
"""

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import F, QuerySet
from django.utils import timezone
from google import genai
from google.genai import types

from mysphere_core.models import AIUsageModel

logger = logging.getLogger(__name__)

SOURCE_AI = "ai"
SOURCE_CACHE = "cache"
SOURCE_FALLBACK = "fallback"

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


class AIUnavailable(Exception):
    """The AI could not give a usable answer; `reason` is safe to show a user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParseResult:
    """What `parse` found, and who found it."""

    data: dict[str, Any] | None
    source: str
    ai_used: bool
    fallback_used: bool
    error: str | None = None

    def response(self, *, dry_run: bool, **created: Any) -> dict[str, Any]:
        """The body every `parse_text` endpoint returns: the parse, who made it,
        and the object it created (e.g. `expense=...`), `error` when AI did not serve.
        """
        body: dict[str, Any] = {
            "parsed_data": self.data,
            "source": self.source,
            "ai_used": self.ai_used,
            "fallback_used": self.fallback_used,
            "dry_run": dry_run,
            **created,
        }
        if self.error:
            body["error"] = self.error
        return body


# --- configuration ------------------------------------------------------------------


def service_status() -> str:
    """`configured`, `not_configured` or `disabled`: never the key itself."""
    if not settings.AI_INSIGHTS_ENABLED:
        return "disabled"
    return "configured" if settings.GEMINI_API_KEY else "not_configured"


def _unavailable_reason(flag: str | None) -> str | None:
    """Why the AI must not be called right now, or None when it may."""
    if flag and not settings.FEATURE_FLAGS.get(flag, False):
        return (
            "AI insights are turned off for this feature; showing rule-based results."
        )
    status = service_status()
    if status == "disabled":
        return "AI is disabled on this server; showing rule-based results."
    if status == "not_configured":
        return "AI is not configured on this server; showing rule-based results."
    return None


_CLIENTS: dict[tuple[str, str, int], genai.Client] = {}
_CLIENTS_LOCK = threading.Lock()


def get_client() -> genai.Client:
    """The Gemini client for the current settings, built once per configuration.

    Built under a lock and kept referenced: an SDK client that is garbage-collected
    closes its HTTP connection under any call still using it.
    """
    config = (
        settings.GEMINI_API_KEY,
        settings.GEMINI_BASE_URL,
        int(settings.AI_TIMEOUT_SECONDS * 1000),
    )
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(config)
        if client is None:
            api_key, base_url, timeout_ms = config
            options = types.HttpOptions(timeout=timeout_ms, base_url=base_url or None)
            client = genai.Client(api_key=api_key, http_options=options)
            _CLIENTS[config] = client
    return client


# --- one call -----------------------------------------------------------------------


def schema_errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Where `value` breaks `schema` (a JSON-Schema subset); empty when it fits."""
    if value is None:
        return [] if schema.get("nullable") else [f"{path}: null"]
    kind = schema.get("type")
    expected = _JSON_TYPES.get(kind or "", (object,))
    if not isinstance(value, expected) or (
        kind in ("number", "integer") and isinstance(value, bool)
    ):
        return [f"{path}: expected {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: not one of {schema['enum']}"]
    errors: list[str] = []
    if kind == "object":
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{path}.{name}: missing")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                errors += schema_errors(value[name], sub, f"{path}.{name}")
    elif kind == "array" and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{path}[{index}]")
    return errors


def generate_json(prompt: str, schema: dict[str, Any]) -> dict[str, Any]:
    """One Gemini call answering JSON that matches `schema`, or `AIUnavailable`."""
    started = time.monotonic()
    try:
        config = types.GenerateContentConfig(
            response_mime_type="application/json",
            response_schema=schema,
            temperature=0.2,
        )
        client = get_client()
        response = client.models.generate_content(
            model=settings.AI_MODEL, contents=prompt, config=config
        )
        text = response.text
    except Exception as exc:  # noqa: BLE001 - SDK, HTTP and timeout errors alike
        code = getattr(exc, "code", None)
        logger.info(
            "Gemini call failed: %s%s after %.2fs",
            type(exc).__name__,
            f" (HTTP {code})" if code else "",
            time.monotonic() - started,
        )
        if code == 429:
            raise AIUnavailable("The AI service is busy right now.") from exc
        raise AIUnavailable("The AI service is temporarily unavailable.") from exc
    if not text:
        logger.info("Gemini returned an empty answer")
        raise AIUnavailable("The AI service returned an empty answer.")
    try:
        data = json.loads(text)
    except ValueError as exc:
        logger.info("Gemini returned text that is not JSON")
        raise AIUnavailable("The AI answer could not be read.") from exc
    errors = schema_errors(data, schema)
    if errors:
        logger.info("Gemini answer does not match the schema: %s", errors[:3])
        raise AIUnavailable("The AI answer was not in the expected format.")
    return data


# --- quota ----------------------------------------------------------------------------


def _local_day(user: AbstractBaseUser) -> date:
    """The user's local date: quotas and insight caches roll over at their midnight."""
    from users.services import UserService

    return UserService.today_for(user=user)


def _usage(
    user: AbstractBaseUser, feature: str, kind: str, day: date
) -> QuerySet[AIUsageModel]:
    """The (at most one) usage row of this user, feature, kind and day."""
    return AIUsageModel.objects.filter(user=user, feature=feature, kind=kind, day=day)


def _limit(kind: str) -> int:
    """The daily limit of this kind of call."""
    if kind == AIUsageModel.Kind.PARSE:
        return settings.AI_MAX_PARSE_CALLS_PER_DAY
    return settings.AI_MAX_CALLS_PER_DAY


def calls_remaining(
    *, user: AbstractBaseUser, feature: str, kind: str = AIUsageModel.Kind.INSIGHTS
) -> int:
    """How many AI calls of this kind the user has left today for the feature."""
    used = (
        _usage(user, feature, kind, _local_day(user))
        .values_list("calls", flat=True)
        .first()
    )
    return max(0, _limit(kind) - (used or 0))


def take_call(
    *, user: AbstractBaseUser, feature: str, kind: str = AIUsageModel.Kind.INSIGHTS
) -> int | None:
    """Atomically use one call of today's quota: calls left after it, or None if none.

    A conditional `UPDATE ... SET calls = calls + 1 WHERE calls < limit` in the database
    keeps the count exact across threads and worker processes.
    """
    day = _local_day(user)
    limit = _limit(kind)
    try:
        AIUsageModel.objects.get_or_create(
            user=user, feature=feature, kind=kind, day=day
        )
        rows = _usage(user, feature, kind, day).filter(calls__lt=limit)
        if not rows.update(calls=F("calls") + 1, updated_at=timezone.now()):
            return None
        used = _usage(user, feature, kind, day).values_list("calls", flat=True).get()
    except DatabaseError:
        logger.exception("AI quota could not be taken; treating as exhausted")
        return None
    return max(0, limit - used)


# --- insights -----------------------------------------------------------------------


def insight_cache_key(user: AbstractBaseUser, feature: str) -> str:
    """`ai_insights_{feature}_{user_id}_{date}` with the user's local date."""
    return f"ai_insights_{feature}_{user.pk}_{_local_day(user).isoformat()}"


def invalidate(*, user: AbstractBaseUser, feature: str) -> None:
    """Drop the user's cached insights for the feature (call from every write)."""
    cache.delete(insight_cache_key(user, feature))


def envelope(
    *,
    insights: dict[str, Any],
    source: str,
    calls_left: int,
    generated_at: str | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    """The response every AI endpoint returns, success or fallback."""
    body: dict[str, Any] = {
        "insights": insights,
        "source": source,
        "from_cache": source == SOURCE_CACHE,
        "ai_used": source in (SOURCE_AI, SOURCE_CACHE),
        "fallback_used": source == SOURCE_FALLBACK,
        "calls_remaining": calls_left,
        "generated_at": generated_at or timezone.now().isoformat(),
    }
    if error:
        body["error"] = error
    return body


def insights(
    *,
    user: AbstractBaseUser,
    feature: str,
    build_prompt: Callable[[], str],
    schema: dict[str, Any],
    fallback: Callable[[], dict[str, Any]],
    flag: str | None = None,
) -> dict[str, Any]:
    """AI insights from cache, from Gemini within the daily quota, or the fallback."""
    reason = _unavailable_reason(flag)
    if reason is None:
        key = insight_cache_key(user, feature)
        cached = cache.get(key)
        if cached is not None:
            return envelope(
                insights=cached["insights"],
                source=SOURCE_CACHE,
                calls_left=calls_remaining(user=user, feature=feature),
                generated_at=cached["generated_at"],
            )
        left = take_call(user=user, feature=feature)
        if left is None:
            reason = (
                f"Daily AI limit reached ({settings.AI_MAX_CALLS_PER_DAY} per day); "
                "showing rule-based insights."
            )
        else:
            try:
                data = generate_json(build_prompt(), schema)
            except AIUnavailable as exc:
                reason = f"{exc.reason} Showing rule-based insights."
            else:
                generated_at = timezone.now().isoformat()
                cache.set(
                    key,
                    {"insights": data, "generated_at": generated_at},
                    settings.AI_CACHE_TIMEOUT,
                )
                return envelope(
                    insights=data,
                    source=SOURCE_AI,
                    calls_left=left,
                    generated_at=generated_at,
                )
    return envelope(
        insights=fallback(),
        source=SOURCE_FALLBACK,
        calls_left=calls_remaining(user=user, feature=feature),
        error=reason,
    )


# --- parsing --------------------------------------------------------------------------


def parse_cache_key(feature: str, text: str, context: str = "") -> str:
    """`ai_parsing_{feature}_{sha256}` of the normalised text (and its context)."""
    normalised = " ".join(text.lower().split())
    digest = hashlib.sha256(f"{context}\n{normalised}".encode()).hexdigest()
    return f"ai_parsing_{feature}_{digest}"


def parse(
    *,
    user: AbstractBaseUser,
    feature: str,
    text: str,
    build_prompt: Callable[[str], str],
    schema: dict[str, Any],
    fallback_parser: Callable[[str], dict[str, Any] | None],
    clean: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    context: str = "",
    flag: str | None = None,
) -> ParseResult:
    """Parse text with Gemini (cached, rationed), else with the feature's own parser.

    `clean` validates and normalises the AI's answer; a ValueError from it means the
    answer is unusable and the fallback parser answers instead. `context` is what the
    answer depends on besides the text (e.g. the user's today) and is part of the key.
    """
    reason = _unavailable_reason(flag)
    if reason is None:
        key = parse_cache_key(feature, text, context)
        cached = cache.get(key)
        if cached is not None:
            return ParseResult(cached, SOURCE_CACHE, ai_used=True, fallback_used=False)
        kind = AIUsageModel.Kind.PARSE
        if take_call(user=user, feature=feature, kind=kind) is None:
            reason = "Daily AI parsing limit reached; used the built-in parser."
        else:
            try:
                data = generate_json(build_prompt(text), schema)
                if clean is not None:
                    data = clean(data)
            except AIUnavailable as exc:
                reason = f"{exc.reason} Used the built-in parser."
            except (ValueError, KeyError, TypeError, ArithmeticError):
                reason = "The AI answer could not be used; used the built-in parser."
            else:
                cache.set(key, data, settings.AI_PARSE_CACHE_TIMEOUT)
                return ParseResult(data, SOURCE_AI, ai_used=True, fallback_used=False)
    return ParseResult(
        fallback_parser(text),
        SOURCE_FALLBACK,
        ai_used=False,
        fallback_used=True,
        error=reason,
    )
