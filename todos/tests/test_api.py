"""The /api/todos/ endpoints: routes, CRUD, validation, filters, actions."""

from datetime import UTC, date, datetime, time, timedelta

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
        "todo-list": 3,  # user, count, page
        "todo-today": 7,  # user, profile, one count, one query per non-empty group
        # user, profile, priorities, two rates, overdue, completion days, lateness
        "todo-stats": 8,
        "todo-ai-suggestions": 5,  # user, profile, candidates, parents, quota left
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
        assert body["due_time"] == "17:00"
        assert body["tags"] == ["family", "calls"]
        assert body["recurrence"] == "every 2 weeks"
        assert body["parent"] is None
        assert todo.recurrence == "weekly" and todo.recurrence_interval == 2
        assert todo.recurrence_anchor == date(2026, 11, 23)

    def test_defaults_and_position(self, auth_client, user):
        first = auth_client.post(URL, {"title": "One"}, format="json").json()
        second = auth_client.post(URL, {"title": "Two"}, format="json").json()
        assert (first["priority"], first["status"], first["recurrence"]) == (
            "medium",
            "pending",
            "none",
        )
        assert first["tags"] == [] and first["due_date"] is None
        assert second["position"] == first["position"] + 1

    def test_created_completed_or_started(self, frozen, auth_client):
        body = auth_client.post(
            URL, {"title": "Done already", "status": "completed"}, format="json"
        ).json()
        assert (body["status"], body["completed_at"]) == (
            "completed",
            "2026-11-22T12:00:00Z",
        )
        body = auth_client.post(
            URL, {"title": "Started", "status": "in_progress"}, format="json"
        ).json()
        assert body["status"] == "in_progress"

    def test_cancelling_a_completed_task_clears_its_completion(
        self, frozen, auth_client
    ):
        pk = auth_client.post(
            URL, {"title": "Task", "status": "completed"}, format="json"
        ).json()["todo_id"]
        body = auth_client.patch(
            _detail(pk), {"status": "cancelled"}, format="json"
        ).json()
        assert (body["status"], body["completed_at"]) == ("cancelled", None)

    def test_positions_stay_in_range(self, auth_client):
        top = auth_client.post(
            URL, {"title": "Top", "position": 1_000_000_000}, format="json"
        ).json()
        after = auth_client.post(URL, {"title": "After"}, format="json").json()
        assert top["position"] == after["position"] == 1_000_000_000
        resp = auth_client.post(URL, {"title": "x", "position": 2**62}, format="json")
        assert resp.json() == {
            "position": ["Ensure this value is less than or equal to 1000000000."]
        }


class TestBadInput:
    @pytest.mark.parametrize(
        "body, field, message",
        [
            (
                {"due_date": "1899-12-31"},
                "due_date",
                "Use a date between 1900 and 2999.",
            ),
            (
                {"due_date": "3000-01-01"},
                "due_date",
                "Use a date between 1900 and 2999.",
            ),
            ({"due_time": "10:00"}, "due_time", "A due time needs a due date."),
            (
                {"due_date": "2026-12-01", "recurrence": "every 0 days"},
                "recurrence",
                "Repeat every 1 to 999 units, not 0.",
            ),
            (
                {"recurrence": "weekly"},
                "recurrence",
                "A recurring task needs a due date.",
            ),
            (
                {"priority": "critical"},
                "priority",
                '"critical" is not a valid priority. Use one of: low, medium, high, '
                "urgent.",
            ),
            ({"tags": [f"t{n}" for n in range(51)]}, "tags", "At most 50 tags."),
            (
                {"tags": ["ok", "x" * 51]},
                "tags",
                {"1": ["Ensure this field has no more than 50 characters."]},
            ),
            (
                {"tags": ["two words"]},
                "tags",
                '"two words" is not a tag: use one word without spaces or commas.',
            ),
            ({"title": ""}, "title", "This field may not be blank."),
            (
                {"title": "x" * 501},
                "title",
                "Ensure this field has no more than 500 characters.",
            ),
            (
                {"estimated_minutes": 0},
                "estimated_minutes",
                "Ensure this value is greater than or equal to 1.",
            ),
            (
                {"parent": 0},
                "parent",
                "Ensure this value is greater than or equal to 1.",
            ),
            ({"colour": "red"}, "colour", None),
        ],
    )
    def test_400_names_the_field(self, auth_client, body, field, message):
        resp = auth_client.post(URL, {"title": "Task", **body}, format="json")
        assert resp.status_code == 400, resp.content
        errors = resp.json()
        assert field in errors
        if isinstance(message, dict):
            assert errors[field] == message
        elif message:
            assert errors[field] == [message]
        assert not TodoModel.objects.exists()

    def test_a_missing_parent_is_a_400(self, auth_client):
        resp = auth_client.post(URL, {"title": "Task", "parent": 2**70}, format="json")
        assert resp.status_code == 400
        assert "parent" in resp.json()

    def test_patch_keeps_the_cross_field_rules(self, auth_client, user):
        todo = TodoFactory(user=user, due_date=date(2026, 12, 1), due_time=None)
        resp = auth_client.patch(
            _detail(todo.pk), {"due_date": None, "due_time": "09:00"}, format="json"
        )
        assert resp.json() == {"due_time": ["A due time needs a due date."]}
        todo.refresh_from_db()
        assert todo.due_date == date(2026, 12, 1)

    def test_another_users_todo_is_404_and_untouched(self, auth_client, other_user):
        theirs = TodoFactory(user=other_user, title="Secret")
        for method in ("get", "patch", "delete"):
            resp = getattr(auth_client, method)(_detail(theirs.pk), {}, format="json")
            assert resp.status_code == 404
        assert TodoModel.objects.get(pk=theirs.pk).title == "Secret"


