"""The /api/todos/ endpoints: routes, CRUD, validation, filters, actions."""

from datetime import date

import pytest

from mysphere_core.testing import FeatureAPITests
from todos.models import TodoModel
from todos.tests.factories import TodoFactory

pytestmark = pytest.mark.django_db

URL = "/api/todos/"


def _detail(pk, action=""):
    return f"{URL}{pk}/{action + '/' if action else ''}"


def _ids(resp):
    return [row["todo_id"] for row in resp.json()["results"]]


class TestTodoRoutes(FeatureAPITests):
    """Health, 401s, other users' 404s, query bounds and soft delete, generated."""

    feature = "todos"
    factories = {
        "todo": lambda user: TodoFactory(
            user=user, due_date=date(2026, 11, 20), tags=["home"]
        )
    }
    list_bounds = {
        "todo-list": 4,  # user + session state (JWT), count, page
        "todo-today": 8,  # user, session, profile, one count, four groups
        "todo-stats": 10,  # user, session, profile, rates, overdue, priorities, days
        "todo-ai-suggestions": 10,  # user, profile, candidates, parents, quota
    }


class TestCreate:
    def test_create_returns_the_todo(self, auth_client, user):
        resp = auth_client.post(
            URL,
            {
                "title": "Call mom",
                "priority": "high",
                "due_date": "2026-11-23",
                "due_time": "17:00",
                "tags": ["#Family", "family", "calls"],
                "recurrence": "every 2 weeks",
                "estimated_minutes": 20,
            },
            format="json",
        )
        assert resp.status_code == 201, resp.content
        body = resp.json()
        todo = TodoModel.objects.get()
        assert body["todo_id"] == todo.pk
        assert body["title"] == "Call mom"
        assert body["priority"] == "high"
        assert body["status"] == "pending"
        assert body["due_date"] == "2026-11-23"
        assert body["due_time"] == "17:00:00"
        assert body["tags"] == ["family", "calls"]
        assert body["recurrence"] == "every 2 weeks"
        assert body["parent"] is None
        assert todo.recurrence == "weekly" and todo.recurrence_interval == 2
        assert todo.recurrence_anchor == date(2026, 11, 23)
