"""The budgets AI paths through the gateway, against the local Gemini stub:
AI answer used, invalid answer -> fallback, quota, cache (per purchase)."""

from datetime import date
from decimal import Decimal

import pytest

from budgets.tests.factories import plan_with
from expenses.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db
D = Decimal
INSIGHTS_URL = "/api/budgets/ai_insights/"
ADVICE_URL = "/api/budgets/purchase_advice/"
CLASSIFY_URL = "/api/budgets/classify/"
AI_ADVICE = {
    "decision": "wait",
    "reason": "It would leave 20.00 USD in Entertainment for eight days.",
    "alternative_suggestions": ["Wait for Black Friday deals."],
    "impact_on_budget": "Entertainment would be 80% used.",
}
AI_INSIGHTS = {
    "status": "watch",
    "summary": "Groceries are running ahead of plan.",
    "highlights": ["Groceries at 90%."],
    "month_over_month": ["Groceries +50%."],
    "recommendations": ["Move 40.00 from Entertainment to Groceries."],
}


@pytest.fixture
def month(user):
    """A November plan with spending, and October's spending to compare with."""
    plan = plan_with(
        user,
        allocations={"Groceries": "200.00", "Entertainment": "100.00"},
    )
    ExpenseFactory(
        user=user,
        category="Groceries",
        amount=D("250.00"),
        vendor="Whole Foods",
        notes="birthday party",
        transaction_date=date(2026, 11, 3),
    )
    ExpenseFactory(
        user=user,
        category="Groceries",
        amount=D("100.00"),
        transaction_date=date(2026, 10, 3),
    )
    return plan


class TestAdvice:
    def test_ai_answer_is_used_with_the_figures(
        self, frozen, auth_client, month, gemini_stub
    ) -> None:
        gemini_stub.reply_json(AI_ADVICE)
        resp = auth_client.post(
            ADVICE_URL,
            {"description": "concert tickets", "amount": "80"},
            format="json",
        )
        body = resp.json()
        assert resp.status_code == 200
        assert body["decision"] == "wait"
        assert body["reason"] == AI_ADVICE["reason"]
        assert body["source"] == "ai" and body["ai_used"] is True
        assert body["category"] == "Entertainment"
        assert body["check"]["remaining_in_category"] == "100.00"
        (prompt,) = gemini_stub.prompts()
        assert (
            '"necessity": 3' in prompt and '"remaining_in_category": "100.00"' in prompt
        )
        assert "birthday" not in prompt and "alice" not in prompt

    def test_cached_per_item_amount_and_day(
        self, frozen, auth_client, month, gemini_stub
    ) -> None:
        """The same question is served from the cache; another amount asks again."""
        gemini_stub.reply_json(AI_ADVICE)
        gemini_stub.reply_json({**AI_ADVICE, "decision": "buy"})
        ask = lambda amount: auth_client.post(  # noqa: E731
            ADVICE_URL,
            {"description": "concert tickets", "amount": amount},
            format="json",
        ).json()
        first, again, other = ask("80"), ask("80.00"), ask("20")
        assert (first["source"], again["source"], other["source"]) == (
            "ai",
            "cache",
            "ai",
        )
        assert other["decision"] == "buy"
        assert len(gemini_stub.requests) == 2

    def test_an_invalid_answer_falls_back_to_the_rules(
        self, frozen, auth_client, month, gemini_stub
    ) -> None:
        gemini_stub.reply_json({**AI_ADVICE, "decision": "maybe"})
        body = auth_client.post(
            ADVICE_URL,
            {"description": "PlayStation 5", "amount": "500"},
            format="json",
        ).json()
        assert body["decision"] == "dont_buy"
        assert body["source"] == "fallback"
        assert body["error"]

    def test_quota_spent_gives_the_rules(
        self, frozen, auth_client, month, gemini_stub, settings
    ) -> None:
        settings.AI_MAX_CALLS_PER_DAY = 0
        body = auth_client.post(
            ADVICE_URL,
            {"description": "PlayStation 5", "amount": "500"},
            format="json",
        ).json()
        assert body["fallback_used"] is True
        assert body["calls_remaining"] == 0
        assert "limit" in body["error"]
        assert gemini_stub.requests == []

    def test_the_flag_turns_the_ai_off(
        self, frozen, auth_client, month, gemini_stub, settings
    ) -> None:
        settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "BUDGET_AI_INSIGHTS": False}
        body = auth_client.post(
            ADVICE_URL,
            {"description": "PlayStation 5", "amount": "500"},
            format="json",
        ).json()
        assert body["source"] == "fallback"
        assert gemini_stub.requests == []