@pytest.fixture
def listed(user, other_user):
    """Alice's tasks for the filter tests (today is Sunday 2026-11-22, UTC)."""
    rows = {
        "overdue": TodoFactory(
            user=user,
            title="Pay fine",
            due_date=date(2026, 11, 20),
            priority="high",
            tags=["bills"],
        ),
        "today_late": TodoFactory(
            user=user,
            title="Morning call",
            due_date=date(2026, 11, 22),
            due_time=time(9),
        ),
        "today": TodoFactory(
            user=user,
            title="Buy bread",
            due_date=date(2026, 11, 22),
            tags=["home"],
        ),
        "soon": TodoFactory(
            user=user,
            title="Dentist",
            due_date=date(2026, 11, 25),
            priority="urgent",
            description="check-up",
            tags=["health", "homework"],
        ),
        "undated": TodoFactory(
            user=user, title="Read a book", priority="low", tags=["café"]
        ),
        "done": TodoFactory(
            user=user,
            title="Old bill",
            due_date=date(2026, 11, 1),
            status="completed",
            tags=["bills"],
        ),
    }
    rows["sub"] = TodoFactory(user=user, title="Floss", parent=rows["soon"])
    TodoFactory(user=other_user, title="Bob's", due_date=date(2026, 11, 20))
    return rows


class TestFilters:
    @pytest.mark.parametrize(
        "query, expected",
        [
            ("status=completed", ["done"]),
            ("status=pending,completed&priority=high", ["overdue"]),
            ("priority=urgent&priority=low", ["soon", "undated"]),
            ("tag=bills", ["overdue", "done"]),
            ("tag=%23Home", ["today"]),
            ("tag=caf%C3%A9", ["undated"]),
            ("tag=home%25", []),
            ("due_before=2026-11-22&due_after=2026-11-21", ["today_late", "today"]),
            ("overdue=true", ["overdue", "today_late"]),
            ("today=true", ["today_late", "today"]),
            (
                "parent=none",
                ["overdue", "today_late", "today", "soon", "undated", "done"],
            ),
            ("search=CHECK", ["soon"]),
            (
                "ordering=-priority&status=pending",
                ["soon", "overdue", "today_late", "today", "sub", "undated"],
            ),
            (
                "ordering=due&due_after=2026-11-01",
                ["done", "overdue", "today_late", "today", "soon"],
            ),
        ],
    )
    def test_filters(self, frozen, auth_client, listed, query, expected):
        resp = auth_client.get(f"{URL}?{query}")
        assert resp.status_code == 200, resp.content
        names = {row.pk: name for name, row in listed.items()}
        assert [names[i] for i in _ids(resp)] == expected

    def test_subtasks_of_one_task(self, auth_client, listed):
        resp = auth_client.get(f"{URL}?parent={listed['soon'].pk}")
        assert _ids(resp) == [listed["sub"].pk]

    @pytest.mark.parametrize(
        "query, field",
        [
            ("status=done", "status"),
            ("overdue=maybe", "overdue"),
            ("due_before=tomorrow", "due_before"),
            ("parent=top", "parent"),
            ("ordering=colour", "ordering"),
            ("colour=red", "colour"),
        ],
    )
    def test_bad_filters_are_400s(self, auth_client, query, field):
        resp = auth_client.get(f"{URL}?{query}")
        assert resp.status_code == 400
        assert field in resp.json()


