"""The one Gemini gateway: client, JSON calls, daily quota, caches and fallback.

Only this module imports the Gemini SDK (google-genai). Features call:

- `insights(...)` for AI insights: cached per user, feature, local day and cache
  version, rationed by an exact per-day quota, and answered by the feature's
  rule-based fallback whenever the AI cannot serve.
- `parse(...)` for natural-language parsing: cached per user by the text's hash for
  7 days, with its own (larger) daily quota, falling back to the feature's parser.

Both go one path (flag, cache, quota, call, schema check, clean-up, cache) and return
an `AIResult`: data, never a response body. `AIEnvelopeSerializer` and the parse
response serializers in `mysphere_core/serializers.py` render it. A feature's caches
are forgotten by bumping its cache version (`mysphere_core/caching.py`), which the
domain events of its writes do.
"""

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import F, QuerySet
from django.utils import timezone
from google import genai
from google.genai import types

from mysphere_core import caching, outbound
from mysphere_core.features import get_feature
from mysphere_core.models import AIUsageModel

logger = logging.getLogger(__name__)

SOURCE_AI = "ai"
SOURCE_CACHE = "cache"
SOURCE_FALLBACK = "fallback"
SOURCES = (SOURCE_AI, SOURCE_CACHE, SOURCE_FALLBACK)

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
class AIResult:
    """What the gateway answered: the data, who made it, the quota left, when."""

    data: Any
    source: str
    calls_remaining: int
    generated_at: datetime
    error: str | None = None

    @property
    def from_cache(self) -> bool:
        """True when the answer is an earlier AI answer served from the cache."""
        return self.source == SOURCE_CACHE

    @property
    def ai_used(self) -> bool:
        """True when Gemini made the answer (now or earlier)."""
        return self.source in (SOURCE_AI, SOURCE_CACHE)

    @property
    def fallback_used(self) -> bool:
        """True when the feature's rule-based code made the answer."""
        return self.source == SOURCE_FALLBACK

    @property
    def insights(self) -> Any:
        """The data, under the name the insights envelope renders."""
        return self.data


@dataclass(frozen=True)
class ParseOutcome:
    """What a `parse_text` service returns: the parse, and what it created."""

    result: AIResult
    dry_run: bool
    created: Any = None


# --- configuration ------------------------------------------------------------------


def service_status() -> str:
    """`configured`, `not_configured` or `disabled`: never the key itself."""
    if not settings.AI_INSIGHTS_ENABLED:
        return "disabled"
    return "configured" if settings.GEMINI_API_KEY else "not_configured"


# Set while a caller that has had its one AI call runs the rest of its work.
_NO_MORE_CALLS: ContextVar[bool] = ContextVar("ai_no_more_calls", default=False)


@contextmanager
def no_more_calls() -> Iterator[None]:
    """Within the block every AI path answers from its fallback without a call
    (nor a quota taken): one assistant message costs one AI call, whatever
    feature services it then runs."""
    token = _NO_MORE_CALLS.set(True)
    try:
        yield
    finally:
        _NO_MORE_CALLS.reset(token)


def _ai_off(feature: str) -> bool:
    """True when the AI must not be called for the feature: the message's one call
    is spent, the feature's AI flag or the server's switch is off, or no key is set.
    The answer then says so once, as `source: fallback`, with no `error`: nothing
    went wrong."""
    return (
        _NO_MORE_CALLS.get()
        or not get_feature(feature).ai_enabled()
        or service_status() != "configured"
    )


def may_call(feature: str) -> bool:
    """True when the AI may be asked for the feature now: its flags, the server's
    switch and key allow it (and this block's one call is not spent)."""
    return not _ai_off(feature)


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


