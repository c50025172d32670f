"""AI insights and natural-language entry: through the Gemini stub, and the rule-based
fallbacks, each rule triggered by data built for it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from subscriptions.models import SubscriptionCategoryModel, SubscriptionModel
from subscriptions.services import SubscriptionService
from subscriptions.tests.factories import (
    TODAY,
    CategoryFactory,
    PriceChangeFactory,
    SubscriptionFactory,
    UsageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

INSIGHTS = "/api/subscriptions/ai_insights/"
PARSE = "/api/subscriptions/parse_text/"
LONG_AGO = date(2026, 1, 5)
AI_ANSWER = {
    "summary": "Two streaming services overlap.",
    "insights": [
        {
            "type": "duplicate",
            "severity": "medium",
            "title": "Overlap",
            "description": "Netflix and Hulu",
            "action": "Cancel one",
            "potential_savings": 7.99,
        }
    ],
    "recommendations": [
        {
            "title": "Rotate",
            "description": "Keep one at a time",
            "impact": "Save 7.99 a month",
            "priority": "high",
        }
    ],
    "cost_optimization": {
        "potential_monthly_savings": 7.99,
        "currency": "USD",
        "underutilized_services": [],
        "duplicate_services": ["Netflix", "Hulu"],
    },
}
# The same answer as the API renders it: money as strings with cents, never floats.
AI_ANSWER_RENDERED = {
    **AI_ANSWER,
    "insights": [{**AI_ANSWER["insights"][0], "potential_savings": "7.99"}],
    "cost_optimization": {
        **AI_ANSWER["cost_optimization"],
        "potential_monthly_savings": "7.99",
    },
}


def _insights(user):
    return SubscriptionService.ai_insights(user=user).insights


def _titles(insights):
    return [i["title"] for i in insights["insights"]]


def _sub(user, **kwargs):
    defaults = {"start_date": date(2026, 11, 1)}
    return SubscriptionFactory(user=user, **{**defaults, **kwargs})


class TestFallbackRules:
    def test_empty_portfolio(self, user):
        insights = _insights(user)
        assert insights["summary"] == "You have no active subscriptions."
        assert insights["insights"] == []
        assert insights["cost_optimization"] == {
            "potential_monthly_savings": Decimal("0.00"),
            "currency": "USD",
            "underutilized_services": [],
            "duplicate_services": [],
        }

    def test_high_total_against_income(self, make_user):
        user = make_user("rich", profile={"monthly_income": "1000.00"})
        _sub(user, name="Gym", provider="FitClub", amount=Decimal("150.00"))
        insight = _insights(user)["insights"][0]
        assert insight["title"] == "High monthly subscription spending"
        assert insight["severity"] == "medium"
        assert "15.0% of your monthly income (1,000.00 USD)" in insight["description"]
        _sub(user, name="Boxing", provider="BoxClub", amount=Decimal("60.00"))
        assert _insights(user)["insights"][0]["severity"] == "high"

    def test_high_total_absolute_threshold_without_income(self, user):
        _sub(user, name="Gym", provider="FitClub", amount=Decimal("150.00"))
        assert "High monthly subscription spending" not in _titles(_insights(user))
        _sub(user, name="Boxing", provider="BoxClub", amount=Decimal("60.00"))
        insights = _insights(user)
        assert "High monthly subscription spending" in _titles(insights)

    def test_other_currencies_do_not_count_towards_the_total(self, user):
        _sub(
            user, name="Gym", provider="FitClub", amount=Decimal("500"), currency="EUR"
        )
        assert _titles(_insights(user)) == []

    def test_overlapping_video_streaming(self, user):
        _sub(user, name="Netflix", provider="Netflix", amount=Decimal("15.49"))
        _sub(user, name="Hulu", provider="Hulu", amount=Decimal("7.99"))
        _sub(user, name="Spotify", provider="Spotify", amount=Decimal("11.99"))
        insights = _insights(user)
        overlap = insights["insights"][0]
        assert overlap["title"] == "2 overlapping video streaming services"
        assert overlap["type"] == "duplicate"
        assert overlap["potential_savings"] == Decimal("7.99")
        assert insights["cost_optimization"]["duplicate_services"] == [
            "Netflix",
            "Hulu",
        ]
        assert insights["cost_optimization"]["potential_monthly_savings"] == Decimal(
            "7.99"
        )

    def test_overlap_by_the_users_category(self, user):
        fitness = CategoryFactory(user=user, name="Fitness")
        _sub(user, name="Yoga Loft", category=fitness, amount=Decimal("30"))
        _sub(user, name="Climbing Hall", category=fitness, amount=Decimal("45"))
        insight = _insights(user)["insights"][0]
        assert insight["title"] == "2 overlapping fitness services"
        assert insight["potential_savings"] == Decimal("30.00")

    def test_same_provider_twice(self, user):
        _sub(user, name="Google One", provider="Google", amount=Decimal("2.99"))
        _sub(user, name="YouTube Premium", provider="google", amount=Decimal("13.99"))
        insights = _insights(user)
        assert "Google bills you 2 times" in _titles(insights)

    def test_no_and_low_usage_in_30_days(self, user):
        idle = _sub(user, name="Idle", start_date=LONG_AGO, amount=Decimal("10"))
        UsageFactory(subscription=idle, usage_date=TODAY - timedelta(days=40))
        low = _sub(user, name="Rare", start_date=LONG_AGO, amount=Decimal("5"))
        UsageFactory(subscription=low, usage_date=TODAY - timedelta(days=3))
        UsageFactory(subscription=low, usage_date=TODAY - timedelta(days=2))
        busy = _sub(user, name="Busy", start_date=LONG_AGO)
        UsageFactory(subscription=busy, usage_count=9)
        _sub(user, name="Untracked", start_date=LONG_AGO)
        insights = _insights(user)
        titles = _titles(insights)
        assert "No use of Idle in 30 days" in titles
        assert "Rare used only 2 times in 30 days" in titles
        assert not any("Busy" in t or "Untracked" in t for t in titles)
        assert insights["cost_optimization"]["underutilized_services"] == [
            "Idle",
            "Rare",
        ]

    def test_trial_ending_within_three_days(self, user):
        _sub(
            user,
            name="Duolingo Super",
            is_trial=True,
            trial_end_date=TODAY + timedelta(days=2),
            amount=Decimal("12.99"),
        )
        _sub(
            user,
            name="Later trial",
            is_trial=True,
            trial_end_date=TODAY + timedelta(days=10),
        )
        insight = _insights(user)["insights"][0]
        assert insight["title"] == "Duolingo Super free trial ends on 2026-11-24"
        assert insight["severity"] == "high"
        assert insight["potential_savings"] == Decimal("12.99")

    def test_recent_price_increase(self, user):
        sub = _sub(user, name="Netflix", amount=Decimal("17.99"))
        PriceChangeFactory(
            subscription=sub,
            old_amount=Decimal("15.49"),
            new_amount=Decimal("17.99"),
            effective_date=TODAY - timedelta(days=10),
        )
        PriceChangeFactory(
            subscription=sub,
            old_amount=Decimal("13.99"),
            new_amount=Decimal("15.49"),
            effective_date=TODAY - timedelta(days=200),
        )
        insights = _insights(user)["insights"]
        increases = [i for i in insights if i["type"] == "price_increase"]
        assert len(increases) == 1
        assert "from 15.49 to 17.99 USD (+16.1%)" in increases[0]["description"]

    def test_annual_billing_check(self, user):
        _sub(user, name="Old monthly", start_date=LONG_AGO, amount=Decimal("12.00"))
        _sub(user, name="New monthly", amount=Decimal("12.00"))
        insight = _insights(user)["insights"][0]
        assert insight["title"] == "Check annual billing"
        assert "Old monthly" in insight["description"]
        assert "New monthly" not in insight["description"]
        assert insight["potential_savings"] == Decimal("2.00")

    def test_reading_insights_writes_nothing(self, auth_client, user):
        netflix = _sub(user, name="Netflix", amount=Decimal("15.49"))
        _sub(user, name="Hulu", amount=Decimal("7.99"))
        before = SubscriptionModel.objects.get(pk=netflix.pk).updated_at
        with CaptureQueriesContext(connection) as queries:
            body = auth_client.get(INSIGHTS).json()
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == []
        assert body["insights"]["cost_optimization"]["duplicate_services"] == [
            "Netflix",
            "Hulu",
        ]
        assert SubscriptionModel.objects.get(pk=netflix.pk).updated_at == before

    def test_endpoint_returns_the_envelope(self, auth_client, user):
        _sub(user, name="Netflix", amount=Decimal("15.49"))
        resp = auth_client.get(INSIGHTS)
        assert resp.status_code == 200
        body = resp.json()
        assert body["source"] == "fallback"
        assert body["fallback_used"] is True
        assert body["ai_used"] is False
        assert "error" not in body
        assert body["insights"]["summary"].startswith(
            "You have 1 active subscriptions costing 15.49 USD a month."
        )
        saving = body["insights"]["cost_optimization"]["potential_monthly_savings"]
        assert saving == "0.00"


class TestInsightsThroughGemini:
    def test_ai_answer_then_cache_then_invalidated_by_a_write(
        self, auth_client, user, gemini_stub
    ):
        _sub(user, name="Netflix", provider="Netflix", amount=Decimal("15.49"))
        _sub(user, name="Hulu", provider="Hulu", amount=Decimal("7.99"))
        gemini_stub.reply_json(AI_ANSWER)
        first = auth_client.get(INSIGHTS).json()
        assert first["source"] == "ai"
        assert first["insights"] == AI_ANSWER_RENDERED
        prompt = gemini_stub.prompts()[0]
        assert "TODAY: 2026-11-22" in prompt
        assert '"name": "Netflix"' in prompt and '"monthly_cost": "7.99"' in prompt
        assert "potential_monthly_savings" in prompt

        assert auth_client.get(INSIGHTS).json()["source"] == "cache"
        assert len(gemini_stub.requests) == 1

        auth_client.post(
            "/api/subscriptions/",
            {
                "name": "Max",
                "provider": "Warner",
                "amount": "9.99",
                "billing_cycle": "monthly",
                "start_date": "2026-11-01",
            },
            format="json",
        )
        gemini_stub.reply_json(AI_ANSWER)
        assert auth_client.get(INSIGHTS).json()["source"] == "ai"
        assert len(gemini_stub.requests) == 2

    def test_bad_answer_falls_back_to_rules(self, user, gemini_stub):
        _sub(user, name="Netflix", amount=Decimal("15.49"))
        _sub(user, name="Hulu", amount=Decimal("7.99"))
        gemini_stub.reply_json({"summary": "no insights field"})
        result = SubscriptionService.ai_insights(user=user)
        assert result.source == "fallback"
        assert result.error.startswith("The AI answer was not in the expected")
        assert _titles(result.insights) == ["2 overlapping video streaming services"]

    def test_rate_limited_falls_back(self, user, gemini_stub):
        for _ in range(3):  # busy at every attempt
            gemini_stub.reply_status(429)
        result = SubscriptionService.ai_insights(user=user)
        assert result.source == "fallback"
        assert "busy" in result.error

    def test_negative_savings_from_the_ai_are_clamped(self, user, gemini_stub):
        answer = {
            **AI_ANSWER,
            "insights": [{**AI_ANSWER["insights"][0], "potential_savings": -3.456}],
        }
        gemini_stub.reply_json(answer)
        insights = _insights(user)
        assert insights["insights"][0]["potential_savings"] == Decimal("0.00")


class TestParseText:
    def test_dry_run_with_the_fallback_parser(self, auth_client):
        resp = auth_client.post(
            PARSE, {"text": "Netflix 15.99 monthly", "dry_run": True}, format="json"
        )
        assert resp.status_code == 200
        body = resp.json()
        assert body["source"] == "fallback"
        assert body["dry_run"] is True
        assert body["subscription"] is None
        assert body["parsed_data"]["name"] == "Netflix"
        assert body["parsed_data"]["amount"] == "15.99"
        assert body["parsed_data"]["billing_cycle"] == "monthly"
        assert not SubscriptionModel.objects.exists()

    def test_without_dry_run_the_subscription_is_created(self, auth_client, user):
        resp = auth_client.post(PARSE, {"text": "Hulu 7.99 monthly"}, format="json")
        assert resp.status_code == 201
        assert resp.json()["dry_run"] is False
        assert resp.json()["subscription"]["name"] == "Hulu"
        assert SubscriptionModel.objects.filter(user=user).count() == 1

    def test_creating_from_text(self, auth_client, user):
        resp = auth_client.post(
            PARSE,
            {
                "text": "Disney+ 13.99/mo free trial until Dec 5",
                "dry_run": False,
            },
            format="json",
        )
        assert resp.status_code == 201, resp.json()
        assert resp.json()["dry_run"] is False
        sub = resp.json()["subscription"]
        assert sub["name"] == "Disney+"
        assert sub["is_trial"] is True
        assert sub["trial_end_date"] == "2026-12-05"
        assert sub["next_billing_date"] == "2026-12-05"
        assert sub["category"]["name"] == "Streaming"
        resp = auth_client.post(
            PARSE, {"text": "Hulu 7.99 monthly", "dry_run": False}, format="json"
        )
        assert resp.json()["subscription"]["category"]["name"] == "Streaming"
        assert SubscriptionCategoryModel.objects.filter(user=user).count() == 1

    def test_custom_cycle_from_text(self, auth_client):
        body = auth_client.post(
            PARSE,
            {"text": "Gym membership 30 every 4 weeks", "dry_run": False},
            format="json",
        ).json()
        assert body["subscription"]["billing_cycle"] == "custom"
        assert body["subscription"]["custom_cycle_days"] == 28
        assert body["subscription"]["monthly_cost"] == "32.59"

    @pytest.mark.parametrize("text", ["Netflix monthly", "hello"])
    def test_no_amount_is_400(self, auth_client, text):
        resp = auth_client.post(PARSE, {"text": text}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {
            "text": [
                "No amount found in the text. Say what it costs, e.g. "
                "'Netflix 15.99 monthly'."
            ]
        }

    def test_trial_without_end_cannot_be_created(self, auth_client):
        resp = auth_client.post(
            PARSE, {"text": "Max 9.99 free trial", "dry_run": False}, format="json"
        )
        assert resp.status_code == 400
        assert "Say when the free trial ends" in resp.json()["text"][0]

    def test_blank_text_is_400(self, auth_client):
        assert auth_client.post(PARSE, {"text": ""}, format="json").status_code == 400

    def test_ai_parse_through_gemini(self, auth_client, gemini_stub):
        gemini_stub.reply_json(
            {
                "name": "Spotify Premium",
                "provider": "Spotify",
                "amount": 10.99,
                "currency": "eur",
                "billing_cycle": "monthly",
                "custom_cycle_days": None,
                "start_date": None,
                "next_billing_date": None,
                "is_trial": False,
                "trial_end_date": None,
                "category": "Music",
                "payment_method": "paypal",
            }
        )
        body = auth_client.post(
            PARSE, {"text": "spotify premium 10.99 eur paypal"}, format="json"
        ).json()
        assert body["source"] == "ai"
        assert body["parsed_data"]["amount"] == "10.99"
        assert body["parsed_data"]["currency"] == "EUR"
        assert body["parsed_data"]["payment_method"] == "paypal"
        prompt = gemini_stub.prompts()[0]
        assert "Today is 2026-11-22" in prompt
        assert "spotify premium 10.99 eur paypal" in prompt

    def test_unusable_ai_parse_uses_the_fallback(self, auth_client, gemini_stub):
        gemini_stub.reply_json(
            {
                "name": "Netflix",
                "amount": None,
                "billing_cycle": "monthly",
                "is_trial": False,
            }
        )
        body = auth_client.post(
            PARSE, {"text": "Netflix 15.99 monthly"}, format="json"
        ).json()
        assert body["source"] == "fallback"
        assert body["parsed_data"]["amount"] == "15.99"
        assert body["error"] == (
            "The AI answer could not be used; used the built-in parser."
        )

    def test_custom_cycle_from_ai_needs_days(self, auth_client, gemini_stub):
        gemini_stub.reply_json(
            {
                "name": "Gym",
                "amount": 30,
                "billing_cycle": "custom",
                "custom_cycle_days": 0,
                "is_trial": False,
            }
        )
        body = auth_client.post(
            PARSE, {"text": "Gym 30 every 4 weeks"}, format="json"
        ).json()
        assert body["source"] == "fallback"
        assert body["parsed_data"]["custom_cycle_days"] == 28


def test_refused_creation_from_text_leaves_no_category(auth_client, user):
    SubscriptionFactory.create_batch(100, user=user)
    resp = auth_client.post(
        PARSE, {"text": "Hulu 7.99 monthly", "dry_run": False}, format="json"
    )
    assert resp.status_code == 400
    assert resp.json()["code"] == "limit_exceeded"
    assert not SubscriptionCategoryModel.objects.filter(user=user).exists()
    assert SubscriptionModel.objects.filter(user=user).count() == 100


def test_created_from_text_dates_are_bounded(auth_client):
    resp = auth_client.post(
        PARSE,
        {"text": "Netflix 15.99 monthly starting 9999-01-01", "dry_run": False},
        format="json",
    )
    assert resp.status_code == 400
    assert resp.json() == {"text": ["Use a date between 1900 and 2999."]}
    assert not SubscriptionModel.objects.exists()


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Box 5 every 0 weeks", "every 0 weeks"),
        ("Box 5 every 0 days", "every 0 days"),
        ("Cloud backup 99 every 400 days", "every 400 days"),
        ("Paper 20 every 53 weeks", "every 53 weeks"),
        ("Domain 30 every 11 years", "every 11 years"),
        ("Service 240 every 121 months", "every 121 months"),
    ],
)
def test_unsupported_cycles_are_refused_not_guessed(auth_client, text, phrase, dry_run):
    resp = auth_client.post(PARSE, {"text": text, "dry_run": dry_run}, format="json")
    assert resp.status_code == 400
    assert resp.json() == {
        "text": [
            f"'{phrase}' is not a billing cycle we support: cycles of 1 to 365 days, "
            "52 weeks, 120 months or 10 years are (e.g. 'every 4 weeks', 'every 6 "
            "months', 'every 2 years')."
        ]
    }
    assert not SubscriptionModel.objects.exists()


def test_every_52_weeks_is_a_364_day_cycle(auth_client):
    resp = auth_client.post(
        PARSE, {"text": "Newspaper 20 every 52 weeks", "dry_run": False}, format="json"
    )
    assert resp.status_code == 201
    assert resp.json()["subscription"]["custom_cycle_days"] == 364
