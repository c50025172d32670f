"""The AI gateway through the real google-genai SDK against the local Gemini stub."""

import logging
import threading
import time
from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from mysphere_core import ai, caching
from mysphere_core.models import AIUsageModel
from mysphere_core.testing import STUB_API_KEY
from users.services import UserService

pytestmark = pytest.mark.django_db

FEATURE = "expenses"
SCHEMA = {
    "type": "object",
    "properties": {
        "summary": {"type": "string"},
        "tips": {"type": "array", "items": {"type": "string"}},
        "score": {"type": "integer"},
    },
    "required": ["summary", "tips"],
}
ANSWER = {"summary": "You spend most on food.", "tips": ["Cook at home"], "score": 7}
FALLBACK = {"summary": "Rule-based summary.", "tips": ["Track every expense"]}
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _insights(user, feature=FEATURE, clean=None):
    return ai.insights(
        user=user,
        feature=feature,
        today=UserService.today_for(user=user),
        build_prompt=lambda: "Analyse these expenses: coffee 4.75",
        schema=SCHEMA,
        fallback=lambda: dict(FALLBACK),
        clean=clean,
    )


def _thrice(stub, status):
    """Queue the same failing status for every attempt of one answer."""
    for _ in range(3):
        stub.reply_status(status, "failing")


def _cached_insights(user, feature=FEATURE):
    """What the insight cache holds for the user's today (None when nothing)."""
    key = ai.insight_cache_key(user, feature, UserService.today_for(user=user))
    return cache.get(key)


class TestInsightTopics:
    def test_each_topic_is_cached_apart_within_one_quota(
        self, user, gemini_stub, frozen
    ):
        """Two questions of one day (a `topic` each) are two cache entries; asking
        one again is served from the cache; both draw on the same daily quota."""

        def ask(topic):
            return ai.insights(
                user=user,
                feature=FEATURE,
                today=UserService.today_for(user=user),
                build_prompt=lambda: f"Should I buy {topic}?",
                schema=SCHEMA,
                fallback=lambda: dict(FALLBACK),
                topic=topic,
            )

        gemini_stub.reply_json(ANSWER)
        gemini_stub.reply_json({**ANSWER, "summary": "Second."})
        first, second = ask("ps5 500"), ask("iphone 1199")
        assert (first.source, second.source) == ("ai", "ai")
        assert second.insights["summary"] == "Second."
        assert second.calls_remaining == 1
        again = ask("PS5   500")
        assert again.source == "cache"
        assert again.insights == ANSWER
        assert len(gemini_stub.requests) == 2
        today = UserService.today_for(user=user)
        assert ai.insight_cache_key(user, FEATURE, today, "a") != ai.insight_cache_key(
            user, FEATURE, today
        )