class _CallFailed(AIUnavailable):
    """One Gemini request failed; `retryable` for timeouts, 5xx and 429."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.retryable = retryable


def _call(prompt: str, schema: dict[str, Any]) -> str | None:
    """One Gemini request: the answer's text, or `_CallFailed`."""
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
        return response.text
    except Exception as exc:  # noqa: BLE001 - SDK, HTTP and timeout errors alike
        code = getattr(exc, "code", None)
        logger.info(
            "Gemini call failed: %s%s after %.2fs",
            type(exc).__name__,
            f" (HTTP {code})" if code else "",
            time.monotonic() - started,
        )
        # no status: a timeout or a dropped connection, worth another try too
        retryable = not isinstance(code, int) or code == 429 or code >= 500
        if code == 429:
            reason = "The AI service is busy right now."
        else:
            reason = "The AI service is temporarily unavailable."
        raise _CallFailed(reason, retryable=retryable) from exc


def _back_off(seconds: float) -> None:
    """Wait before the next attempt (tests replace it to record the waits)."""
    time.sleep(seconds)


def _call_with_retries(prompt: str, schema: dict[str, Any]) -> str | None:
    """Up to `AI_MAX_ATTEMPTS` requests for one answer: a timeout, a 5xx or a 429 is
    tried again after an exponential back-off (`AI_RETRY_BACKOFF_SECONDS`, doubled
    each time), as long as another whole attempt (back-off and timeout) still fits
    in `AI_TIME_BUDGET_SECONDS` from the first. The caller took one quota call for
    all of them."""
    started = time.monotonic()
    attempt = 1
    while True:
        try:
            return _call(prompt, schema)
        except _CallFailed as failure:
            wait = settings.AI_RETRY_BACKOFF_SECONDS * 2 ** (attempt - 1)
            finish = time.monotonic() - started + wait + settings.AI_TIMEOUT_SECONDS
            last = attempt >= settings.AI_MAX_ATTEMPTS
            if (
                not failure.retryable
                or last
                or finish > settings.AI_TIME_BUDGET_SECONDS
            ):
                raise
        _back_off(wait)
        attempt += 1


def generate_json(prompt: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Gemini's JSON answer matching `schema` (a failing request tried again, see
    `_call_with_retries`), or `AIUnavailable` (never inside a transaction:
    `outbound.NetworkInTransaction`)."""
    outbound.check_outside_transaction("A Gemini call")
    text = _call_with_retries(prompt, schema)
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


def _usage(
    user: AbstractBaseUser, feature: str, kind: str, day: date
) -> QuerySet[AIUsageModel]:
    """The (at most one) usage row of this user, feature, kind and day, unordered:
    the model's order (the day first) would let PostgreSQL read the day's rows of
    every user through the day's index instead of the user's key."""
    rows = AIUsageModel.objects.filter(user=user, feature=feature, kind=kind, day=day)
    return rows.order_by()


def _limit(kind: str) -> int:
    """The daily limit of this kind of call."""
    if kind == AIUsageModel.Kind.PARSE:
        return settings.AI_MAX_PARSE_CALLS_PER_DAY
    return settings.AI_MAX_CALLS_PER_DAY


# The calls a user used of one feature and kind on one day, as a scalar SQL
# expression (params: user id, feature, kind, day): a caller that reads other
# things first reads it in the same statement and passes it to `parse(used=...)`.
CALLS_USED_SQL = (
    f"COALESCE((SELECT calls FROM {AIUsageModel._meta.db_table} "  # noqa: S608
    "WHERE user_id = %s AND feature = %s AND kind = %s AND day = %s), 0)"
)


def calls_remaining(
    *,
    user: AbstractBaseUser,
    feature: str,
    today: date,
    kind: str = AIUsageModel.Kind.INSIGHTS,
) -> int:
    """How many AI calls of this kind the user has left on their `today`."""
    used = _usage(user, feature, kind, today).values_list("calls", flat=True)[:1]
    return max(0, _limit(kind) - (next(iter(used), None) or 0))


def take_call(
    *,
    user: AbstractBaseUser,
    feature: str,
    today: date,
    kind: str = AIUsageModel.Kind.INSIGHTS,
) -> int | None:
    """Atomically use one call of today's quota: calls left after it, or None if none.

    A conditional `UPDATE ... SET calls = calls + 1 WHERE calls < limit` in the database
    keeps the count exact across threads and worker processes.
    """
    day = today
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


# --- one path for every AI answer ------------------------------------------------


@dataclass(frozen=True)
class _Ask:
    """One AI question: how to cache it, ask it, check it, and answer without AI."""

    kind: str
    cache_key: str
    cache_timeout: int
    build_prompt: Callable[[], str]
    schema: dict[str, Any]
    clean: Callable[[Any], Any] | None
    fallback: Callable[[], Any]
    used: int | None = None  # today's calls of the kind, read by the caller


# What the user is told when the fallback answers: (limit reached, suffix).
_FALLBACK_WORDS = {
    AIUsageModel.Kind.INSIGHTS: (
        "Daily AI limit reached ({limit} per day); showing rule-based insights.",
        "Showing rule-based insights.",
    ),
    AIUsageModel.Kind.PARSE: (
        "Daily AI parsing limit reached; used the built-in parser.",
        "Used the built-in parser.",
    ),
}


class _Unusable(AIUnavailable):
    """The feature's `clean` hook refused the AI's (well-formed) answer."""


def _answer(ask: _Ask) -> Any:
    """Gemini's answer, checked against the schema and cleaned; AIUnavailable else."""
    data = generate_json(ask.build_prompt(), ask.schema)
    if ask.clean is None:
        return data
    try:
        return ask.clean(data)
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        logger.info("AI answer rejected by the feature: %s", exc)
        raise _Unusable("The AI answer could not be used;") from exc