class TestTodayAcrossTimeZones:
    """At 2026-11-22 12:00 UTC it is Nov 23 01:00 in Tonga (UTC+13) and Nov 22
    02:00 in Honolulu (UTC-10): the same tasks fall into different groups."""

    def _tasks(self, owner):
        return {
            "nov22": TodoFactory(
                user=owner, title="Due 22", due_date=date(2026, 11, 22)
            ),
            "nov23": TodoFactory(
                user=owner, title="Due 23", due_date=date(2026, 11, 23)
            ),
            "nov22_1am": TodoFactory(
                user=owner,
                title="22 at 01:00",
                due_date=date(2026, 11, 22),
                due_time=time(1),
            ),
            "urgent": TodoFactory(
                user=owner,
                title="Urgent",
                priority="urgent",
                due_date=date(2026, 12, 1),
            ),
            "started": TodoFactory(user=owner, title="Started", status="in_progress"),
        }

    def _groups(self, client):
        body = client.get(f"{URL}today/").json()
        return body, {
            group: [row["title"] for row in body[group]]
            for group in ("overdue", "due_today", "urgent", "in_progress")
        }

    def test_tonga_and_honolulu(self, frozen, make_user, client_for):
        tonga = make_user("tonga", profile={"timezone": "Pacific/Tongatapu"})
        honolulu = make_user("honolulu", profile={"timezone": "Pacific/Honolulu"})
        self._tasks(tonga)
        self._tasks(honolulu)
        body, groups = self._groups(client_for(tonga))
        assert body["date"] == "2026-11-23"
        assert groups == {
            "overdue": ["22 at 01:00", "Due 22"],
            "due_today": ["Due 23"],
            "urgent": ["Urgent"],
            "in_progress": ["Started"],
        }
        assert body["counts"] == {
            "overdue": 2,
            "due_today": 1,
            "urgent": 1,
            "in_progress": 1,
            "total": 5,
        }
        body, groups = self._groups(client_for(honolulu))
        assert body["date"] == "2026-11-22"
        assert groups == {
            "overdue": ["22 at 01:00"],  # 01:00 has passed at 02:00
            "due_today": ["Due 22"],
            "urgent": ["Urgent"],
            "in_progress": ["Started"],
        }
        # overdue as a list filter follows the same clock
        assert client_for(tonga).get(f"{URL}?overdue=true").json()["count"] == 2
        assert client_for(honolulu).get(f"{URL}?overdue=true").json()["count"] == 1

    def test_a_timed_task_turns_overdue_at_its_time(
        self, frozen, make_user, client_for
    ):
        honolulu = make_user("honolulu", profile={"timezone": "Pacific/Honolulu"})
        TodoFactory(
            user=honolulu, title="Call", due_date=date(2026, 11, 22), due_time=time(3)
        )
        assert self._groups(client_for(honolulu))[1]["due_today"] == ["Call"]
        frozen.shift(3600 + 1)  # 03:00:01 in Honolulu
        assert self._groups(client_for(honolulu))[1]["overdue"] == ["Call"]


class TestStats:
    def test_figures(self, frozen, user, auth_client):
        done = datetime(2026, 11, 22, 10, tzinfo=UTC)
        TodoFactory(
            user=user,
            due_date=date(2026, 11, 20),
            status="completed",
            completed_at=done,
            priority="high",
        )  # 2 days late
        TodoFactory(
            user=user,
            due_date=date(2026, 11, 21),
            status="completed",
            completed_at=done - timedelta(days=1),
        )  # on time
        TodoFactory(
            user=user,
            due_date=date(2026, 11, 20),
            status="completed",
            completed_at=done - timedelta(days=2),
        )  # on time
        TodoFactory(user=user, due_date=date(2026, 11, 18))  # overdue
        TodoFactory(user=user, due_date=date(2026, 11, 1), status="cancelled")
        TodoFactory(
            user=user,
            due_date=date(2026, 11, 7),
            status="completed",
            completed_at=done - timedelta(days=15),
        )  # on time, no streak
        TodoFactory(user=user, priority="urgent")
        body = auth_client.get(f"{URL}stats/").json()
        assert body["completion_rate_7_days"] == {
            "due": 4,
            "completed": 3,
            "rate": 0.75,
        }
        assert body["completion_rate_30_days"] == {
            "due": 5,
            "completed": 4,
            "rate": 0.8,
        }
        assert body["overdue"] == 1
        assert body["current_streak_days"] == 3
        assert body["lateness_30_days"] == {
            "completed_with_due_date": 4,
            "late": 1,
            "average_days_late": 0.5,
        }
        assert body["by_priority"][0] == {
            "priority": "urgent",
            "open": 1,
            "completed": 0,
            "cancelled": 0,
        }
        assert [row["priority"] for row in body["by_priority"]] == [
            "urgent",
            "high",
            "medium",
            "low",
        ]

    def test_streak_counts_local_days(self, frozen, make_user, client_for):
        tonga = make_user("tonga", profile={"timezone": "Pacific/Tongatapu"})
        # both on Nov 21 in UTC; Nov 21 23:00 and Nov 22 00:30 in Tonga, where
        # today is Nov 23 (nothing completed yet): a streak of 2 up to yesterday
        TodoFactory(
            user=tonga,
            status="completed",
            completed_at=datetime(2026, 11, 21, 10, 0, tzinfo=UTC),
        )
        TodoFactory(
            user=tonga,
            status="completed",
            completed_at=datetime(2026, 11, 21, 11, 30, tzinfo=UTC),
        )
        body = client_for(tonga).get(f"{URL}stats/").json()
        assert body["current_streak_days"] == 2