class TestInsights:
    def test_miss_calls_gemini_once_then_serves_from_cache(
        self, user, gemini_stub, frozen
    ):
        gemini_stub.reply_json(ANSWER)
        first = _insights(user)
        assert first.insights == ANSWER
        assert first.source == "ai"
        assert first.ai_used is True and first.fallback_used is False
        assert first.from_cache is False
        assert first.calls_remaining == 2
        assert first.error is None
        second = _insights(user)
        assert second.source == "cache"
        assert second.from_cache is True
        assert second.insights == ANSWER
        assert second.calls_remaining == 2
        assert second.generated_at == first.generated_at
        assert len(gemini_stub.requests) == 1
        version = caching.user_version(user, FEATURE)
        key = f"ai_insights_{FEATURE}_{user.pk}_2026-11-22_{version}"
        assert cache.get(key)["data"] == ANSWER

    def test_fourth_call_of_the_day_falls_back_and_next_day_resets(
        self, user, gemini_stub, frozen
    ):
        for _ in range(3):
            gemini_stub.reply_json(ANSWER)
            assert _insights(user).source == "ai"
            caching.bump_user_version(user.pk, FEATURE)
        fourth = _insights(user)
        assert fourth.source == "fallback"
        assert fourth.insights == FALLBACK
        assert fourth.calls_remaining == 0
        assert fourth.error.startswith("Daily AI limit reached (3 per day)")
        assert len(gemini_stub.requests) == 3
        # another feature's quota is untouched
        gemini_stub.reply_json(ANSWER)
        other = _insights(user, feature="subscriptions")
        assert other.source == "ai"
        assert other.calls_remaining == 2
        # the next local day starts afresh
        frozen.shift(24 * 3600)
        gemini_stub.reply_json(ANSWER)
        next_day = _insights(user)
        assert next_day.source == "ai"
        assert next_day.calls_remaining == 2

    def test_quota_day_is_the_users_local_day(self, make_user, gemini_stub, frozen):
        kiritimati = make_user("kiri", profile={"timezone": "Pacific/Kiritimati"})
        gemini_stub.reply_json(ANSWER)
        _insights(kiritimati)
        usage = AIUsageModel.objects.get(user=kiritimati)
        assert usage.day == date(2026, 11, 23)  # UTC+14: already tomorrow
        assert usage.calls == 1

    @pytest.mark.parametrize(
        "queue, error_start",
        [
            (lambda s: _thrice(s, 429), "The AI service is busy"),
            (lambda s: _thrice(s, 500), "The AI service is temporarily"),
            (lambda s: s.reply_text("Sure! Here are insights"), "The AI answer could"),
            (lambda s: s.reply_json({"summary": 3}), "The AI answer was not in"),
            (lambda s: s.reply_text(""), "The AI service returned an empty"),
        ],
        ids=["429", "500", "not-json", "schema-mismatch", "empty"],
    )
    def test_failures_fall_back_with_an_error_and_cache_nothing(
        self, user, gemini_stub, queue, error_start
    ):
        queue(gemini_stub)
        result = _insights(user)
        assert result.source == "fallback"
        assert result.insights == FALLBACK
        assert result.fallback_used is True and result.ai_used is False
        assert result.error.startswith(error_start)
        assert result.calls_remaining == 2  # a failed call still cost a request
        assert _cached_insights(user) is None
        retried = error_start.startswith("The AI service is")  # 429, 500: 3 tries
        assert len(gemini_stub.requests) == (3 if retried else 1)

    def test_a_500_then_a_200_is_the_ai_answer_for_one_quota_call(
        self, user, gemini_stub
    ):
        gemini_stub.reply_status(500, "boom")
        gemini_stub.reply_json(ANSWER)
        result = _insights(user)
        assert (result.source, result.insights, result.error) == ("ai", ANSWER, None)
        assert len(gemini_stub.requests) == 2
        assert result.calls_remaining == 2  # the retry spent no extra quota
        assert AIUsageModel.objects.get(user=user).calls == 1

    def test_429s_back_off_exponentially_up_to_three_attempts(
        self, user, gemini_stub, settings, monkeypatch
    ):
        settings.AI_RETRY_BACKOFF_SECONDS = 0.25
        waits: list[float] = []
        monkeypatch.setattr(ai, "_back_off", waits.append)
        _thrice(gemini_stub, 429)
        gemini_stub.reply_json(ANSWER)  # a fourth attempt would get it
        result = _insights(user)
        assert result.source == "fallback"
        assert result.error.startswith("The AI service is busy")
        assert waits == [0.25, 0.5]
        assert len(gemini_stub.requests) == 3

    def test_a_timeout_is_tried_again(self, user, gemini_stub, settings):
        settings.AI_TIMEOUT_SECONDS = 1
        gemini_stub.reply_delay(10, ANSWER)
        gemini_stub.reply_json(ANSWER)
        assert _insights(user).source == "ai"
        assert len(gemini_stub.requests) == 2

    def test_no_retry_that_would_overrun_the_time_budget(
        self, user, gemini_stub, settings
    ):
        settings.AI_TIMEOUT_SECONDS = 0.5
        settings.AI_TIME_BUDGET_SECONDS = 0.9  # a second attempt cannot fit
        gemini_stub.reply_delay(10, ANSWER)
        gemini_stub.reply_json(ANSWER)
        started = time.monotonic()
        assert _insights(user).source == "fallback"
        assert len(gemini_stub.requests) == 1
        assert time.monotonic() - started < 0.5 + 1.5  # one timeout, no second

    def test_a_refused_request_is_not_tried_again(self, user, gemini_stub):
        gemini_stub.reply_status(403, "API key not valid")
        gemini_stub.reply_json(ANSWER)
        assert _insights(user).source == "fallback"
        assert len(gemini_stub.requests) == 1

    def test_timeout_falls_back_within_the_timeout(self, user, gemini_stub, settings):
        settings.AI_TIMEOUT_SECONDS = 0.5
        gemini_stub.reply_delay(10, ANSWER)
        started = time.monotonic()
        result = _insights(user)
        elapsed = time.monotonic() - started
        assert result.source == "fallback"
        assert "temporarily unavailable" in result.error
        assert elapsed < 0.5 + 1.5
        assert _cached_insights(user) is None

    def test_no_key_means_fallback_without_any_request(
        self, user, gemini_stub, settings
    ):
        settings.GEMINI_API_KEY = ""
        result = _insights(user)
        assert result.source == "fallback"
        assert result.error is None  # said by the source alone
        assert result.calls_remaining == 3
        assert gemini_stub.requests == []

    def test_ai_disabled_means_fallback_without_any_request(
        self, user, gemini_stub, settings
    ):
        settings.AI_INSIGHTS_ENABLED = False
        result = _insights(user)
        assert result.source == "fallback"
        assert result.error is None
        assert gemini_stub.requests == []

    def test_feature_flag_off_means_fallback_without_any_request(
        self, user, gemini_stub, settings
    ):
        settings.FEATURE_FLAGS = {
            **settings.FEATURE_FLAGS,
            "EXPENSE_AI_INSIGHTS": False,
        }
        result = _insights(user)
        assert result.source == "fallback"
        assert result.error is None
        assert gemini_stub.requests == []

    def test_request_carries_model_schema_and_key_header_only(
        self, user, gemini_stub, settings, caplog
    ):
        settings.AI_MODEL = "gemini-2.5-flash"
        caplog.set_level(logging.DEBUG)
        gemini_stub.reply_status(400, "bad request")  # not tried again
        result = _insights(user)
        request = gemini_stub.requests[0]
        assert request["path"].endswith("/models/gemini-2.5-flash:generateContent")
        assert request["headers"]["x-goog-api-key"] == STUB_API_KEY
        config = request["body"]["generationConfig"]
        assert config["responseMimeType"] == "application/json"
        schema = config["responseSchema"]
        assert schema["type"] == "OBJECT"
        assert set(schema["properties"]) == {"summary", "tips", "score"}
        assert schema["required"] == ["summary", "tips"]
        assert gemini_stub.prompts() == ["Analyse these expenses: coffee 4.75"]
        assert STUB_API_KEY not in caplog.text
        assert "coffee" not in caplog.text  # no raw user data in the logs
        assert STUB_API_KEY not in str(result)

    def test_a_new_cache_version_forgets_only_that_users_feature_insights(
        self, user, other_user, gemini_stub
    ):
        for _ in range(2):
            gemini_stub.reply_json(ANSWER)
        _insights(user)
        _insights(other_user)
        caching.bump_user_version(user.pk, FEATURE)
        assert _cached_insights(user) is None
        assert _cached_insights(other_user)["data"] == ANSWER

    def test_clean_reshapes_the_answer_and_a_rejection_falls_back(
        self, user, gemini_stub
    ):
        gemini_stub.reply_json(ANSWER)
        shaped = _insights(user, clean=lambda d: {**d, "tips": d["tips"][:0]})
        assert shaped.source == "ai"
        assert shaped.insights["tips"] == []
        caching.bump_user_version(user.pk, FEATURE)
        gemini_stub.reply_json(ANSWER)

        def reject(data):
            raise ValueError("not usable")

        refused = _insights(user, clean=reject)
        assert refused.source == "fallback"
        assert refused.insights == FALLBACK
        assert refused.error == (
            "The AI answer could not be used; showing rule-based insights."
        )


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_make_at_most_three_calls(make_user, gemini_stub):
    user = make_user("racer")
    for _ in range(20):
        gemini_stub.reply_json(ANSWER)
    barrier = threading.Barrier(20)
    results: list[ai.AIResult] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            cache.clear()
            results.append(_insights(user))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 20
    # exactly the quota: three real calls that all succeed, seventeen fallbacks
    assert len(gemini_stub.requests) == 3
    assert AIUsageModel.objects.get(user=user).calls == 3
    assert sum(r.source == "ai" for r in results) == 3
    assert sum(r.source == "fallback" for r in results) == 17


