"""AI suggestions and AI quick add through the gateway, against the Gemini stub;
the urgency x importance fallback on its own."""

from datetime import date, time

import pytest

from todos.models import TodoModel
from todos.tests.factories import TodoFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/todos/ai_suggestions/"
PARSE_URL = "/api/todos/parse_text/"


@pytest.fixture
def tasks(user):
    """Alice's open tasks on Sunday 2026-11-22 (and one done, one of Bob's)."""
    rows = {
        "late_report": TodoFactory(
            user=user,
            title="Finish report",
            priority="high",
            due_date=date(2026, 11, 20),
            estimated_minutes=90,
        ),
        "bills": TodoFactory(
            user=user,
            title="Pay bills",
            priority="urgent",
            due_date=date(2026, 11, 22),
            estimated_minutes=15,
        ),
        "tidy": TodoFactory(
            user=user,
            title="Tidy desk",
            priority="low",
            due_date=date(2026, 11, 22),
            estimated_minutes=20,
        ),
        "novel": TodoFactory(
            user=user,
            title="Write a novel",
            priority="medium",
            estimated_minutes=600,
        ),
        "gift": TodoFactory(
            user=user,
            title="Buy gift",
            priority="medium",
            due_date=date(2026, 11, 24),
        ),
    }
    TodoFactory(user=user, title="Done", status="completed")
    return rows


def _ai_answer(tasks, order, **more):
    return {
        "summary": "Bills first, then the report.",
        "ranked": [{"todo_id": tasks[n].pk, "reason": f"AI: {n}"} for n in order],
        "break_down": more.get("break_down", []),
        "defer": more.get("defer", []),
    }


class TestFallback:
    def test_urgency_times_importance_with_a_reason_each(self, auth_client, tasks):
        body = auth_client.get(URL).json()
        assert body["source"] == "fallback"
        assert "error" not in body
        plan = body["insights"]["plan"]
        assert [row["title"] for row in plan] == [
            "Pay bills",
            "Finish report",
            "Buy gift",
        ]
        assert plan[0]["reason"] == "urgent priority, due today"
        assert plan[0]["score"] == 14.0
        assert plan[1]["reason"] == "high priority, overdue by 2 days"
        assert plan[2]["reason"] == "medium priority, due in 2 days"
        assert body["insights"]["planned_minutes"] == 15 + 90 + 30
        assert body["insights"]["available_minutes"] == 240
        assert [d["title"] for d in body["insights"]["defer"]] == ["Tidy desk"]
        assert body["insights"]["defer"][0]["suggested_date"] == "2026-11-23"
        assert [b["title"] for b in body["insights"]["break_down"]] == ["Write a novel"]
        assert body["insights"]["break_down"][0]["reason"].startswith(
            "Estimated at 600 minutes"
        )

    def test_the_plan_fits_the_available_minutes(self, auth_client, tasks):
        body = auth_client.get(f"{URL}?available_minutes=100").json()["insights"]
        assert [row["title"] for row in body["plan"]] == ["Pay bills", "Buy gift"]
        assert body["planned_minutes"] == 45
        assert [(d["title"], d["reason"]) for d in body["defer"]] == [
            ("Tidy desk", "Low priority, due today: it can wait a day."),
            ("Finish report", "No room left in today's 100 minutes."),
        ]

    def test_nothing_open(self, frozen, auth_client):
        body = auth_client.get(URL).json()["insights"]
        assert body["plan"] == [] and body["planned_minutes"] == 0
        assert body["summary"].startswith("Nothing open")

    def test_dated_tasks_are_read_before_undated_ones(
        self, user, auth_client, monkeypatch
    ):
        monkeypatch.setattr("todos.suggestions.CANDIDATES", 2)
        for title in ("Someday 1", "Someday 2"):
            TodoFactory(user=user, title=title)
        TodoFactory(user=user, title="Overdue", due_date=date(2026, 11, 20))
        plan = auth_client.get(URL).json()["insights"]["plan"]
        assert [p["title"] for p in plan] == ["Overdue", "Someday 1"]

    @pytest.mark.parametrize(
        "query", ["available_minutes=0", "available_minutes=x", "x=1"]
    )
    def test_bad_query_is_a_400(self, auth_client, query):
        resp = auth_client.get(f"{URL}?{query}")
        assert resp.status_code == 400
        assert set(resp.json()) <= {"available_minutes", "x"}


