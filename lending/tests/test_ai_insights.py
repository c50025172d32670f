"""AI insights and AI parsing through the gateway, against the local Gemini stub,
and the rule-based insights on their own."""

from datetime import date
from decimal import Decimal

import pytest

from lending.balances import people, rows_of
from lending.insights import bucket_of, fallback_insights
from lending.models import LendingModel
from lending.tests.factories import LendingFactory, RepaymentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

INSIGHTS_URL = "/api/lending/insights/"
PARSE_URL = "/api/lending/parse_text/"
AI_INSIGHTS = {
    "summary": "Sam owes you 50.00 USD, three weeks late.",
    "reminders": [
        {"counterparty": "sam", "currency": "USD", "message": "Hey Sam! Pizza money?"},
        {"counterparty": "Nobody", "currency": "USD", "message": "Invented person."},
    ],
    "risk_by_person": [
        {"counterparty": "Sam", "currency": "USD", "level": "high", "reason": "Late."}
    ],
    "tips": ["Agree due dates.", "  "],
}


@pytest.fixture
def owed(user):
    """Sam: 50.00 USD for pizza, due 2026-11-01 (21 days late); Alex: a loan of
    100 days ago with no due date; Jo repaid on time; a debt of the user's."""
    sam = LendingFactory(user=user, due_date=date(2026, 11, 1), description="pizza")
    LendingFactory(
        user=user,
        counterparty_name="Alex",
        amount=Decimal("80.00"),
        lent_date=date(2026, 8, 14),
    )
    jo = LendingFactory(
        user=user,
        counterparty_name="Jo",
        amount=Decimal("10.00"),
        due_date=date(2026, 11, 5),
    )
    RepaymentFactory(lending=jo, amount=Decimal("10.00"), date=date(2026, 11, 4))
    LendingFactory(
        user=user,
        direction="borrowed",
        counterparty_name="Dad",
        amount=Decimal("200.00"),
        due_date=date(2026, 11, 25),
    )
    return sam


class TestFallback:
    def test_buckets(self):
        assert [bucket_of(d) for d in (0, 30, 31, 60, 61, 90, 91, 400)] == [
            "0-30",
            "0-30",
            "31-60",
            "31-60",
            "61-90",
            "61-90",
            "90+",
            "90+",
        ]

    def test_reminders_risk_ageing_and_money_at_risk(self, user, owed):
        rows = rows_of(user)
        result = fallback_insights(rows, people(rows), date(2026, 11, 22))
        (reminder,) = result["reminders"]
        assert reminder["counterparty"] == "Sam"
        assert reminder["days_overdue"] == 21
        assert reminder["message"] == (
            "Hi Sam, just a friendly reminder about the 50.00 USD for pizza from "
            "Nov 1 - it was due 21 days ago. Could you send it over when you get a "
            "chance? Thanks!"
        )
        levels = {(p["counterparty"], p["level"]) for p in result["risk_by_person"]}
        assert levels == {("Sam", "medium"), ("Alex", "low")}
        ageing = {(a["bucket"], a["amount"], a["count"]) for a in result["ageing"]}
        assert ageing == {
            ("0-30", Decimal("50.00"), 1),
            ("31-60", Decimal("0.00"), 0),
            ("61-90", Decimal("0.00"), 0),
            ("90+", Decimal("80.00"), 1),
        }
        assert result["at_risk"] == [
            {"currency": "USD", "total": Decimal("80.00"), "count": 1}
        ]
        assert any("You owe Dad 200.00 USD by 2026-11-25" in t for t in result["tips"])
        assert result["summary"].startswith("In USD you are owed 130.00 USD and owe")

    def test_nothing_open(self, user):
        rows = rows_of(user)
        result = fallback_insights(rows, people(rows), date(2026, 11, 22))
        assert result["summary"] == (
            "Nothing is outstanding: nobody owes you and you owe nobody."
        )
        assert result["reminders"] == result["ageing"] == result["at_risk"] == []


