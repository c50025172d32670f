"""complete/, reopen/, subtasks, delete, bulk_update/ and reorder/."""

import threading
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from todos.models import TodoModel
from todos.services import TodoService
from todos.tests.conftest import names
from todos.tests.factories import TodoFactory

pytestmark = pytest.mark.django_db

URL = "/api/todos/"


def _post(client, pk, action, body=None):
    return client.post(f"{URL}{pk}/{action}/", body or {}, format="json")


class TestCompleteRecurring:
    def test_the_completed_instance_stays_and_the_next_is_created(
        self, frozen, user, auth_client, announced
    ):
        resp = auth_client.post(
            URL,
            {
                "title": "Pay rent",
                "due_date": "2026-10-31",
                "due_time": "09:00",
                "recurrence": "monthly",
                "tags": ["bills"],
                "priority": "urgent",
                "estimated_minutes": 5,
                "reminder_at": "2026-10-30T18:00:00Z",
            },
            format="json",
        )
        october = resp.json()["todo_id"]
        body = _post(auth_client, october, "complete").json()
        assert body["status"] == "completed"
        assert body["completed_at"] == "2026-11-22T12:00:00Z"
        november = TodoModel.objects.get(previous_instance_id=october)
        # completed late (Nov 22): the schedule's next day not before today
        assert november.due_date == date(2026, 11, 30)
        assert november.recurrence_anchor == date(2026, 10, 31)
        assert november.status == "pending"
        assert (november.title, november.priority, november.tags) == (
            "Pay rent",
            "urgent",
            ["bills"],
        )
        assert november.due_time == time(9)
        assert november.reminder_at == datetime(
            2026, 11, 29, 18, tzinfo=ZoneInfo("UTC")
        )
        assert TodoModel.objects.get(pk=october).status == "completed"
        completed = [e for e in announced if e.name == "todo.completed"]
        assert completed[0].payload["next_todo_id"] == november.pk
        assert names(announced)[-2:] == ["todo.created", "todo.completed"]
        # the next one completed on time: Dec 31, then Jan 31, Feb 28
        frozen.move_to("2026-11-30 12:00:00+00:00")
        TodoService.complete(user=user, pk=november.pk)
        december = TodoModel.objects.get(previous_instance=november)
        assert december.due_date == date(2026, 12, 31)

    def test_monthly_on_the_31st_through_february_by_the_api(
        self, frozen, user, client_for
    ):
        frozen.move_to("2027-01-30 12:00:00+00:00")
        todo_id = (
            client_for(user)
            .post(
                URL,
                {"title": "Invoice", "due_date": "2027-01-31", "recurrence": "monthly"},
                format="json",
            )
            .json()["todo_id"]
        )
        days = []
        for _ in range(4):  # each completed on its due day
            todo = TodoModel.objects.get(pk=todo_id)
            frozen.move_to(f"{todo.due_date.isoformat()} 12:00:00+00:00")
            assert _post(client_for(user), todo_id, "complete").status_code == 200
            todo_id = TodoModel.objects.get(previous_instance_id=todo_id).pk
            days.append(TodoModel.objects.get(pk=todo_id).due_date.isoformat())
        assert days == ["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]
        assert TodoModel.objects.filter(status="completed").count() == 4

    def test_every_two_weeks_completed_late_keeps_its_weekday(
        self, frozen, user, client_for
    ):
        frozen.move_to("2026-11-20 12:00:00+00:00")  # Friday
        client = client_for(user)
        todo_id = client.post(
            URL,
            {
                "title": "Team sync",
                "due_date": "2026-11-02",
                "recurrence": "every 2 weeks",
            },
            format="json",
        ).json()["todo_id"]
        _post(client, todo_id, "complete")
        following = TodoModel.objects.get(previous_instance_id=todo_id)
        assert following.due_date == date(2026, 11, 30)  # Monday, not Dec 4
        assert following.rule.label() == "every 2 weeks"

    def test_the_next_day_follows_the_owners_clock(self, frozen, make_user, client_for):
        """At 12:00 UTC it is Nov 23 in Tonga and Nov 22 in Honolulu: a daily task
        due Nov 20 and completed now comes back on each one's today."""
        found = {}
        for zone in ("Pacific/Tongatapu", "Pacific/Honolulu"):
            owner = make_user(zone.split("/")[1], profile={"timezone": zone})
            todo = TodoFactory(
                user=owner,
                due_date=date(2026, 11, 20),
                recurrence="daily",
                recurrence_anchor=date(2026, 11, 20),
            )
            _post(client_for(owner), todo.pk, "complete")
            found[zone] = TodoModel.objects.get(previous_instance=todo).due_date
        assert found == {
            "Pacific/Tongatapu": date(2026, 11, 23),
            "Pacific/Honolulu": date(2026, 11, 22),
        }

    def test_completing_twice_makes_one_next_instance(self, frozen, user, auth_client):
        todo = TodoFactory(
            user=user,
            due_date=date(2026, 11, 22),
            recurrence="weekdays",
            recurrence_anchor=date(2026, 11, 22),
        )
        assert _post(auth_client, todo.pk, "complete").status_code == 200
        assert _post(auth_client, todo.pk, "complete").status_code == 200
        following = TodoModel.objects.get(previous_instance=todo)
        assert following.due_date == date(2026, 11, 23)  # Sunday -> Monday
        assert TodoModel.objects.count() == 2

    def test_reopen_withdraws_the_untouched_next_instance(
        self, frozen, user, auth_client, announced
    ):
        todo = TodoFactory(
            user=user,
            due_date=date(2026, 11, 22),
            recurrence="daily",
            recurrence_interval=2,
            recurrence_anchor=date(2026, 11, 22),
        )
        _post(auth_client, todo.pk, "complete")
        following = TodoModel.objects.get(previous_instance=todo)
        body = _post(auth_client, todo.pk, "reopen").json()
        assert body["status"] == "pending" and body["completed_at"] is None
        following.refresh_from_db()
        assert following.is_active is False
        assert names(announced)[-2:] == ["todo.deleted", "todo.reopened"]
        # completing again makes a fresh next instance (the unique row is free)
        _post(auth_client, todo.pk, "complete")
        assert (
            TodoModel.objects.filter(previous_instance=todo, is_active=True).count()
            == 1
        )

    def test_patching_status_completed_follows_the_same_rules(
        self, frozen, user, auth_client
    ):
        todo = TodoFactory(
            user=user,
            due_date=date(2026, 11, 22),
            recurrence="weekly",
            recurrence_anchor=date(2026, 11, 22),
        )
        resp = auth_client.patch(
            f"{URL}{todo.pk}/", {"status": "completed"}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["status"] == "completed"
        assert TodoModel.objects.get(previous_instance=todo).due_date == date(
            2026, 11, 29
        )
        resp = auth_client.patch(
            f"{URL}{todo.pk}/", {"status": "pending"}, format="json"
        )
        assert resp.json()["status"] == "pending"
        assert not TodoModel.objects.filter(
            previous_instance=todo, is_active=True
        ).exists()


class TestSubtasks:
    def _tree(self, user):
        root = TodoFactory(user=user, title="Trip")
        child = TodoFactory(user=user, title="Flights", parent=root)
        grandchild = TodoFactory(user=user, title="Compare prices", parent=child)
        return root, child, grandchild

    def test_a_parent_cannot_complete_while_a_subtask_is_open(self, user, auth_client):
        root, child, grandchild = self._tree(user)
        resp = _post(auth_client, root.pk, "complete")
        assert resp.status_code == 400
        assert resp.json()["code"] == "open_subtasks"
        assert "2 open subtask(s)" in resp.json()["detail"]
        root.refresh_from_db()
        assert root.status == "pending"

    def test_force_completes_the_subtasks_too(self, user, auth_client):
        root, child, grandchild = self._tree(user)
        resp = _post(auth_client, root.pk, "complete", {"force": True})
        assert resp.status_code == 200
        states = set(TodoModel.objects.values_list("status", flat=True))
        assert states == {"completed"}

    def test_cycles_are_rejected(self, user, auth_client):
        root, child, grandchild = self._tree(user)
        for parent in (grandchild.pk, child.pk, root.pk):
            resp = auth_client.patch(
                f"{URL}{root.pk}/", {"parent": parent}, format="json"
            )
            assert resp.status_code == 400
            assert resp.json() == {
                "parent": [
                    "A task cannot be a subtask of itself or of its own subtasks."
                ]
            }
        root.refresh_from_db()
        assert root.parent_id is None

    def test_moving_a_subtask_elsewhere_is_fine(self, user, auth_client):
        root, child, grandchild = self._tree(user)
        resp = auth_client.patch(
            f"{URL}{grandchild.pk}/", {"parent": root.pk}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["parent"] == root.pk
        resp = auth_client.patch(
            f"{URL}{grandchild.pk}/", {"parent": None}, format="json"
        )
        assert resp.json()["parent"] is None

    def test_at_most_ten_levels(self, user, auth_client):
        chain = [TodoFactory(user=user)]
        for _ in range(8):
            chain.append(TodoFactory(user=user, parent=chain[-1]))
        resp = auth_client.post(
            URL, {"title": "10th", "parent": chain[-1].pk}, format="json"
        )
        assert resp.status_code == 201
        resp = auth_client.post(
            URL, {"title": "11th", "parent": resp.json()["todo_id"]}, format="json"
        )
        assert resp.json() == {"parent": ["Subtasks go at most 10 levels deep."]}
        # a two-level subtree may not hang below the 9th level either
        top = TodoFactory(user=user)
        TodoFactory(user=user, parent=top)
        resp = auth_client.patch(
            f"{URL}{top.pk}/", {"parent": chain[-1].pk}, format="json"
        )
        assert resp.json() == {"parent": ["Subtasks go at most 10 levels deep."]}

    def test_another_users_parent_is_a_400(self, user, other_user, auth_client):
        theirs = TodoFactory(user=other_user)
        resp = auth_client.post(
            URL, {"title": "Mine", "parent": theirs.pk}, format="json"
        )
        assert resp.status_code == 400
        assert resp.json() == {
            "parent": [f"Task {theirs.pk} is not one of your tasks."]
        }

    def test_delete_takes_the_subtasks_along(self, user, auth_client, announced):
        root, child, grandchild = self._tree(user)
        assert auth_client.delete(f"{URL}{root.pk}/").status_code == 204
        assert not TodoModel.objects.filter(is_active=True).exists()
        assert names(announced) == ["todo.deleted"] * 3
        assert auth_client.get(f"{URL}?parent={root.pk}").json()["count"] == 0


class TestBulkUpdate:
    def test_sets_the_fields_on_every_task(self, user, auth_client, announced):
        a, b = TodoFactory(user=user), TodoFactory(user=user)
        resp = auth_client.post(
            f"{URL}bulk_update/",
            {
                "todo_ids": [a.pk, b.pk],
                "fields": {"priority": "high", "tags": ["Work"]},
            },
            format="json",
        )
        assert resp.status_code == 200, resp.content
        assert [t["priority"] for t in resp.json()["todos"]] == ["high", "high"]
        assert set(TodoModel.objects.values_list("priority", flat=True)) == {"high"}
        bulk = [e for e in announced if e.name == "todo.bulk_updated"]
        assert bulk[0].payload == {
            "todo_ids": [a.pk, b.pk],
            "fields": ["priority", "tags"],
        }

    def test_all_or_nothing(self, user, other_user, auth_client):
        dated = TodoFactory(user=user, due_date=date(2026, 11, 30))
        undated = TodoFactory(user=user)
        resp = auth_client.post(
            f"{URL}bulk_update/",
            {"todo_ids": [dated.pk, undated.pk], "fields": {"due_time": "10:00"}},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {"due_time": ["A due time needs a due date."]}
        dated.refresh_from_db()
        assert dated.due_time is None
        theirs = TodoFactory(user=other_user)
        resp = auth_client.post(
            f"{URL}bulk_update/",
            {"todo_ids": [dated.pk, theirs.pk], "fields": {"priority": "low"}},
            format="json",
        )
        assert resp.status_code == 400
        assert resp.json() == {"todo_ids": [f"Not your tasks: {theirs.pk}."]}
        assert TodoModel.objects.get(pk=theirs.pk).priority == "medium"

    def test_completing_in_bulk_creates_next_instances(self, frozen, user, auth_client):
        a = TodoFactory(
            user=user,
            due_date=date(2026, 11, 22),
            recurrence="daily",
            recurrence_anchor=date(2026, 11, 22),
        )
        b = TodoFactory(user=user)
        resp = auth_client.post(
            f"{URL}bulk_update/",
            {"todo_ids": [a.pk, b.pk], "fields": {"status": "completed"}},
            format="json",
        )
        assert resp.status_code == 200
        assert TodoModel.objects.get(previous_instance=a).due_date == date(2026, 11, 23)

    def test_a_parent_completes_in_bulk_with_its_selected_subtasks(
        self, user, auth_client
    ):
        top = TodoFactory(user=user)
        middle = TodoFactory(user=user, parent=top)
        leaf = TodoFactory(user=user, parent=middle)
        other = TodoFactory(user=user, parent=top)

        def complete(*todos):
            return auth_client.post(
                f"{URL}bulk_update/",
                {"todo_ids": [t.pk for t in todos], "fields": {"status": "completed"}},
                format="json",
            )

        # `other` is open and not selected: the parent still cannot complete
        assert complete(top, middle, leaf).status_code == 400
        assert not TodoModel.objects.filter(status="completed").exists()
        assert complete(top, middle, leaf, other).status_code == 200
        assert set(TodoModel.objects.values_list("status", flat=True)) == {"completed"}

    @pytest.mark.parametrize(
        "body, errors",
        [
            ({"todo_ids": [], "fields": {"priority": "low"}}, {"todo_ids"}),
            ({"todo_ids": [1], "fields": {}}, {"fields"}),
            ({"todo_ids": [1], "fields": {"title": "x"}}, {"fields"}),
            ({"todo_ids": [1], "fields": {"priority": "meh"}}, {"fields"}),
            ({"todo_ids": ["x"]}, {"todo_ids", "fields"}),
        ],
    )
    def test_bad_bodies_name_the_field(self, user, auth_client, body, errors):
        TodoFactory(user=user)
        resp = auth_client.post(f"{URL}bulk_update/", body, format="json")
        assert resp.status_code == 400
        assert set(resp.json()) == errors


class TestReorder:
    def test_puts_the_tasks_in_the_given_order_in_their_places(self, user, auth_client):
        rows = [TodoFactory(user=user, position=p) for p in (0, 1, 2, 3)]
        a, b, c, d = (r.pk for r in rows)
        resp = auth_client.post(
            f"{URL}reorder/", {"todo_ids": [d, b, a]}, format="json"
        )
        assert resp.status_code == 200
        assert [t["todo_id"] for t in resp.json()["todos"]] == [d, b, a]
        listed = [r["todo_id"] for r in auth_client.get(URL).json()["results"]]
        assert listed == [d, b, c, a]

    def test_unknown_or_repeated_ids_are_a_400(self, user, auth_client):
        a = TodoFactory(user=user)
        resp = auth_client.post(
            f"{URL}reorder/", {"todo_ids": [a.pk, a.pk]}, format="json"
        )
        assert resp.json() == {"todo_ids": ["Give each task id once, as a number."]}
        resp = auth_client.post(
            f"{URL}reorder/", {"todo_ids": [a.pk, 999]}, format="json"
        )
        assert resp.json() == {"todo_ids": ["Not your tasks: 999."]}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_reorders_leave_distinct_positions(make_user):
    user = make_user()
    rows = [TodoFactory(user=user, position=p) for p in range(6)]
    ids = [r.pk for r in rows]
    orders = [ids[::-1], ids[1:] + ids[:1], ids[2:] + ids[:2], ids]
    errors = []

    def run(order):
        try:
            for _ in range(5):
                TodoService.reorder(user=user, todo_ids=order)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(o,)) for o in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    positions = list(
        TodoModel.objects.order_by("position").values_list("position", "pk")
    )
    assert sorted(p for p, _ in positions) == list(range(6))
    assert [pk for _, pk in positions] in orders


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_completes_make_one_next_instance(make_user):
    user = make_user()
    todo = TodoFactory(
        user=user,
        due_date=date(2026, 11, 22),
        recurrence="daily",
        recurrence_anchor=date(2026, 11, 22),
    )
    errors = []

    def run():
        try:
            TodoService.complete(user=user, pk=todo.pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert TodoModel.objects.filter(previous_instance=todo).count() == 1
