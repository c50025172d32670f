"""AI insights and AI parsing through the gateway, against the local Gemini stub."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.throttling import ScopedRateThrottle

from expenses.ai_insights import ExpenseAIInsights
from expenses.models import ExpenseModel
from expenses.tests.factories import ExpenseFactory
from expenses.tests.parser_cases import RULE_BOOK_CASES

pytestmark = pytest.mark.django_db

INSIGHTS_URL = "/api/expenses/ai_insights/"
PARSE_URL = "/api/expenses/parse_text/"
AI_INSIGHTS = {
    "summary": "You spent 45.00 USD this month, mostly on food.",
    "spending_trends": ["Food spending doubled in the last week."],
    "budget_recommendations": ["Cap eating out at 60.00 USD a week."],
    "category_insights": [{"category": "Food & Dining", "insight": "Mostly lunches."}],
    "alerts": [{"level": "warning", "message": "A 40.00 USD dinner on Nov 20."}],
}
AI_PARSE = {
    "amount": 4.75,
    "currency": "USD",
    "category": "Food & Dining",
    "vendor": "Starbucks",
    "date": "2026-11-21",
    "payment_method": "card",
    "confidence": 0.9,
}


@pytest.fixture
def spending(user):
    ExpenseFactory(
        user=user,
        amount=Decimal("40.00"),
        vendor="Nobu",
        notes="anniversary",
        transaction_date=date(2026, 11, 20),
    )
    ExpenseFactory(
        user=user, amount=Decimal("5.00"), transaction_date=date(2026, 11, 2)
    )


class TestInsights:
    def test_ai_answer_with_the_envelope(
        self, frozen, auth_client, spending, gemini_stub
    ):
        gemini_stub.reply_json(AI_INSIGHTS)
        resp = auth_client.get(INSIGHTS_URL)
        assert resp.status_code == 200
        body = resp.json()
        assert body["insights"] == AI_INSIGHTS
        assert body["source"] == "ai"
        assert body["ai_used"] is True and body["fallback_used"] is False
        assert body["from_cache"] is False
        assert body["calls_remaining"] == 2
        assert body["generated_at"] == "2026-11-22T12:00:00Z"
        assert "error" not in body

    def test_prompt_has_figures_and_profile_but_no_identity_or_notes(
        self, frozen, auth_client, spending, gemini_stub
    ):
        gemini_stub.reply_json(AI_INSIGHTS)
        auth_client.get(INSIGHTS_URL)
        (prompt,) = gemini_stub.prompts()
        assert '"today": "2026-11-22"' in prompt
        assert '"total": "45.00"' in prompt
        assert "Nobu" in prompt and "Food & Dining" in prompt
        assert '"currency": "USD"' in prompt
        assert "alice" not in prompt and "anniversary" not in prompt
        body = gemini_stub.requests[0]["body"]
        schema = body["generationConfig"]["responseSchema"]
        assert set(schema["required"]) == set(
            ExpenseAIInsights.INSIGHTS_SCHEMA["required"]
        )

    def test_cached_for_the_day_until_an_expense_changes(
        self, frozen, auth_client, spending, gemini_stub
    ):
        gemini_stub.reply_json(AI_INSIGHTS)
        assert auth_client.get(INSIGHTS_URL).json()["source"] == "ai"
        cached = auth_client.get(INSIGHTS_URL).json()
        assert cached["source"] == "cache" and cached["from_cache"] is True
        assert len(gemini_stub.requests) == 1

        resp = auth_client.post("/api/expenses/", {"amount": "3.00"}, format="json")
        assert resp.status_code == 201
        gemini_stub.reply_json(AI_INSIGHTS)
        assert auth_client.get(INSIGHTS_URL).json()["source"] == "ai"
        assert len(gemini_stub.requests) == 2

    def test_quota_of_three_then_rule_based_from_real_data(
        self, frozen, auth_client, spending, gemini_stub
    ):
        for index in range(3):
            gemini_stub.reply_json(AI_INSIGHTS)
            assert auth_client.get(INSIGHTS_URL).json()["source"] == "ai"
            auth_client.post(
                "/api/expenses/", {"amount": f"{index + 1}"}, format="json"
            )
        fourth = auth_client.get(INSIGHTS_URL).json()
        assert fourth["source"] == "fallback"
        assert fourth["calls_remaining"] == 0
        assert fourth["error"].startswith("Daily AI limit reached")
        assert fourth["insights"]["summary"].startswith(
            "In the last 30 days you spent 51.00 USD over 5 expenses"
        )
        assert len(gemini_stub.requests) == 3

    @pytest.mark.parametrize(
        "queue",
        [
            lambda s: s.reply_status(500),
            lambda s: s.reply_text("not json"),
            lambda s: s.reply_json({"summary": "only a summary"}),
        ],
        ids=["500", "not-json", "wrong-shape"],
    )
    def test_ai_failure_falls_back(
        self, frozen, auth_client, spending, gemini_stub, queue
    ):
        queue(gemini_stub)
        body = auth_client.get(INSIGHTS_URL).json()
        assert body["source"] == "fallback" and body["fallback_used"] is True
        assert body["error"]
        assert body["insights"]["spending_trends"][0].startswith(
            "Last 7 days: 40.00 USD"
        )

    def test_flag_off_means_rules_without_a_request(
        self, frozen, auth_client, spending, gemini_stub, settings
    ):
        settings.FEATURE_FLAGS = {
            **settings.FEATURE_FLAGS,
            "EXPENSE_AI_INSIGHTS": False,
        }
        body = auth_client.get(INSIGHTS_URL).json()
        assert body["source"] == "fallback"
        assert gemini_stub.requests == []

    def test_without_a_key_no_request_is_made(self, frozen, auth_client, spending):
        body = auth_client.get(INSIGHTS_URL).json()
        assert (body["source"], body["fallback_used"]) == ("fallback", True)
        assert "error" not in body  # AI off is not a failure: said once, in source

    def test_ai_endpoints_are_throttled(self, auth_client, monkeypatch):
        monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "ai", "2/minute")
        codes = [auth_client.get(INSIGHTS_URL).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert auth_client.get("/api/expenses/").status_code == 200


class TestParseText:
    def test_ai_parse_creates_the_expense(self, frozen, auth_client, user, gemini_stub):
        gemini_stub.reply_json(AI_PARSE)
        text = "Coffee at Starbucks for $4.75 yesterday on my card"
        resp = auth_client.post(PARSE_URL, {"text": text}, format="json")
        assert resp.status_code == 201
        body = resp.json()
        assert body["source"] == "ai" and body["ai_used"] is True
        assert body["fallback_used"] is False
        assert body["parsed_data"] == {
            **AI_PARSE,
            "amount": "4.75",
            "expense_type": "expense",
        }
        expense = ExpenseModel.objects.get(user=user)
        assert body["expense"]["expense_id"] == expense.pk
        assert expense.amount == Decimal("4.75")
        assert expense.transaction_date == date(2026, 11, 21)
        assert expense.payment_method == "card"
        assert expense.raw_text == text
        assert expense.ai_suggested_category == "Food & Dining"
        assert expense.confidence == Decimal("0.900")
        (prompt,) = gemini_stub.prompts()
        assert "Today is Sunday 2026-11-22" in prompt
        assert "default currency is USD" in prompt
        assert '"Coffee at Starbucks for $4.75 yesterday on my card"' in prompt

    def test_same_text_same_day_is_served_from_the_parse_cache(
        self, frozen, auth_client, gemini_stub
    ):
        gemini_stub.reply_json(AI_PARSE)
        body = {"text": "Starbucks 4.75", "confirm_duplicates": True}
        for _ in range(2):
            auth_client.post(PARSE_URL, body, format="json")
        assert len(gemini_stub.requests) == 1
        assert ExpenseModel.objects.count() == 2

    @pytest.mark.parametrize(
        "answer",
        [
            {**AI_PARSE, "amount": None},
            {**AI_PARSE, "amount": -4},
            {**AI_PARSE, "date": "2026-13-45"},
            {**AI_PARSE, "date": "1990-01-01"},
            {**AI_PARSE, "category": "Coffee"},
        ],
        ids=["null-amount", "negative", "bad-date", "ancient-date", "bad-category"],
    )
    def test_unusable_ai_answers_use_the_built_in_parser(
        self, frozen, auth_client, gemini_stub, answer
    ):
        gemini_stub.reply_json(answer)
        resp = auth_client.post(
            PARSE_URL, {"text": "Lunch at Pizza Hut $15.99"}, format="json"
        )
        assert resp.status_code == 201
        body = resp.json()
        assert body["source"] == "fallback" and body["fallback_used"] is True
        assert body["parsed_data"]["amount"] == "15.99"
        assert body["parsed_data"]["vendor"] == "Pizza Hut"

    def test_ai_outage_uses_the_built_in_parser(self, frozen, auth_client, gemini_stub):
        gemini_stub.reply_status(503)
        resp = auth_client.post(PARSE_URL, {"text": "Uber 12.40"}, format="json")
        assert resp.status_code == 201
        assert resp.json()["error"].endswith("Used the built-in parser.")
        assert resp.json()["parsed_data"]["category"] == "Travel"

    def test_unknown_currency_or_method_from_the_ai_is_normalised(
        self, frozen, auth_client, gemini_stub
    ):
        gemini_stub.reply_json({**AI_PARSE, "currency": "dollars", "vendor": None})
        body = auth_client.post(
            PARSE_URL, {"text": "coffee 4.75"}, format="json"
        ).json()
        assert body["parsed_data"]["currency"] == "USD"
        assert body["parsed_data"]["vendor"] == ""


class TestParseTextWithoutAI:
    @pytest.mark.parametrize(
        "text, amount, currency, day, category, vendor", RULE_BOOK_CASES
    )
    def test_rule_book_examples_are_saved(
        self, frozen, auth_client, user, text, amount, currency, day, category, vendor
    ):
        resp = auth_client.post(PARSE_URL, {"text": text}, format="json")
        assert resp.status_code == 201
        body = resp.json()
        assert body["source"] == "fallback"
        assert body["ai_used"] is False and body["fallback_used"] is True
        assert body["parsed_data"]["amount"] == amount
        assert body["parsed_data"]["currency"] == currency
        expense = body["expense"]
        assert (expense["amount"], expense["category"]) == (amount, category)
        assert (expense["vendor"], expense["transaction_date"]) == (vendor, day)
        assert ExpenseModel.objects.get(user=user).raw_text == text

    def test_dates_are_the_users_local_dates(self, frozen, make_user, client_for):
        # 12:00 UTC on Nov 22 is 01:00 on Nov 23 in Auckland.
        kiwi = make_user(
            "kiwi", profile={"timezone": "Pacific/Auckland", "currency": "NZD"}
        )
        body = (
            client_for(kiwi)
            .post(PARSE_URL, {"text": "Flat white $5 yesterday"}, format="json")
            .json()
        )
        assert body["parsed_data"]["date"] == "2026-11-22"
        assert body["parsed_data"]["currency"] == "NZD"

    def test_dry_run_saves_nothing(self, frozen, auth_client):
        resp = auth_client.post(
            PARSE_URL, {"text": "Uber 12.40", "dry_run": True}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["expense"] is None
        assert resp.json()["dry_run"] is True
        assert not ExpenseModel.objects.exists()

    @pytest.mark.parametrize("text", ["Coffee at Starbucks", "lunch yesterday", "0"])
    def test_no_amount_is_400_and_nothing_saved(self, auth_client, gemini_stub, text):
        resp = auth_client.post(PARSE_URL, {"text": text}, format="json")
        assert resp.status_code == 400
        assert resp.json() == {"text": ["No amount found in the text."]}
        assert not ExpenseModel.objects.exists()
        # at most one AI call (its 500s tried up to 3 times), none without digits
        assert len(gemini_stub.requests) <= (3 if any(c.isdigit() for c in text) else 0)

    @pytest.mark.parametrize(
        "body, field",
        [({}, "text"), ({"text": ""}, "text"), ({"text": "x" * 501}, "text"),
         ({"text": "lunch 5", "dry_run": "maybe"}, "dry_run")],
    )  # fmt: skip
    def test_bad_requests(self, auth_client, body, field):
        resp = auth_client.post(PARSE_URL, body, format="json")
        assert resp.status_code == 400 and field in resp.json()

    @pytest.mark.parametrize("dry_run", [False, True])
    def test_dates_out_of_range_are_400_on_text(self, auth_client, dry_run):
        resp = auth_client.post(
            PARSE_URL,
            {"text": "5 dollars on 1850-01-01", "dry_run": dry_run},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "text": [
                "The date 1850-01-01 is out of range. Use a date between 1900 and "
                "2999."
            ]
        }
        assert not ExpenseModel.objects.exists()

    def test_a_refund_is_saved_as_a_refund(self, frozen, auth_client):
        resp = auth_client.post(
            PARSE_URL, {"text": "got a refund of $20 from Amazon"}, format="json"
        )
        assert resp.status_code == 201
        assert resp.json()["parsed_data"]["expense_type"] == "refund"
        assert resp.json()["expense"]["expense_type"] == "refund"

    @pytest.mark.parametrize("dry_run", [True, False])
    def test_an_impossible_date_is_400_on_text(self, auth_client, dry_run):
        resp = auth_client.post(
            PARSE_URL,
            {"text": "spent 10 on 2025-02-29", "dry_run": dry_run},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {"text": ["2025-02-29 is not a real date."]}
        assert not ExpenseModel.objects.exists()

    @pytest.mark.parametrize("dry_run", [True, False])
    def test_amount_over_the_maximum_is_400_on_text(self, auth_client, dry_run):
        resp = auth_client.post(
            PARSE_URL, {"text": "TV $20,000", "dry_run": dry_run}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "text": [
                "The amount 20000.00 is over the maximum of 10000.00 for one expense."
            ]
        }
        assert not ExpenseModel.objects.exists()
