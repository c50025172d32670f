"""The calendar entries, the data protocol (export, erase), the demo and the admin."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from mysphere_core import userdata
from mysphere_core.calendar import calendar_entries
from todos import userdata as app_data
from todos.demo import seed
from todos.models import TodoModel, TodoNotificationModel
from todos.services import TodoService
from todos.tests.factories import TodoFactory

pytestmark = pytest.mark.django_db


class TestCalendarEntries:
    def test_open_dated_todos_all_day_timed_and_recurring(self, make_user):
        paris = make_user("zoe", profile={"timezone": "Europe/Paris"})
        all_day = TodoFactory(
            user=paris,
            title="Pay rent",
            due_date=date(2026, 12, 1),
            recurrence="monthly",
            tags=["bills"],
        )
        timed = TodoFactory(
            user=paris,
            title="Call",
            due_date=date(2026, 12, 2),
            due_time=time(17, 30),
            recurrence="weekly",
            recurrence_interval=2,
        )
        weekdays = TodoFactory(
            user=paris,
            title="Stand-up",
            due_date=date(2026, 12, 3),
            recurrence="weekdays",
        )
        TodoFactory(user=paris, title="Undated")
        TodoFactory(
            user=paris, title="Done", due_date=date(2026, 12, 1), status="completed"
        )
        TodoFactory(
            user=paris, title="Gone", due_date=date(2026, 12, 1), is_active=False
        )
        entries = list(app_data.calendar_entries(user=paris))
        assert [e.summary for e in entries] == ["Pay rent", "Call", "Stand-up"]
        rent, call, standup = entries
        assert rent.uid == f"todo-{all_day.pk}@mysphere"
        assert rent.start == date(2026, 12, 1) and not isinstance(rent.start, datetime)
        assert rent.rrule == {"FREQ": "MONTHLY"}
        assert rent.categories == ("bills",)
        assert call.start == datetime(
            2026, 12, 2, 17, 30, tzinfo=ZoneInfo("Europe/Paris")
        )
        assert call.start.utcoffset().total_seconds() == 3600
        assert call.rrule == {"FREQ": "WEEKLY", "INTERVAL": 2}
        assert call.uid == f"todo-{timed.pk}@mysphere"
        assert standup.rrule == {
            "FREQ": "WEEKLY",
            "BYDAY": ["MO", "TU", "WE", "TH", "FR"],
        }
        assert standup.uid == f"todo-{weekdays.pk}@mysphere"

    def test_the_kit_feed_collects_them(self, user):
        TodoFactory(user=user, title="Dentist", due_date=date(2026, 12, 1))
        found = [(f, e.summary) for f, e in calendar_entries(user) if f == "todos"]
        assert found == [("todos", "Dentist")]


class TestDataProtocol:
    def test_export_names_every_table_with_deleted_rows(self, user, other_user):
        root = TodoFactory(user=user, title="Root")
        TodoFactory(user=user, parent=root, is_active=False)
        TodoNotificationModel.objects.create(
            todo=root, kind="reminder", day=date(2026, 11, 22)
        )
        TodoFactory(user=other_user)
        exported = app_data.export_tables(user=user)
        assert set(exported) == {"todos", "todo_notifications"}
        assert exported["todos"].count() == 2
        assert exported["todo_notifications"].count() == 1
        rows = list(userdata.rows(exported["todos"]))
        assert rows[0]["title"] == "Root" and rows[0]["tags"] == []

    def test_erase_deletes_children_first(self, user, other_user):
        first = TodoFactory(user=user, status="completed")
        TodoFactory(user=user, previous_instance=first)
        sub = TodoFactory(user=user, parent=first)
        TodoNotificationModel.objects.create(
            todo=sub, kind="overdue", day=date(2026, 11, 22)
        )
        theirs = TodoFactory(user=other_user)
        erased = app_data.erase(user=user)
        assert erased == {"todo_notifications": 1, "todos": 3}
        assert list(TodoModel.objects.all()) == [theirs]


def test_demo_seed(frozen, make_user):
    demo = make_user("demo", profile={"timezone": "America/New_York"})
    summary = seed(demo)
    todos = TodoModel.objects.filter(user=demo)
    assert summary == "19 tasks (3 completed, a project with 3 steps)."
    # the completed recurring-free tasks, their subtasks, and no next instances
    assert todos.count() == 19
    assert todos.filter(status="completed").count() == 3
    assert todos.filter(parent__isnull=False).count() == 3
    agenda = TodoService.today(user=demo)
    assert agenda["counts"]["overdue"] >= 2 and agenda["counts"]["due_today"] >= 1
    assert TodoService.stats(user=demo)["current_streak_days"] == 1


class TestAdmin:
    def test_list_filters_and_search(self, admin_client, user):
        TodoFactory(user=user, title="Pay rent", priority="urgent")
        TodoFactory(user=user, title="Read", priority="low")
        resp = admin_client.get("/admin/todos/todomodel/?priority__exact=urgent&q=rent")
        assert resp.status_code == 200
        html = resp.content.decode()
        assert "Pay rent" in html and "Read" not in html
        assert (
            admin_client.get("/admin/todos/todonotificationmodel/").status_code == 200
        )

    def test_actions_go_through_the_service(self, admin_client, user, announced):
        root = TodoFactory(user=user, title="Root")
        TodoFactory(user=user, parent=root)
        resp = admin_client.post(
            "/admin/todos/todomodel/",
            {"action": "complete_selected", "_selected_action": [root.pk]},
        )
        assert resp.status_code == 302
        assert set(TodoModel.objects.values_list("status", flat=True)) == {"completed"}
        admin_client.post(
            "/admin/todos/todomodel/",
            {"action": "soft_delete_selected", "_selected_action": [root.pk]},
        )
        assert not TodoModel.objects.filter(is_active=True).exists()
        assert "todo.deleted" in [e.name for e in announced]