def _serve(*, user: AbstractBaseUser, feature: str, today: date, ask: _Ask) -> AIResult:
    """One path: flag, cache, quota, call, schema, clean-up, cache; else fallback."""
    limit_words, suffix = _FALLBACK_WORDS[ask.kind]
    reason, used = None, ask.used
    if not _ai_off(feature):
        cached = cache.get(ask.cache_key)
        if cached is not None:
            left = _left(
                user=user, feature=feature, today=today, kind=ask.kind, used=used
            )
            return AIResult(cached["data"], SOURCE_CACHE, left, cached["generated_at"])
        left = take_call(user=user, feature=feature, today=today, kind=ask.kind)
        used = None  # a call was taken (or refused): the count is read again
        if left is None:
            reason = limit_words.format(limit=_limit(ask.kind))
        else:
            try:
                data = _answer(ask)
            except AIUnavailable as exc:
                tail = suffix.lower() if isinstance(exc, _Unusable) else suffix
                reason = f"{exc.reason} {tail}"
            else:
                now = timezone.now()
                entry = {"data": data, "generated_at": now}
                cache.set(ask.cache_key, entry, ask.cache_timeout)
                return AIResult(data, SOURCE_AI, left, now)
    left = _left(user=user, feature=feature, today=today, kind=ask.kind, used=used)
    return AIResult(ask.fallback(), SOURCE_FALLBACK, left, timezone.now(), reason)


def _left(
    *, user: AbstractBaseUser, feature: str, today: date, kind: str, used: int | None
) -> int:
    """The calls of this kind left today: from the count the caller read earlier
    in this request (`used`, when no call was taken since), else read now."""
    if used is not None:
        return max(0, _limit(kind) - used)
    return calls_remaining(user=user, feature=feature, today=today, kind=kind)


def insight_cache_key(
    user: AbstractBaseUser, feature: str, today: date, topic: str = ""
) -> str:
    """`ai_insights_{feature}_{user_id}_{date}_{version}`: a write forgets it. A
    `topic` (one question among several a day, e.g. one purchase) adds the sha256
    of its normalised text."""
    version = caching.user_version(user, feature)
    key = f"ai_insights_{feature}_{user.pk}_{today.isoformat()}_{version}"
    if topic:
        normalised = " ".join(topic.lower().split())
        key += "_" + hashlib.sha256(normalised.encode()).hexdigest()[:32]
    return key


