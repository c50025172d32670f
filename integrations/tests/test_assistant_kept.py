"""A question's kept answer: "what is due this week?" asked again is answered from
the user's versioned cache, and after any write of what it reads (or of the
profile) it is the same answer as a fresh one; the history and the conversation
stay as they were. What a message starts from (the last context, the settings,
today's AI calls) is one statement."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrations.tests.assistant_eval import chat
from mysphere_core.models import AIUsageModel

pytestmark = pytest.mark.django_db
DUE = "what is due this week?"


def _post(client, url, data):
    response = client.post(url, data, format="json")
    assert response.status_code in (200, 201), response.content[:300]


def _complete_rent(client):
    rent = client.get("/api/todos/", {"search": "rent"}).json()["results"][0]
    _post(client, f"/api/todos/{rent['todo_id']}/complete/", {})


def _move_to_kiritimati(client):
    response = client.patch(
        "/api/users/me/", {"profile": {"timezone": "Pacific/Kiritimati"}}, format="json"
    )
    assert response.status_code == 200


WRITES = {
    "a task": lambda c: _post(
        c, "/api/todos/", {"title": "Buy stamps", "due_date": "2026-11-26"}
    ),
    "a task done": _complete_rent,
    "a renewal": lambda c: _post(c, "/api/subscriptions/", {
        "name": "Hulu", "provider": "Hulu", "amount": "7.99",
        "billing_cycle": "monthly", "start_date": "2026-01-01",
        "next_billing_date": "2026-11-27",
    }),  # fmt: skip
    "a loan due": lambda c: _post(c, "/api/lending/", {
        "direction": "lent", "counterparty_name": "Sam", "amount": "20.00",
        "lent_date": "2026-11-22", "due_date": "2026-11-27",
    }),  # fmt: skip
    "the time zone": _move_to_kiritimati,
}


def _answer(body):
    return body["intent"], body["slots"], body["reply"], body["objects"]


def test_asked_again_the_answer_is_kept(week):
    first = chat(week, DUE)
    with CaptureQueriesContext(connection) as queries:
        again = chat(week, DUE)
    assert _answer(again) == _answer(first)
    # the user (authentication), what the message starts from, the history INSERT
    assert len(queries.captured_queries) == 3
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"todos"' not in read and '"subscriptions"' not in read
    assert '"lending"' not in read
    history = week.get("/api/assistant/history/").json()
    assert history["count"] == 4 and history["results"][0]["content"] == first["reply"]


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_after_a_write_the_kept_answer_is_a_fresh_one(week, write):
    before = chat(week, DUE)
    write(week)
    after = chat(week, DUE)
    assert after["reply"] != before["reply"]
    cache.clear()
    assert _answer(chat(week, DUE)) == _answer(after)


def test_a_follow_up_of_a_kept_answer(week):
    chat(week, DUE)
    chat(week, DUE)
    week_reply = chat(week, DUE)["reply"]
    month = chat(week, "and this month?")
    assert month["intent"] == "whats_due" and month["slots"] == {"period": "month"}
    assert "Spotify" in month["reply"] and "Spotify" not in week_reply


def test_calls_left_are_todays_without_a_key(week, user, settings):
    AIUsageModel.objects.create(
        user=user, feature="integrations", kind="parse", day=date(2026, 11, 22), calls=2
    )
    body = chat(week, DUE)
    assert body["source"] == "fallback"
    assert body["calls_remaining"] == settings.AI_MAX_PARSE_CALLS_PER_DAY - 2


def test_acting_directly_is_still_read(week):
    assert week.patch(
        "/api/assistant/settings/", {"act_directly": True}, format="json"
    ).json() == {"act_directly": True}
    body = chat(week, "coffee 4.50")
    assert body["executed"] is True and not body["needs_confirmation"]


@pytest.mark.django_db(transaction=True)
def test_an_exchange_is_one_insert_and_no_transaction(auth_client):
    seen = []

    def record(execute, sql, *args):
        seen.append(sql.lstrip().upper())
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        body = chat(auth_client, "hello")
    assert [sql.split()[0] for sql in seen if not sql.startswith("SELECT")] == [
        "INSERT"
    ]
    history = auth_client.get("/api/assistant/history/").json()["results"]
    assert [(m["role"], m["content"]) for m in history] == [
        ("assistant", body["reply"]),
        ("user", "hello"),
    ]
    assert history[0]["message_id"] == body["message_id"]


@pytest.mark.parametrize(
    "write",
    [
        lambda c: _post(c, "/api/expenses/", {
            "amount": "7.00", "currency": "USD", "category": "Groceries",
            "vendor": "Lidl", "transaction_date": "2026-11-21",
        }),
        lambda c: _post(c, "/api/expenses/categories/", {"name": "Groceries run"}),
    ],
    ids=["an expense", "a category of the user's own"],
)  # fmt: skip
def test_spending_kept_then_fresh_after_an_expenses_write(week, write):
    asked = "how much did I spend on groceries this month?"
    before = chat(week, asked)
    assert "45.30" in before["reply"]
    assert _answer(chat(week, asked)) == _answer(before)
    write(week)
    after = chat(week, asked)
    cache.clear()
    assert _answer(chat(week, asked)) == _answer(after)
