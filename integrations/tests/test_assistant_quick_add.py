"""Quick add (the web app's one box) over the known week, through the API with no
AI key: issue 21's examples, bare tasks and list adds with no verb come back as the
write a person meant, with what was understood in `objects[].data`; questions and
small talk never turn into tasks."""

import pytest

from integrations.tests.assistant_eval import chat
from todos.models import TodoModel

pytestmark = pytest.mark.django_db




@pytest.mark.parametrize(
    ("message", "intent", "understood"),
    [
        ("coffee 4.50 at Starbucks", "log_expense",
         {"amount": "4.50", "vendor": "Starbucks", "category": "Food & Dining"}),
        ("call mom tomorrow at 5pm", "add_todo",
         {"title": "Call mom", "due_date": "2026-11-23", "due_time": "17:00:00"}),
        ("lent Sam 20", "record_loan",
         {"counterparty_name": "Sam", "amount": "20.00", "direction": "lent"}),
        ("milk and eggs on the shopping list", "add_list_items",
         {"list": "Shopping", "items": ["milk", "eggs"]}),
        ("can I afford a $300 jacket?", "purchase_advice",
         {"decision": "wait", "category": "Shopping"}),
        ("pay the electricity bill friday", "add_todo",
         {"title": "Pay the electricity bill", "due_date": "2026-11-27"}),
        ("dentist on the 14th at 3pm", "add_todo",
         {"title": "Dentist", "due_date": "2026-12-14", "due_time": "15:00:00"}),
        ("buy milk", "add_todo", {"title": "Buy milk", "due_date": None}),
        ("eggs and bread to the list", "add_list_items",
         {"list": "Shopping", "items": ["eggs", "bread"]}),
    ],
)  # fmt: skip
def test_issue_21_quick_add_examples(week, message, intent, understood):
    body = chat(week, message)
    assert body["intent"] == intent, body["reply"]
    data = body["objects"][0]["data"]
    assert {key: data.get(key) for key in understood} == understood
    assert body["executed"] is False


def test_a_quick_add_task_is_written_on_confirm(week):
    chat(week, "call mom tomorrow at 5pm")
    done = chat(week, "yes")
    assert done["executed"] is True
    made = TodoModel.objects.get(pk=done["objects"][0]["id"])
    assert (made.title, str(made.due_date), str(made.due_time)) == (
        "Call mom", "2026-11-23", "17:00:00",
    )  # fmt: skip


@pytest.mark.parametrize(
    "message",
    ["hello", "good morning", "tell me a joke", "what's due tomorrow?",
     "what's on my shopping list?", "can I buy milk tomorrow?"],
)  # fmt: skip
def test_questions_and_small_talk_are_not_tasks(week, message):
    assert chat(week, message)["intent"] != "add_todo"