def parse_cache_key(
    user: AbstractBaseUser, feature: str, text: str, context: str = ""
) -> str:
    """`ai_parsing_{feature}_{user_id}_{sha256}` of the normalised text and context."""
    normalised = " ".join(text.lower().split())
    digest = hashlib.sha256(f"{context}\n{normalised}".encode()).hexdigest()
    return f"ai_parsing_{feature}_{user.pk}_{digest}"


def insights(
    *,
    user: AbstractBaseUser,
    feature: str,
    today: date,
    build_prompt: Callable[[], str],
    schema: dict[str, Any],
    fallback: Callable[[], dict[str, Any]],
    clean: Callable[[Any], Any] | None = None,
    topic: str = "",
) -> AIResult:
    """AI insights from cache, from Gemini within the daily quota, or the fallback.

    `today` is the user's local date: the quota and the cache roll over at their
    midnight. `clean` may reshape the AI's answer; a ValueError from it means the
    answer is unusable and the fallback answers instead. `topic` caches answers to
    different questions of the same day apart (same quota).
    """
    ask = _Ask(
        kind=AIUsageModel.Kind.INSIGHTS,
        cache_key=insight_cache_key(user, feature, today, topic),
        cache_timeout=settings.AI_CACHE_TIMEOUT,
        build_prompt=build_prompt,
        schema=schema,
        clean=clean,
        fallback=fallback,
    )
    return _serve(user=user, feature=feature, today=today, ask=ask)


def parse(
    *,
    user: AbstractBaseUser,
    feature: str,
    today: date,
    text: str,
    build_prompt: Callable[[str], str],
    schema: dict[str, Any],
    fallback_parser: Callable[[str], Any],
    clean: Callable[[Any], Any] | None = None,
    context: str = "",
    used: int | None = None,
) -> AIResult:
    """Parse text with Gemini (cached, rationed), else with the feature's own parser.

    `context` is what the answer depends on besides the text (e.g. the user's today
    and currency) and is part of the cache key, as is the user. `used`: today's
    parse calls of the feature as the caller read them in this request
    (`CALLS_USED_SQL`), so that no second read is made when no call is.
    """
    ask = _Ask(
        kind=AIUsageModel.Kind.PARSE,
        cache_key=parse_cache_key(user, feature, text, context),
        cache_timeout=settings.AI_PARSE_CACHE_TIMEOUT,
        build_prompt=lambda: build_prompt(text),
        schema=schema,
        clean=clean,
        fallback=lambda: fallback_parser(text),
        used=used,
    )
    return _serve(user=user, feature=feature, today=today, ask=ask)


class MoneyParsePrompts(Protocol):
    """A feature's Gemini side of a parse that depends on today and the currency."""

    PARSE_SCHEMA: dict[str, Any]

    @staticmethod
    def parse_prompt(text: str, *, today: date, currency: str) -> str: ...

    @staticmethod
    def clean_parsed(data: Any, *, today: date, currency: str) -> Any: ...


def parse_in_context(
    *,
    user: AbstractBaseUser,
    feature: str,
    today: date,
    currency: str,
    text: str,
    prompts: MoneyParsePrompts,
    fallback_parser: Callable[..., Any],
) -> AIResult:
    """`parse` for a feature whose prompt, cleaning and built-in parser read the
    user's today and currency (expenses, lending): both are the cache key's context.
    `fallback_parser(text, today=, default_currency=)`."""
    return parse(
        user=user,
        feature=feature,
        today=today,
        text=text,
        build_prompt=lambda t: prompts.parse_prompt(t, today=today, currency=currency),
        schema=prompts.PARSE_SCHEMA,
        fallback_parser=lambda t: fallback_parser(
            t, today=today, default_currency=currency
        ),
        clean=lambda data: prompts.clean_parsed(data, today=today, currency=currency),
        context=f"{today.isoformat()}|{currency}",
    )
