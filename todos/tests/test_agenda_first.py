"""The today agenda's first tasks in one query (the dashboard's): the same tasks in
the same order as the agenda's groups one after the other."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from todos.services import TodoService
from todos.tests.factories import TodoFactory

pytestmark = pytest.mark.django_db
GROUPS = ("overdue", "due_today", "urgent", "in_progress")


def _agenda_order(user):
    today = TodoService.today(user=user)
    return [task.pk for group in GROUPS for task in today[group]]


def test_first_tasks_follow_every_groups_own_order(frozen, user):
    # frozen: 2026-11-22 12:00 UTC; the user's zone is UTC
    for day, at, priority in (
        (date(2026, 11, 20), None, "low"),
        (date(2026, 11, 20), time(9, 0), "high"),
        (date(2026, 11, 22), time(8, 0), "medium"),
        (date(2026, 11, 22), time(18, 0), "low"),
        (date(2026, 11, 22), None, "urgent"),
        (date(2026, 11, 22), time(13, 30), "high"),
        (date(2026, 11, 30), None, "urgent"),
        (None, None, "urgent"),
        (date(2026, 12, 1), None, "low"),
    ):
        TodoFactory(user=user, due_date=day, due_time=at, priority=priority)
    TodoFactory(user=user, status="in_progress", priority="high")
    TodoFactory(user=user, status="in_progress", priority="low")
    TodoFactory(user=user, status="completed", due_date=date(2026, 11, 1))
    expected = _agenda_order(user)
    assert len(expected) == 10
    for limit in (1, 5, 10, 50):
        with CaptureQueriesContext(connection) as queries:
            first = TodoService.first_of_agenda(user=user, limit=limit)
        assert [task.pk for task in first] == expected[:limit]
        assert len([q for q in queries if "todos" in q["sql"]]) == 1


def test_counts_are_the_agendas(frozen, user):
    TodoFactory(user=user, due_date=date(2026, 11, 20))
    TodoFactory(user=user, due_date=date(2026, 11, 22))
    TodoFactory(user=user, status="in_progress")
    assert (
        TodoService.agenda_counts(user=user) == TodoService.today(user=user)["counts"]
    )


def test_nothing_open_is_nothing(user):
    TodoFactory(user=user, status="completed")
    assert TodoService.first_of_agenda(user=user, limit=5) == []


def test_each_user_and_minute_gets_its_own_agenda(frozen, user, make_user):
    # The statements are compiled once; every call binds its own user, day and time.
    other = make_user("other")
    call = TodoFactory(user=user, due_date=date(2026, 11, 22), due_time=time(12, 30))
    TodoFactory(user=other, due_date=date(2026, 11, 21))
    assert TodoService.agenda_counts(user=user)["due_today"] == 1
    assert TodoService.agenda_counts(user=other)["overdue"] == 1
    assert TodoService.agenda_counts(user=other)["due_today"] == 0
    frozen.shift(31 * 60)  # 12:31: the call's time has gone
    counts = TodoService.agenda_counts(user=user)
    assert (counts["overdue"], counts["due_today"], counts["total"]) == (1, 0, 1)
    assert TodoService.first_of_agenda(user=user, limit=5) == [call]
    assert counts == TodoService.today(user=user)["counts"]