class TestAI:
    def test_the_ai_ranking_is_used_and_packed(self, auth_client, tasks, gemini_stub):
        gemini_stub.reply_json(
            _ai_answer(
                tasks,
                ["late_report", "bills", "gift"],
                break_down=[{"todo_id": tasks["novel"].pk, "reason": "Outline first."}],
            )
        )
        body = auth_client.get(URL).json()
        assert body["source"] == "ai" and body["ai_used"] is True
        plan = body["insights"]["plan"]
        assert [row["title"] for row in plan] == [
            "Finish report",
            "Pay bills",
            "Buy gift",
        ]
        assert plan[0]["reason"] == "AI: late_report"
        assert body["insights"]["break_down"][0]["reason"] == "Outline first."
        prompt = gemini_stub.prompts()[0]
        assert "Finish report" in prompt and "Done" not in prompt

    def test_cached_for_the_day_until_a_task_changes(
        self, auth_client, tasks, gemini_stub
    ):
        gemini_stub.reply_json(_ai_answer(tasks, ["bills"]))
        assert auth_client.get(URL).json()["source"] == "ai"
        cached = auth_client.get(f"{URL}?available_minutes=10").json()
        assert cached["source"] == "cache"
        assert [r["title"] for r in cached["insights"]["plan"]] == []  # 15 > 10
        auth_client.post(f"/api/todos/{tasks['bills'].pk}/complete/")
        gemini_stub.reply_json(_ai_answer(tasks, ["late_report"]))
        assert auth_client.get(URL).json()["source"] == "ai"
        assert len(gemini_stub.requests) == 2

    @pytest.mark.parametrize(
        "queue",
        [
            lambda s, t: s.reply_status(500),
            lambda s, t: s.reply_text("not json"),
            lambda s, t: s.reply_json({"summary": "only"}),
            lambda s, t: s.reply_json(
                {
                    "summary": "x",
                    "ranked": [{"todo_id": 99999, "reason": "?"}],
                    "break_down": [],
                    "defer": [],
                }
            ),
        ],
        ids=["500", "not-json", "wrong-shape", "unknown-ids"],
    )
    def test_unusable_answers_fall_back(self, auth_client, tasks, gemini_stub, queue):
        queue(gemini_stub, tasks)
        body = auth_client.get(URL).json()
        assert body["source"] == "fallback" and body["error"]
        assert body["insights"]["plan"][0]["title"] == "Pay bills"

    def test_quota_then_fallback(self, auth_client, tasks, gemini_stub, settings):
        settings.AI_MAX_CALLS_PER_DAY = 1
        gemini_stub.reply_json(_ai_answer(tasks, ["bills"]))
        assert auth_client.get(URL).json()["source"] == "ai"
        auth_client.post("/api/todos/", {"title": "New"}, format="json")
        body = auth_client.get(URL).json()
        assert body["source"] == "fallback" and body["calls_remaining"] == 0
        assert body["error"].startswith("Daily AI limit reached")

    def test_flag_off_means_rules_without_a_request(
        self, auth_client, tasks, gemini_stub, settings
    ):
        settings.FEATURE_FLAGS = {
            **settings.FEATURE_FLAGS,
            "TODO_AI_SUGGESTIONS": False,
        }
        assert auth_client.get(URL).json()["source"] == "fallback"
        assert gemini_stub.requests == []


class TestAIParse:
    def test_ai_tasks_are_created(self, frozen, auth_client, gemini_stub):
        gemini_stub.reply_json(
            {
                "tasks": [
                    {
                        "title": "Plan party",
                        "due_date": "2026-12-05",
                        "due_time": None,
                        "priority": "high",
                        "tags": ["Family"],
                        "recurrence": "none",
                        "estimated_minutes": None,
                        "parent_index": None,
                    },
                    {
                        "title": "Invite friends",
                        "due_date": None,
                        "due_time": None,
                        "priority": "medium",
                        "tags": [],
                        "recurrence": "none",
                        "estimated_minutes": 20,
                        "parent_index": 0,
                    },
                ]
            }
        )
        resp = auth_client.post(
            PARSE_URL,
            {"text": "Plan party dec 5 !high\n- invite friends"},
            format="json",
        )
        assert resp.status_code == 201, resp.content
        assert resp.json()["source"] == "ai"
        party = TodoModel.objects.get(title="Plan party")
        assert (party.due_date, party.tags) == (date(2026, 12, 5), ["family"])
        assert TodoModel.objects.get(title="Invite friends").parent == party

    @pytest.mark.parametrize(
        "answer",
        [
            {"tasks": []},
            {
                "tasks": [
                    {"title": " ", "priority": "low", "tags": [], "recurrence": "none"}
                ]
            },
            {
                "tasks": [
                    {
                        "title": "A",
                        "priority": "low",
                        "tags": [],
                        "recurrence": "every 0 days",
                    }
                ]
            },
            {
                "tasks": [
                    {
                        "title": "A",
                        "priority": "low",
                        "tags": [],
                        "recurrence": "none",
                        "parent_index": 3,
                    }
                ]
            },
        ],
        ids=["none", "blank-title", "zero-interval", "bad-parent"],
    )
    def test_unusable_ai_answers_use_the_built_in_parser(
        self, frozen, auth_client, gemini_stub, answer
    ):
        gemini_stub.reply_json(answer)
        resp = auth_client.post(PARSE_URL, {"text": "Gym at 7am"}, format="json")
        assert resp.status_code == 201
        assert resp.json()["source"] == "fallback"
        todo = TodoModel.objects.get()
        assert (todo.title, todo.due_time) == ("Gym", time(7))


def test_ai_tasks_are_shaped_like_the_parsers(frozen, auth_client, gemini_stub):
    gemini_stub.reply_json(
        {
            "tasks": [
                {
                    "title": "  Stretch  ",
                    "due_date": None,
                    "due_time": "07:30:15",
                    "priority": "low",
                    "tags": ["#Health", "health", "two words", ""],
                    "recurrence": "every day",
                    "estimated_minutes": 0,
                },
            ]
        }
    )
    resp = auth_client.post(
        PARSE_URL, {"text": "stretch every day 7:30"}, format="json"
    )
    assert resp.status_code == 201, resp.content
    task = resp.json()["parsed_data"]["tasks"][0]
    assert task == {
        "title": "Stretch",
        "due_date": "2026-11-22",
        "due_time": "07:30",
        "priority": "low",
        "tags": ["health", "twowords"],
        "recurrence": "daily",
        "estimated_minutes": None,
        "parent_index": None,
    }
