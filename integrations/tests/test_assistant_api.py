"""`/api/assistant/`: every intent through the rule-based router reaches the owning
feature's service, writes are proposed before they are made, the history is each
user's own, the chat is throttled, and Gemini's routing is used when it answers."""

from decimal import Decimal

import pytest

from expenses.models import ExpenseModel
from integrations.assistant.models import ChatMessageModel
from lending.models import LendingModel
from lists.models import ListItemModel
from subscriptions.models import SubscriptionModel
from todos.models import TodoModel

CHAT = "/api/assistant/chat/"
HISTORY = "/api/assistant/history/"
SETTINGS = "/api/assistant/settings/"

pytestmark = pytest.mark.django_db

WRITES = [
    ("Spent $50 on gas yesterday", "log_expense", "expenses", ExpenseModel),
    ("Netflix 15.99 monthly", "add_subscription", "subscriptions", SubscriptionModel),
    ("remind me to call mom tomorrow at 5pm", "add_todo", "todos", TodoModel),
    ("add milk and eggs to my shopping list", "add_list_items", "lists",
     ListItemModel),
    ("lent Sam 20", "record_loan", "lending", LendingModel),
]  # fmt: skip


def _chat(client, message, **extra):
    response = client.post(CHAT, {"message": message, **extra}, format="json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.mark.parametrize(("message", "intent", "feature", "model"), WRITES)
def test_a_write_is_proposed_then_made_once_confirmed(
    frozen, auth_client, user, message, intent, feature, model
):
    proposal = _chat(auth_client, message)
    assert (proposal["intent"], proposal["feature"]) == (intent, feature)
    assert proposal["needs_confirmation"] is True and proposal["executed"] is False
    assert "confirm" in proposal["reply"]
    assert model.objects.count() == 0
    assert proposal["source"] == "fallback" and proposal["fallback_used"] is True

    done = _chat(auth_client, message, confirm=True)
    assert done["executed"] is True and done["reply"].startswith(("Done", "Added"))
    assert model.objects.count() >= 1
    assert {obj["id"] for obj in done["objects"]} == set(
        model.objects.values_list("pk", flat=True)
    )


def test_the_written_objects_are_what_the_words_say(frozen, auth_client, user):
    _chat(auth_client, "Spent $50 on gas yesterday", confirm=True)
    expense = ExpenseModel.objects.get()
    assert expense.amount == Decimal("50.00")
    assert str(expense.transaction_date) == "2026-11-21"
    _chat(auth_client, "remind me to call mom tomorrow at 5pm", confirm=True)
    todo = TodoModel.objects.get()
    assert todo.title == "Call mom" and str(todo.due_date) == "2026-11-23"
    _chat(auth_client, "Sam paid me back 10", confirm=False)
    _chat(auth_client, "lent Sam 20", confirm=True)
    repaid = _chat(auth_client, "Sam paid me back 10", confirm=True)
    assert repaid["intent"] == "record_repayment" and repaid["executed"] is True
    assert LendingModel.objects.get().repaid_amount == Decimal("10.00")


def test_acting_directly_is_a_setting(frozen, auth_client, user):
    assert auth_client.get(SETTINGS).json() == {"act_directly": False}
    response = auth_client.patch(SETTINGS, {"act_directly": True}, format="json")
    assert response.json() == {"act_directly": True}
    assert _chat(auth_client, "parking 6")["executed"] is True
    assert ExpenseModel.objects.count() == 1


def test_questions_are_answered_at_once(frozen, auth_client, user):
    advice = _chat(auth_client, "Should I buy a $500 PlayStation 5?")
    assert advice["intent"] == "purchase_advice" and advice["feature"] == "budgets"
    assert advice["executed"] is False and advice["needs_confirmation"] is False
    budget = _chat(auth_client, "how much can I still spend on dining?")
    assert budget["intent"] == "budget_question"
    assert "no budget" in budget["reply"]
    due = _chat(auth_client, "what's due this week?")
    assert due["intent"] == "whats_due" and due["reply"].startswith("Nothing is due")


def test_nothing_understood_answers_with_examples(auth_client):
    body = _chat(auth_client, "tell me a joke")
    assert body["intent"] == "unknown" and body["feature"] is None
    assert "Spent $50 on gas yesterday" in body["reply"]


def test_a_feature_refusal_is_a_reply_not_an_error(frozen, auth_client, user):
    body = _chat(auth_client, "Sam paid me back 10", confirm=True)
    assert body["intent"] == "record_repayment" and body["executed"] is False
    assert body["reply"].startswith("I couldn't do that")


def test_history_is_paginated_and_each_users_own(auth_client, other_client, user):
    _chat(auth_client, "hello")
    _chat(other_client, "what can you do?")
    mine = auth_client.get(HISTORY).json()
    assert mine["count"] == 2
    assert [m["role"] for m in mine["results"]] == ["assistant", "user"]
    assert mine["results"][1]["content"] == "hello"
    assert auth_client.delete(HISTORY).json() == {"deleted": 2}
    assert auth_client.get(HISTORY).json()["count"] == 0
    assert other_client.get(HISTORY).json()["count"] == 2
    assert ChatMessageModel.objects.filter(user=user).count() == 2  # soft


@pytest.mark.parametrize(
    "body",
    [{}, {"message": ""}, {"message": "   "}, {"message": "x" * 1001},
     {"message": "hi", "extra": 1}, {"message": "hi", "confirm": "maybe"}],
)  # fmt: skip
def test_bad_input_is_a_400_naming_the_field(auth_client, body):
    response = auth_client.post(CHAT, body, format="json")
    assert response.status_code == 400
    assert set(response.json()) & {"message", "confirm", "extra"}


def test_ten_messages_a_minute_while_the_ai_is_on(auth_client, gemini_stub):
    for _ in range(10):
        assert (
            auth_client.post(CHAT, {"message": "hi"}, format="json").status_code == 200
        )
    assert auth_client.post(CHAT, {"message": "hi"}, format="json").status_code == 429


def test_with_the_ai_off_quick_add_is_not_held_to_the_chats_limit(auth_client):
    for _ in range(12):
        body = _chat(auth_client, "coffee 4.50")
        assert body["intent"] == "log_expense" and body["source"] == "fallback"


def test_gemini_routes_when_it_answers(frozen, auth_client, user, gemini_stub):
    gemini_stub.reply_json({"intent": "whats_due", "period": "today"})
    body = _chat(auth_client, "anything on my plate?")
    assert body["intent"] == "whats_due" and body["source"] == "ai"
    assert body["ai_used"] is True
    assert "anything on my plate?" in gemini_stub.prompts()[0]


def test_an_unusable_gemini_answer_falls_back_to_the_router(
    frozen, auth_client, user, gemini_stub
):
    gemini_stub.reply_json({"intent": "log_expense", "amount": "minus five"})
    body = _chat(auth_client, "lent Sam 20")
    assert body["intent"] == "record_loan" and body["fallback_used"] is True


def test_both_sides_of_an_exchange_are_one_insert(frozen, auth_client):
    from django.db import connection

    statements: list[str] = []

    def record(execute, sql, *args):
        statements.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        body = _chat(auth_client, "what is due this week?")
    inserts = [q for q in statements if q.startswith("INSERT INTO")]
    assert [q.split()[2] for q in inserts] == ['"assistant_chat_messages"']
    history = auth_client.get("/api/assistant/history/").json()
    rows = history["results"] if isinstance(history, dict) else history
    assert [m["role"] for m in rows[:2]] == ["assistant", "user"]
    assert rows[0]["message_id"] == body["message_id"]