PARSE_SCHEMA = {
    "type": "object",
    "properties": {"amount": {"type": "number"}, "vendor": {"type": "string"}},
    "required": ["amount"],
}


def _fallback_parser(text):
    return {"amount": 1.0, "vendor": "fallback"} if "$" in text else None


def _parse(user, text="Coffee $4.75", clean=None, context="2026-11-22"):
    return ai.parse(
        user=user,
        feature=FEATURE,
        today=UserService.today_for(user=user),
        text=text,
        build_prompt=lambda t: f"Parse: {t}",
        schema=PARSE_SCHEMA,
        fallback_parser=_fallback_parser,
        clean=clean,
        context=context,
    )


class TestParse:
    def test_ai_answer_is_cached_by_normalised_text(self, user, gemini_stub):
        gemini_stub.reply_json({"amount": 4.75, "vendor": "Starbucks"})
        first = _parse(user)
        assert first.source == "ai" and first.ai_used and not first.fallback_used
        assert first.data == {"amount": 4.75, "vendor": "Starbucks"}
        second = _parse(user, text="  coffee   $4.75 ")
        assert second.source == "cache"
        assert second.data == first.data
        assert len(gemini_stub.requests) == 1
        assert gemini_stub.prompts() == ["Parse: Coffee $4.75"]

    def test_another_context_is_another_cache_entry(self, user, gemini_stub):
        gemini_stub.reply_json({"amount": 4.75})
        gemini_stub.reply_json({"amount": 4.75})
        _parse(user, context="2026-11-22")
        assert _parse(user, context="2026-11-23").source == "ai"
        assert len(gemini_stub.requests) == 2

    def test_failure_uses_the_fallback_parser(self, user, gemini_stub):
        gemini_stub.reply_status(503, "down")
        result = _parse(user)
        assert result.source == "fallback"
        assert result.data == {"amount": 1.0, "vendor": "fallback"}
        assert result.error.endswith("Used the built-in parser.")

    def test_unusable_answer_rejected_by_clean_uses_the_fallback(
        self, user, gemini_stub
    ):
        def clean(data):
            if data["amount"] <= 0:
                raise ValueError("amount must be positive")
            return data

        gemini_stub.reply_json({"amount": -3})
        result = _parse(user, clean=clean)
        assert result.source == "fallback"
        assert result.data["vendor"] == "fallback"
        key = ai.parse_cache_key(user, FEATURE, "Coffee $4.75", "2026-11-22")
        assert cache.get(key) is None
        assert result.error == (
            "The AI answer could not be used; used the built-in parser."
        )

    def test_parse_quota_is_its_own(self, user, gemini_stub, settings):
        settings.AI_MAX_PARSE_CALLS_PER_DAY = 2
        for index in range(2):
            gemini_stub.reply_json({"amount": index + 1})
            assert _parse(user, text=f"thing {index}").source == "ai"
        third = _parse(user, text="thing $3")
        assert third.source == "fallback"
        assert third.error.startswith("Daily AI parsing limit reached")
        assert len(gemini_stub.requests) == 2
        today = UserService.today_for(user=user)
        remaining = ai.calls_remaining(user=user, feature=FEATURE, today=today)
        assert remaining == 3  # the insights quota is untouched

    def test_one_users_parse_is_never_served_to_another(
        self, user, other_user, gemini_stub
    ):
        gemini_stub.reply_json({"amount": 4.75, "vendor": "Starbucks"})
        gemini_stub.reply_json({"amount": 4.75, "vendor": "Costa"})
        assert _parse(user).data["vendor"] == "Starbucks"
        theirs = _parse(other_user)
        assert theirs.source == "ai"
        assert theirs.data["vendor"] == "Costa"
        assert len(gemini_stub.requests) == 2

    def test_no_key_uses_the_fallback_and_finds_nothing_without_amount(self, user):
        result = _parse(user, text="hello there")
        assert result.source == "fallback"
        assert result.data is None