class TestReadmeExamples:
    """The `today/`, `ai_suggestions/` and `stats/` examples of todos/README.md are
    these real responses."""

    def test_the_readme_scenario(self, frozen, user, auth_client):
        self._readme_today_and_plan(user, auth_client)
        self._readme_stats(user, auth_client)

    @staticmethod
    def _readme_today_and_plan(user, auth_client):
        """The README's three tasks: today's view and the 60-minute plan."""
        for title, priority, day, at, minutes in (
            ("Pay fine", "high", 20, None, 30),
            ("Buy bread", "medium", 22, time(18), 15),
            ("Tidy desk", "low", 22, None, 30),
        ):
            TodoFactory(
                user=user,
                title=title,
                priority=priority,
                due_date=date(2026, 11, day),
                due_time=at,
                estimated_minutes=minutes,
            )
        today = auth_client.get(f"{URL}today/").json()
        assert today["counts"] == {
            "overdue": 1,
            "due_today": 2,
            "urgent": 0,
            "in_progress": 0,
            "total": 3,
        }
        assert [r["title"] for r in today["overdue"] + today["due_today"]] == [
            "Pay fine",
            "Buy bread",
            "Tidy desk",
        ]
        plan = auth_client.get(f"{URL}ai_suggestions/?available_minutes=60").json()
        insights = plan["insights"]
        assert insights["summary"] == "3 open tasks ranked by urgency x importance."
        assert (insights["available_minutes"], insights["planned_minutes"]) == (60, 45)
        assert [(p["title"], p["score"], p["reason"]) for p in insights["plan"]] == [
            ("Pay fine", 12.86, "high priority, overdue by 2 days"),
            ("Buy bread", 7.0, "medium priority, due today"),
        ]
        assert [(d["title"], d["suggested_date"]) for d in insights["defer"]] == [
            ("Tidy desk", "2026-11-23")
        ]

    @staticmethod
    def _readme_stats(user, auth_client):
        """Four completed tasks more: the README's stats."""
        for due, done, priority in (
            (20, 20, "medium"),
            (19, 21, "medium"),
            (22, 22, "urgent"),
            (1, 1, "medium"),
        ):
            TodoFactory(
                user=user,
                priority=priority,
                status="completed",
                due_date=date(2026, 11, due),
                completed_at=datetime(2026, 11, done, 9, tzinfo=UTC),
            )
        assert auth_client.get(f"{URL}stats/").json() == {
            "date": "2026-11-22",
            "completion_rate_7_days": {"due": 6, "completed": 3, "rate": 0.5},
            "completion_rate_30_days": {"due": 7, "completed": 4, "rate": 0.571},
            "overdue": 1,
            "by_priority": [
                {"priority": "urgent", "open": 0, "completed": 1, "cancelled": 0},
                {"priority": "high", "open": 1, "completed": 0, "cancelled": 0},
                {"priority": "medium", "open": 1, "completed": 3, "cancelled": 0},
                {"priority": "low", "open": 1, "completed": 0, "cancelled": 0},
            ],
            "current_streak_days": 3,
            "lateness_30_days": {
                "completed_with_due_date": 4,
                "late": 1,
                "average_days_late": 0.5,
            },
        }