class TestClassify:
    def test_ai_answer(self, frozen, auth_client, gemini_stub) -> None:
        gemini_stub.reply_json(
            {
                "category": "Groceries",
                "confidence": 0.97,
                "alternative_categories": ["Shopping", "Pets", "Groceries"],
            }
        )
        body = auth_client.post(
            CLASSIFY_URL,
            {"description": "Weekly grocery shopping at Whole Foods", "amount": 150},
            format="json",
        ).json()
        assert body["category"] == "Groceries"
        assert body["necessity_score"] == 9
        assert body["confidence"] == 0.97
        assert body["alternative_categories"] == ["Shopping"]
        assert body["source"] == "ai"

    def test_fallback_is_the_expense_vocabulary(self, frozen, auth_client) -> None:
        """Without a key: the seed's example, with a real confidence."""
        body = auth_client.post(
            CLASSIFY_URL,
            {"description": "Weekly grocery shopping at Whole Foods", "amount": "150"},
            format="json",
        ).json()
        assert body["category"] == "Groceries"
        assert body["necessity_score"] == 9
        assert 0.6 <= body["confidence"] <= 0.95
        assert body["alternative_categories"] == ["Shopping"]
        assert body["source"] == "fallback"

    def test_unknown_category_from_ai_falls_back(
        self, frozen, auth_client, gemini_stub
    ) -> None:
        gemini_stub.reply_json({"category": "Pets", "confidence": 0.9})
        body = auth_client.post(
            CLASSIFY_URL, {"description": "dog food"}, format="json"
        ).json()
        assert body["source"] == "fallback"

    def test_bad_input(self, frozen, auth_client) -> None:
        for body, field in (
            ({}, "description"),
            ({"description": "x" * 501}, "description"),
            ({"description": "tea", "amount": "-1"}, "amount"),
        ):
            resp = auth_client.post(CLASSIFY_URL, body, format="json")
            assert resp.status_code == 400
            assert field in resp.json()


class TestInsights:
    def test_ai_envelope(self, frozen, auth_client, month, gemini_stub) -> None:
        gemini_stub.reply_json(AI_INSIGHTS)
        body = auth_client.get(INSIGHTS_URL).json()
        assert body["insights"] == AI_INSIGHTS
        assert body["source"] == "ai" and body["calls_remaining"] == 2
        (prompt,) = gemini_stub.prompts()
        assert '"total_spent": "250.00"' in prompt
        assert '"last_month_spent": "100.00"' in prompt
        assert "Whole Foods" not in prompt
        assert auth_client.get(INSIGHTS_URL).json()["source"] == "cache"

    def test_fallback_from_the_same_figures(self, frozen, auth_client, month) -> None:
        body = auth_client.get(INSIGHTS_URL).json()
        insights = body["insights"]
        assert body["source"] == "fallback"
        assert insights["status"] == "overspending"
        assert insights["summary"] == (
            "250.00 of 300.00 USD spent in 2026-11; at this pace the month ends at "
            "340.91 USD."
        )
        assert insights["highlights"] == [
            "Groceries is over budget by 50.00 USD (125.0% used)."
        ]
        assert insights["month_over_month"] == [
            "Groceries: 250.00 USD vs 100.00 last month (+150.0%)."
        ]
        assert insights["recommendations"][0].startswith(
            "Move 50.00 from Entertainment to Groceries"
        )

    def test_no_plan(self, frozen, auth_client) -> None:
        insights = auth_client.get(INSIGHTS_URL).json()["insights"]
        assert insights["status"] == "no_budget"
        assert insights["recommendations"] == [
            "Create a plan for the month from your income (Budgets, Create a plan)."
        ]

    def test_advice_a_person_reads_names_no_api_path(self, frozen, auth_client) -> None:
        """Without a plan (AI off) the advice, insights and 404 say where to go in
        words, never "POST /api/budgets/generate/"; the fallback is no error."""
        advice = auth_client.post(
            ADVICE_URL, {"description": "Bread", "amount": "4"}, format="json"
        ).json()
        insights = auth_client.get(INSIGHTS_URL).json()
        missing = auth_client.get("/api/budgets/summary/").json()
        for body in (advice, insights, missing):
            assert "/api/" not in str(body) and "POST" not in str(body)
        assert (advice["source"], advice["fallback_used"]) == ("fallback", True)
        assert "error" not in insights and advice["error"] is None

    def test_the_old_name_item_description_is_read_for_one_release(
        self, frozen, auth_client
    ) -> None:
        old = {"item_description": "Bread", "amount": "4"}
        new = {"description": "Bread", "amount": "4"}
        answers = [auth_client.post(ADVICE_URL, b, format="json") for b in (old, new)]
        assert answers[0].status_code == 200
        assert answers[0].json()["reason"] == answers[1].json()["reason"]
        both = auth_client.post(ADVICE_URL, {**old, **new}, format="json")
        assert both.json() == {
            "item_description": [
                "Send `description` only (`item_description` is its old name)."
            ]
        }

    def test_a_write_forgets_the_cached_insights(
        self, frozen, auth_client, month, gemini_stub, user
    ) -> None:
        """An expense (another feature's event) bumps the budgets cache version."""
        gemini_stub.reply_json(AI_INSIGHTS)
        gemini_stub.reply_json({**AI_INSIGHTS, "status": "overspending"})
        auth_client.get(INSIGHTS_URL)
        auth_client.post(
            "/api/expenses/", {"amount": "5", "category": "Groceries"}, format="json"
        )
        body = auth_client.get(INSIGHTS_URL).json()
        assert (body["source"], body["insights"]["status"]) == ("ai", "overspending")


