"""Beat tasks (reminders, overdue) and the subscription trial -> todo flow."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from subscriptions.services import SubscriptionAlertService, SubscriptionService
from todos import tasks
from todos.models import TodoModel, TodoNotificationModel
from todos.services import TodoService
from todos.tests.factories import TodoFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def _heard(announced, name):
    return [e.payload for e in announced if e.name == name]


class TestReminders:
    def test_a_reminder_fires_once(self, user, announced):
        todo = TodoFactory(
            user=user,
            title="Call mom",
            due_date=date(2026, 11, 22),
            due_time=time(17),
            reminder_at=NOW - timedelta(minutes=1),
        )
        TodoFactory(user=user, reminder_at=NOW + timedelta(minutes=5))  # not yet
        TodoFactory(user=user, reminder_at=NOW - timedelta(days=2))  # too old
        TodoFactory(user=user, reminder_at=NOW, status="completed")  # done
        assert tasks.send_reminders_task() == 1
        assert tasks.send_reminders_task() == 0
        assert _heard(announced, "todo.reminder") == [
            {
                "todo_id": todo.pk,
                "title": "Call mom",
                "reminder_at": "2026-11-22T11:59:00+00:00",
                "due_date": "2026-11-22",
                "due_time": "17:00",
            }
        ]
        assert TodoNotificationModel.objects.get().kind == "reminder"

    def test_a_moved_reminder_on_another_day_fires_again(self, user, announced):
        todo = TodoFactory(user=user, reminder_at=NOW - timedelta(minutes=1))
        TodoService.send_reminders(now=NOW)
        todo.reminder_at = NOW + timedelta(days=1)
        todo.save()
        TodoService.send_reminders(now=NOW + timedelta(days=1, minutes=1))
        assert len(_heard(announced, "todo.reminder")) == 2

    def test_nothing_while_the_feature_is_off(self, user, settings, monkeypatch):
        TodoFactory(user=user, reminder_at=NOW - timedelta(minutes=1))
        monkeypatch.setattr(tasks, "feature_enabled", lambda name: False)
        assert tasks.send_reminders_task() == 0
        assert tasks.flag_overdue_task() == 0


class TestOverdue:
    def test_once_per_task_and_due_day_by_the_owners_clock(self, make_user, announced):
        tonga = make_user("tonga", profile={"timezone": "Pacific/Tongatapu"})
        honolulu = make_user("honolulu", profile={"timezone": "Pacific/Honolulu"})
        in_tonga = TodoFactory(user=tonga, title="T", due_date=date(2026, 11, 22))
        TodoFactory(user=honolulu, title="H", due_date=date(2026, 11, 22))
        TodoFactory(user=honolulu, title="old", due_date=date(2026, 10, 1))
        assert TodoService.flag_overdue(now=NOW) == 1  # Nov 23 in Tonga only
        assert TodoService.flag_overdue(now=NOW) == 0
        assert _heard(announced, "todo.overdue") == [
            {"todo_id": in_tonga.pk, "title": "T", "due_date": "2026-11-22"}
        ]
        # Honolulu reaches Nov 23 at 10:00 UTC the next day
        assert TodoService.flag_overdue(now=NOW + timedelta(hours=22)) == 1
        assert TodoService.flag_overdue(now=NOW + timedelta(hours=23)) == 0

    def test_a_rerun_skips_what_was_announced_in_one_query(
        self, user, django_assert_num_queries
    ):
        for day in (18, 19, 20, 21):
            TodoFactory(user=user, due_date=date(2026, 11, day), reminder_at=NOW)
        assert TodoService.flag_overdue(now=NOW) == 4
        assert TodoService.send_reminders(now=NOW) == 4
        with django_assert_num_queries(1):
            assert TodoService.flag_overdue(now=NOW + timedelta(minutes=15)) == 0
        with django_assert_num_queries(1):
            assert TodoService.send_reminders(now=NOW + timedelta(minutes=1)) == 0

    def test_a_new_due_day_can_be_flagged_again(self, user, announced):
        todo = TodoFactory(user=user, due_date=date(2026, 11, 21))
        TodoService.flag_overdue(now=NOW)
        todo.due_date = date(2026, 11, 22)
        todo.due_time = time(11)
        todo.save()
        TodoService.flag_overdue(now=NOW)
        assert [p["due_date"] for p in _heard(announced, "todo.overdue")] == [
            "2026-11-21",
            "2026-11-22",
        ]


TRIAL = {
    "name": "Netflix",
    "provider": "Netflix Inc.",
    "amount": "15.99",
    "billing_cycle": "monthly",
    "start_date": "2026-11-10",
    "is_trial": True,
    "trial_end_date": "2026-11-25",
    "next_billing_date": "2026-11-25",
}


class TestTrialToTodo:
    def test_end_to_end(self, user, auth_client, frozen):
        resp = auth_client.post("/api/subscriptions/", TRIAL, format="json")
        assert resp.status_code == 201, resp.content
        sub_id = resp.json()["subscription_id"]
        SubscriptionAlertService.generate()  # the hourly beat: trial ends in 3 days
        todo = TodoModel.objects.get()
        assert todo.title == "Cancel or keep Netflix? Trial ends 2026-11-25"
        assert todo.due_date == date(2026, 11, 24)
        assert todo.source_ref == f"subscription:{sub_id}:trial"
        assert (todo.priority, todo.tags) == ("high", ["subscriptions"])
        # next day's alert: still one todo
        frozen.move_to("2026-11-23 12:00:00+00:00")
        SubscriptionAlertService.generate()
        assert TodoModel.objects.count() == 1
        # cancelling the subscription answers the question
        SubscriptionService.cancel(user=user, pk=sub_id)
        todo.refresh_from_db()
        assert todo.status == "completed"

    def test_deleting_the_subscription_cancels_the_todo(self, user, auth_client):
        sub_id = auth_client.post("/api/subscriptions/", TRIAL, format="json").json()[
            "subscription_id"
        ]
        SubscriptionAlertService.generate()
        assert auth_client.delete(f"/api/subscriptions/{sub_id}/").status_code == 204
        assert TodoModel.objects.get().status == "cancelled"

    def test_a_deleted_trial_todo_is_not_asked_again(self, user, auth_client):
        sub_id = auth_client.post("/api/subscriptions/", TRIAL, format="json").json()[
            "subscription_id"
        ]
        SubscriptionAlertService.generate()
        todo = TodoModel.objects.get()
        assert auth_client.delete(f"/api/todos/{todo.pk}/").status_code == 204
        assert TodoService.trial_ending(user=user, subscription_id=sub_id) is None
        assert TodoModel.objects.count() == 1

    def test_a_trial_ending_today_is_due_today(self, user, auth_client):
        body = {
            **TRIAL,
            "trial_end_date": "2026-11-22",
            "next_billing_date": "2026-11-22",
        }
        sub_id = auth_client.post("/api/subscriptions/", body, format="json").json()[
            "subscription_id"
        ]
        todo = TodoService.trial_ending(user=user, subscription_id=sub_id)
        assert todo.due_date == date(2026, 11, 22)
        assert TodoService.trial_ending(user=user, subscription_id=sub_id) == todo

    def test_an_extended_trial_moves_its_open_todo(self, user, auth_client):
        sub_id = auth_client.post("/api/subscriptions/", TRIAL, format="json").json()[
            "subscription_id"
        ]
        SubscriptionAlertService.generate()
        todo = TodoModel.objects.get()
        resp = auth_client.patch(
            f"/api/subscriptions/{sub_id}/",
            {"trial_end_date": "2026-12-01", "next_billing_date": "2026-12-01"},
            format="json",
        )
        assert resp.status_code == 200, resp.content
        moved = TodoService.trial_ending(user=user, subscription_id=sub_id)
        assert moved.pk == todo.pk and TodoModel.objects.count() == 1
        assert moved.title == "Cancel or keep Netflix? Trial ends 2026-12-01"
        assert moved.due_date == date(2026, 11, 30)
        # an answered question stays answered
        TodoService.complete(user=user, pk=todo.pk)
        auth_client.patch(
            f"/api/subscriptions/{sub_id}/",
            {"trial_end_date": "2026-12-05", "next_billing_date": "2026-12-05"},
            format="json",
        )
        kept = TodoService.trial_ending(user=user, subscription_id=sub_id)
        assert (kept.status, kept.due_date) == ("completed", date(2026, 11, 30))

    def test_not_a_trial_or_gone(self, user):
        assert TodoService.trial_ending(user=user, subscription_id="SUBnope") is None
        assert not TodoModel.objects.exists()
        assert timezone.now() == NOW