def test_concurrent_first_calls_all_reach_gemini(db, gemini_stub):
    """No call fails because another thread's client was built and dropped."""
    for _ in range(10):
        gemini_stub.reply_json(ANSWER)
    ai._CLIENTS.clear()
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def worker() -> None:
        barrier.wait(timeout=10)
        try:
            ai.generate_json("prompt", SCHEMA)
            outcomes.append("ok")
        except ai.AIUnavailable as exc:
            outcomes.append(repr(exc.__cause__))

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == ["ok"] * 10
    assert len(gemini_stub.requests) == 10


def test_an_invalid_schema_is_unavailable_not_a_crash(gemini_stub):
    with pytest.raises(ai.AIUnavailable):
        ai.generate_json("prompt", {"type": ["string", "null"]})


class TestSchemaErrors:
    def test_valid(self):
        assert ai.schema_errors(ANSWER, SCHEMA) == []

    @pytest.mark.parametrize(
        "value, fragment",
        [
            ({"tips": []}, "$.summary: missing"),
            ({"summary": "x", "tips": [1]}, "$.tips[0]: expected string"),
            ({"summary": "x", "tips": [], "score": True}, "$.score: expected integer"),
            ([], "$: expected object"),
        ],
    )
    def test_invalid(self, value, fragment):
        assert fragment in ai.schema_errors(value, SCHEMA)

    def test_enum_and_nullable(self):
        schema = {"type": "string", "enum": ["a", "b"], "nullable": True}
        assert ai.schema_errors(None, schema) == []
        assert ai.schema_errors("c", schema) == ["$: not one of ['a', 'b']"]


class TestAICheckCommand:
    def test_ok_with_latency(self, gemini_stub, capsys):
        gemini_stub.reply_json({"ok": True})
        call_command("ai_check")
        out = capsys.readouterr().out
        assert out.startswith("OK: model")
        assert " ms" in out

    def test_error_is_reported(self, gemini_stub):
        gemini_stub.reply_status(403, "API key not valid")
        with pytest.raises(CommandError, match="failed"):
            call_command("ai_check")

    def test_not_configured(self):
        with pytest.raises(CommandError, match="not configured"):
            call_command("ai_check")


def test_health_reports_the_model(api_client, settings):
    settings.AI_MODEL = "gemini-2.5-flash"
    body = api_client.get("/api/users/health/").json()
    assert body["ai_model"] == "gemini-2.5-flash"
    assert body["ai_service"] == "not_configured"