@pytest.fixture
def saver(user):
    """The user saves for a house and plays it safe."""
    profile = user.profile
    profile.financial_goals = ["Save for a house down payment"]
    profile.risk_tolerance = "conservative"
    profile.save(update_fields=["financial_goals", "risk_tolerance"])
    return user


class TestTheProfilesGoals:
    def test_the_rules_name_the_goal_a_purchase_held_off_serves(
        self, frozen, auth_client, month, saver
    ) -> None:
        body = auth_client.post(
            ADVICE_URL,
            {"description": "PlayStation 5", "amount": "500"},
            format="json",
        ).json()
        assert (body["source"], body["decision"]) == ("fallback", "dont_buy")
        assert body["reason"].endswith(
            " Holding off keeps 500.00 toward your goal: Save for a house down payment."
        )

    def test_a_want_bought_by_a_cautious_user_says_so(
        self, frozen, auth_client, month, saver
    ) -> None:
        body = auth_client.post(
            ADVICE_URL,
            {
                "description": "Movie ticket",
                "amount": "12",
                "category": "Entertainment",
            },
            format="json",
        ).json()
        assert body["decision"] == "buy"
        assert body["reason"].endswith(
            " Keep your goal in sight: Save for a house down payment. You prefer to "
            "play it safe: keep a cushion for surprises first."
        )

    def test_the_prompts_carry_the_goals_and_risk_tolerance(
        self, frozen, auth_client, month, saver, gemini_stub
    ) -> None:
        gemini_stub.reply_json(AI_ADVICE)
        gemini_stub.reply_json(AI_INSIGHTS)
        auth_client.post(
            ADVICE_URL, {"description": "Lamp", "amount": "30"}, format="json"
        )
        auth_client.get(INSIGHTS_URL)
        for prompt in gemini_stub.prompts():
            assert '"goals": ["Save for a house down payment"]' in prompt
            assert '"risk_tolerance": "conservative"' in prompt
        assert len(gemini_stub.prompts()) == 2

    def test_the_rule_based_insights_end_with_the_goal(
        self, frozen, auth_client, month, saver
    ) -> None:
        recommendations = auth_client.get(INSIGHTS_URL).json()["insights"][
            "recommendations"
        ]
        assert recommendations[-2:] == [
            "Keep your goal in view: Save for a house down payment.",
            "You prefer to play it safe: cover the overspending from wants, not "
            "from your savings.",
        ]