class TestInsights:
    def test_ai_words_on_our_figures(self, auth_client, owed, gemini_stub):
        gemini_stub.reply_json(AI_INSIGHTS)
        body = auth_client.get(INSIGHTS_URL).json()
        assert (body["source"], body["ai_used"], body["calls_remaining"]) == (
            "ai",
            True,
            2,
        )
        insights = body["insights"]
        assert insights["summary"] == AI_INSIGHTS["summary"]
        (reminder,) = insights["reminders"]  # the invented person is dropped
        assert reminder["message"] == "Hey Sam! Pizza money?"
        assert (reminder["amount"], reminder["lending_id"]) == ("50.00", owed.pk)
        assert insights["risk_by_person"][0]["level"] == "high"
        assert insights["risk_by_person"][0]["owed"] == "50.00"
        assert len(insights["ageing"]) == 4
        assert insights["tips"] == ["Agree due dates."]
        (prompt,) = gemini_stub.prompts()
        assert "pizza" in prompt and "2026-11-01" in prompt
        assert "alice" not in prompt

    def test_a_cached_answer_until_a_write(self, auth_client, user, owed, gemini_stub):
        gemini_stub.reply_json(AI_INSIGHTS)
        auth_client.get(INSIGHTS_URL)
        again = auth_client.get(INSIGHTS_URL).json()
        assert (again["source"], again["from_cache"]) == ("cache", True)
        auth_client.post(
            f"/api/lending/{owed.pk}/repay/", {"amount": "5.00"}, format="json"
        )
        gemini_stub.reply_json(AI_INSIGHTS)
        assert auth_client.get(INSIGHTS_URL).json()["source"] == "ai"
        assert len(gemini_stub.requests) == 2

    @pytest.mark.parametrize(
        "reply",
        [("status", 500), ("status", 429), ("text", "not json"), ("json", {"x": 1})],
    )
    def test_an_unusable_ai_answer_falls_back(
        self, auth_client, owed, gemini_stub, reply
    ):
        kind, value = reply
        {
            "status": gemini_stub.reply_status,
            "text": gemini_stub.reply_text,
            "json": gemini_stub.reply_json,
        }[kind](value)
        body = auth_client.get(INSIGHTS_URL).json()
        assert (body["source"], body["fallback_used"]) == ("fallback", True)
        assert body["error"]
        assert body["insights"]["reminders"][0]["counterparty"] == "Sam"

    def test_an_empty_summary_is_unusable(self, auth_client, owed, gemini_stub):
        gemini_stub.reply_json({**AI_INSIGHTS, "summary": " "})
        body = auth_client.get(INSIGHTS_URL).json()
        assert body["source"] == "fallback"

    def test_quota_then_fallback(self, auth_client, user, owed, gemini_stub, settings):
        settings.AI_MAX_CALLS_PER_DAY = 0
        body = auth_client.get(INSIGHTS_URL).json()
        assert body["source"] == "fallback"
        assert "Daily AI limit reached" in body["error"]
        assert gemini_stub.requests == []


class TestAIParse:
    def test_ai_parse_is_used_and_recorded(self, auth_client, gemini_stub):
        gemini_stub.reply_json(
            {
                "kind": "loan",
                "direction": "borrowed",
                "counterparty": "Grandma Rose",
                "amount": 120,
                "currency": "eur",
                "date": "2026-11-20",
                "due_date": "2026-12-24",
                "description": "new phone",
                "confidence": 0.9,
            }
        )
        resp = auth_client.post(
            PARSE_URL,
            {"text": "Grandma Rose lent me 120 euros on Friday"},
            format="json",
        )
        assert resp.status_code == 201, resp.content
        body = resp.json()
        assert body["source"] == "ai"
        record = LendingModel.objects.get()
        assert (record.counterparty_name, record.currency, record.amount) == (
            "Grandma Rose",
            "EUR",
            Decimal("120.00"),
        )
        assert (record.lent_date, record.due_date) == (
            date(2026, 11, 20),
            date(2026, 12, 24),
        )

    @pytest.mark.parametrize(
        "wrong",
        [{"counterparty": ""}, {"kind": "gift"}, {"direction": "given"}],
        ids=["no person", "unknown kind", "unknown direction"],
    )
    def test_an_unusable_ai_parse_falls_back_to_the_parser(
        self, auth_client, gemini_stub, wrong
    ):
        gemini_stub.reply_json(
            {
                "kind": "loan",
                "direction": "lent",
                "counterparty": "Sam",
                "amount": 5,
                "confidence": 0.4,
                **wrong,
            }
        )
        resp = auth_client.post(PARSE_URL, {"text": "lent Sam 5"}, format="json")
        assert resp.status_code == 201
        assert resp.json()["source"] == "fallback"
        assert resp.json()["parsed_data"]["counterparty"] == "Sam"
