"""The assistant over a known week (`assistant_week.py`), through the API with no AI
key: every intent through the rule-based router, a follow-up chain, corrections,
undo, the repayment the right way round; with the Gemini stub, one AI call a
message; only chat messages count against the chat's limit."""

from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from integrations.tests.assistant_eval import CHAT, chat, judge
from integrations.tests.assistant_tuned import TUNED
from lending.models import LendingModel
from mysphere_core.models import AIUsageModel
from subscriptions.models import SubscriptionModel
from todos.models import TodoModel

pytestmark = pytest.mark.django_db
# The first tuned case of every intent (the bench measures them all).
ONE_PER_INTENT = list({case.intent: case for case in reversed(TUNED)}.values())


@pytest.mark.parametrize("case", ONE_PER_INTENT, ids=lambda case: case.intent)
def test_every_intent_through_the_fallback(week, case):
    for earlier in case.before:
        chat(week, earlier)
    body = chat(week, case.message)
    outcome = judge(case, body)
    assert outcome.answer_ok, (body["intent"], body["slots"], body["reply"])
    assert body["source"] == "fallback"


def test_a_follow_up_chain(week):
    assert "329.60" in chat(week, "how much have I spent this month?")["reply"]
    last_month = chat(week, "and last month?")
    assert last_month["intent"] == "spending" and "100.20" in last_month["reply"]
    coffee = chat(week, "and coffee?")
    assert coffee["slots"] == {"period": "last_month", "topic": "coffee"}
    assert "5.20" in coffee["reply"]
    assert "70.00" in chat(week, "how much does Ana owe me?")["reply"]
    assert "30.00" in chat(week, "what about Ben?")["reply"]


def test_yes_carries_out_the_proposal_and_no_corrects_it(week):
    before = ExpenseModel.objects.count()
    proposal = chat(week, "spent 12 on lunch")
    assert proposal["needs_confirmation"] and ExpenseModel.objects.count() == before
    corrected = chat(week, "no, make it 15")
    assert corrected["needs_confirmation"] and "15.00" in corrected["reply"]
    done = chat(week, "yes")
    assert done["intent"] == "log_expense" and done["executed"] is True
    assert ExpenseModel.objects.latest("pk").amount == Decimal("15.00")
    assert chat(week, "yes")["reply"] == "There is nothing waiting for a yes."
    chat(week, "lent Sam 20")
    assert chat(week, "no")["reply"] == "OK, I won't do it."
    assert not LendingModel.objects.filter(counterparty_name="Sam").exists()


def test_undo_reverts_the_last_write_then_the_one_before(week):
    chat(week, "cancel netflix")
    chat(week, "yes")
    assert SubscriptionModel.objects.get(name="Netflix").status == "cancelled"
    chat(week, "mark call mom as done")
    chat(week, "yes")
    assert TodoModel.objects.get(title="Call mom").status == "completed"
    first = chat(week, "undo that")
    assert (first["intent"], first["feature"]) == ("undo", "todos")
    assert TodoModel.objects.get(title="Call mom").status == "pending"
    second = chat(week, "undo")
    assert second["feature"] == "subscriptions" and "Netflix" in second["reply"]
    netflix = SubscriptionModel.objects.get(name="Netflix")
    assert (netflix.status, netflix.end_date, netflix.cancelled_at) == (
        "active", None, None,
    )  # fmt: skip
    assert chat(week, "undo")["reply"] == "There is nothing of mine to undo."


def test_a_repayment_goes_the_right_way_round(week):
    expenses = ExpenseModel.objects.count()
    lisa = chat(week, "I paid Lisa back the 18.40", confirm=True)
    assert lisa["slots"]["direction"] == "borrowed" and lisa["executed"]
    ana = chat(week, "Ana paid me 10", confirm=True)
    assert ana["slots"]["direction"] == "lent"
    assert LendingModel.objects.get(counterparty_name="Lisa").status == "repaid"
    assert LendingModel.objects.get(counterparty_name="Ana").repaid_amount == 10
    assert ExpenseModel.objects.count() == expenses


def test_money_in_objects_is_a_decimal_string(week):
    body = chat(week, "Spent $50 on gas yesterday")
    assert body["objects"][0]["data"]["amount"] == "50.00"
    assert body["slots"]["amount"] == "50.00"


def test_one_ai_call_a_message_routes_and_extracts(week, gemini_stub):
    gemini_stub.reply_json({"intent": "log_expense", "amount": "50"})
    body = chat(week, "Spent $50 on gas yesterday", confirm=True)
    assert (body["intent"], body["source"], body["executed"]) == (
        "log_expense", "ai", True,
    )  # fmt: skip
    assert len(gemini_stub.prompts()) == 1
    assert "record_repayment" in gemini_stub.prompts()[0]
    usage = AIUsageModel.objects.values_list("feature", "calls")
    assert list(usage) == [("integrations", 1)]


def test_a_follow_up_asks_the_ai_with_the_previous_turn(week, gemini_stub):
    gemini_stub.reply_json({"intent": "spending", "period": "this_month"})
    chat(week, "what did I spend this month?")
    gemini_stub.reply_json({"intent": "spending", "period": "last_month"})
    body = chat(week, "y el mes pasado?")
    assert body["source"] == "ai" and "100.20" in body["reply"]
    assert '"intent": "spending"' in gemini_stub.prompts()[1]


def test_only_chat_messages_count_against_the_chat_limit(auth_client, gemini_stub):
    for _ in range(12):
        assert auth_client.get("/api/assistant/history/").status_code == 200
    for _ in range(10):
        assert chat(auth_client, "hi")["intent"] == "unknown"
    response = auth_client.post(CHAT, {"message": "hi"}, format="json")
    assert response.status_code == 429
    assert auth_client.get("/api/assistant/history/").status_code == 200


def test_a_feature_turned_off_is_not_answered(week, settings):
    settings.FEATURE_FLAGS = {**settings.FEATURE_FLAGS, "LENDING_FEATURE": False}
    body = chat(week, "how much do I owe people?")
    assert (body["intent"], body["feature"]) == ("unknown", None)
    assert "48.40" not in body["reply"]
