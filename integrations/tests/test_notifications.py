"""Notifications from domain events: one per occurrence, preferences, email, digest."""

from datetime import timedelta

import pytest
from django.core import mail

from integrations import tasks
from integrations.models import (
    Channel,
    Kind,
    NotificationDigestModel,
    NotificationModel,
    NotificationPreferenceModel,
)
from mysphere_core import events

pytestmark = pytest.mark.django_db

BUDGET = {
    "budget_id": 4,
    "month": "2026-11",
    "category": "Groceries",
    "currency": "USD",
    "available": "400.00",
    "spent": "340.00",
    "percent_used": 85,
    "threshold_percent": 80,
}
LENDING = {
    "lending_id": 9,
    "direction": "lent",
    "counterparty_name": "Sam",
    "amount": "50.00",
    "currency": "EUR",
    "due_date": "2026-11-25",
    "outstanding": "30.00",
}


def _alert(alert_type, alert_id=1):
    return {
        "alert_id": alert_id,
        "subscription_id": "sub_abc",
        "alert_type": alert_type,
        "title": "Netflix renews in 3 days",
        "message": "Your Netflix subscription (15.99 USD) renews in 3 days.",
        "email": True,
    }


# (event, payload, expected kind, expected severity, object type)
CASES = [
    (
        "subscription.alert_raised",
        _alert("renewal_reminder"),
        Kind.SUBSCRIPTION_RENEWAL,
        "info",
        "subscription",
    ),
    (
        "subscription.alert_raised",
        _alert("trial_ending"),
        Kind.SUBSCRIPTION_TRIAL_ENDING,
        "warning",
        "subscription",
    ),
    (
        "subscription.alert_raised",
        _alert("price_increase"),
        Kind.SUBSCRIPTION_PRICE_INCREASE,
        "warning",
        "subscription",
    ),
    (
        "subscription.alert_raised",
        _alert("payment_due"),
        Kind.SUBSCRIPTION_PAYMENT_DUE,
        "warning",
        "subscription",
    ),
    ("budget.threshold_crossed", BUDGET, Kind.BUDGET_THRESHOLD, "warning", "budget"),
    (
        "budget.exceeded",
        {**BUDGET, "percent_used": 104},
        Kind.BUDGET_EXCEEDED,
        "critical",
        "budget",
    ),
    (
        "todo.reminder",
        {
            "todo_id": 7,
            "title": "Call mum",
            "reminder_at": "2026-11-22T09:00:00+00:00",
            "due_date": "2026-11-22",
            "due_time": "10:00",
        },
        Kind.TODO_REMINDER,
        "info",
        "todo",
    ),
    (
        "todo.overdue",
        {"todo_id": 7, "title": "Pay rent", "due_date": "2026-11-21"},
        Kind.TODO_OVERDUE,
        "warning",
        "todo",
    ),
    ("lending.due_soon", LENDING, Kind.LENDING_DUE_SOON, "info", "lending"),
    ("lending.overdue", LENDING, Kind.LENDING_OVERDUE, "warning", "lending"),
]


@pytest.mark.parametrize(
    "name,payload,kind,severity,object_type", CASES, ids=[c[2] for c in CASES]
)
def test_each_event_makes_one_notification(
    user, name, payload, kind, severity, object_type
):
    events.announce(name, user=user, **payload)
    events.announce(name, user=user, **payload)  # the same occurrence again
    notification = NotificationModel.objects.get()
    assert notification.user == user
    assert notification.kind == kind
    assert notification.severity == severity
    assert notification.object_type == object_type
    assert notification.title and notification.body
    assert notification.event_type == name
    assert notification.is_read is False


def test_texts_say_what_happened(user):
    events.announce("budget.exceeded", user=user, **{**BUDGET, "percent_used": 104})
    events.announce(
        "lending.overdue", user=user, **{**LENDING, "direction": "borrowed"}
    )
    budget, loan = NotificationModel.objects.order_by("notification_id")
    assert budget.title == "Groceries is over budget for November"
    assert budget.body == (
        "You have spent 340.00 of 400.00 USD planned for Groceries in November 2026 "
        "(you asked to be told at 80%)."
    )
    assert loan.title == "Your 30.00 EUR to Sam was due on Wednesday 25 November"
    assert loan.body == "You owe Sam 30.00 EUR (of 50.00 EUR)."


def test_a_new_occurrence_makes_a_new_notification(user):
    events.announce(
        "todo.overdue", user=user, todo_id=7, title="Rent", due_date="2026-11-21"
    )
    events.announce(
        "todo.overdue", user=user, todo_id=7, title="Rent", due_date="2026-12-21"
    )
    events.announce("subscription.alert_raised", user=user, **_alert("payment_due", 1))
    events.announce("subscription.alert_raised", user=user, **_alert("payment_due", 2))
    assert NotificationModel.objects.count() == 4


def test_list_shared_notifies_the_user_it_was_shared_with(user, other_user):
    payload = {
        "list_id": 5,
        "name": "Groceries",
        "shared_with_id": other_user.pk,
        "invited_email": "",
        "permission": "edit",
    }
    events.announce("list.shared", user=user, **payload)
    notification = NotificationModel.objects.get()
    assert notification.user == other_user
    assert notification.kind == Kind.LIST_SHARED
    assert notification.title == "A list was shared with you: Groceries"
    assert notification.body == "You can edit it."


def test_events_without_a_rule_make_nothing(user):
    events.announce("todo.deleted", user=user, todo_id=3)
    events.announce("subscription.alerts_changed", user=user, alert_ids=[1])
    assert not NotificationModel.objects.exists()


def test_a_rolled_back_write_notifies_nobody(user):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        events.announce(
            "todo.overdue", user=user, todo_id=1, title="x", due_date="2026-11-21"
        )
        raise RuntimeError("rolled back")
    assert not NotificationModel.objects.exists()


class TestPreferences:
    def test_none_makes_no_notification(self, user):
        NotificationPreferenceModel.objects.create(
            user=user, kind=Kind.TODO_OVERDUE, channel=Channel.NONE
        )
        events.announce(
            "todo.overdue", user=user, todo_id=1, title="x", due_date="2026-11-21"
        )
        events.announce("lending.due_soon", user=user, **LENDING)
        assert list(NotificationModel.objects.values_list("kind", flat=True)) == [
            Kind.LENDING_DUE_SOON
        ]

    def test_email_sends_one_email_through_celery(self, user):
        NotificationPreferenceModel.objects.create(
            user=user, kind=Kind.BUDGET_EXCEEDED, channel=Channel.EMAIL
        )
        events.announce("budget.exceeded", user=user, **BUDGET)
        events.announce("budget.exceeded", user=user, **BUDGET)
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [user.email]
        assert message.subject == "MY SPHERE: Groceries is over budget for November"
        assert NotificationModel.objects.get().emailed_at is not None
        assert (
            tasks.send_notification_email_task(NotificationModel.objects.get().pk)
            is False
        )

    def test_in_app_sends_no_email(self, user):
        events.announce("budget.exceeded", user=user, **BUDGET)
        assert NotificationModel.objects.get().channel == Channel.IN_APP
        assert mail.outbox == []

    def test_profile_without_emails_gets_none(self, make_user):
        quiet = make_user("quiet", profile={"email_notifications": False})
        NotificationPreferenceModel.objects.create(
            user=quiet, kind=Kind.BUDGET_EXCEEDED, channel=Channel.EMAIL
        )
        events.announce("budget.exceeded", user=quiet, **BUDGET)
        assert NotificationModel.objects.filter(user=quiet).count() == 1
        assert mail.outbox == []

    def test_api_lists_every_kind_and_changes_some(self, auth_client, user):
        resp = auth_client.get("/api/integrations/notifications/preferences/")
        assert resp.status_code == 200
        assert resp.json() == dict.fromkeys(Kind.values, "in_app")
        resp = auth_client.patch(
            "/api/integrations/notifications/preferences/",
            {"todo_overdue": "digest", "lending_overdue": "none"},
            format="json",
        )
        assert resp.status_code == 200
        assert resp.json()["todo_overdue"] == "digest"
        assert resp.json()["lending_overdue"] == "none"
        assert resp.json()["budget_exceeded"] == "in_app"

    def test_api_names_bad_kinds_and_channels(self, auth_client):
        url = "/api/integrations/notifications/preferences/"
        resp = auth_client.patch(
            url, {"todo_overdue": "pigeon", "nope": "email"}, format="json"
        )
        assert resp.status_code == 400
        body = resp.json()
        assert "pigeon" in body["todo_overdue"][0]
        assert body["nope"][0].startswith("Unknown field")


class TestDigest:
    def _digest_user(self, make_user, zone="UTC"):
        person = make_user(profile={"timezone": zone})
        NotificationPreferenceModel.objects.create(
            user=person, kind=Kind.TODO_OVERDUE, channel=Channel.DIGEST
        )
        for n in range(3):
            events.announce(
                "todo.overdue",
                user=person,
                todo_id=n,
                title=f"Task {n}",
                due_date="2026-11-21",
            )
        return person

    def test_one_email_with_the_days_unread_notifications(
        self, frozen, make_user, settings
    ):
        settings.NOTIFICATION_DIGEST_HOUR = 7
        person = self._digest_user(make_user)
        NotificationModel.objects.filter(title="Overdue: Task 2").update(is_read=True)
        assert mail.outbox == []  # digest kinds wait for the digest
        assert tasks.send_daily_digests_task() == {"digests_sent": 1}
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [person.email]
        assert message.subject == "MY SPHERE: 2 notifications for 2026-11-22"
        assert "Overdue: Task 0" in message.body and "Overdue: Task 1" in message.body
        assert "Task 2" not in message.body
        assert tasks.send_daily_digests_task() == {"digests_sent": 0}
        assert len(mail.outbox) == 1
        assert NotificationDigestModel.objects.get().notification_count == 2

    def test_waits_for_the_users_local_hour(self, frozen, make_user, settings):
        settings.NOTIFICATION_DIGEST_HOUR = 9  # 12:00 UTC is 04:00 in Los Angeles
        self._digest_user(make_user, zone="America/Los_Angeles")
        assert tasks.send_daily_digests_task() == {"digests_sent": 0}
        frozen.shift(timedelta(hours=5))
        assert tasks.send_daily_digests_task() == {"digests_sent": 1}

    def test_one_digest_a_day_even_with_new_notifications(
        self, frozen, make_user, settings
    ):
        settings.NOTIFICATION_DIGEST_HOUR = 7
        person = self._digest_user(make_user)
        tasks.send_daily_digests_task()
        events.announce(
            "todo.overdue", user=person, todo_id=99, title="Late", due_date="2026-11-22"
        )
        assert tasks.send_daily_digests_task() == {"digests_sent": 0}
        frozen.shift(timedelta(days=1))
        assert tasks.send_daily_digests_task() == {"digests_sent": 1}
        assert "Late" in mail.outbox[-1].body


def _spend_on_groceries(user, amount: str) -> None:
    """A Groceries expense of `amount` on 2026-11-20, through the service."""
    from datetime import date
    from decimal import Decimal

    from expenses.services import ExpenseService

    ExpenseService.create(
        user=user,
        data={
            "amount": Decimal(amount),
            "category": "Groceries",
            "transaction_date": date(2026, 11, 20),
        },
    )


class TestRealFeatures:
    """The other apps' own services announce; notifications follow."""

    def test_a_repayment_recorded_by_hand_notifies_nobody(self, user, frozen):
        from decimal import Decimal

        from lending.services import LendingService
        from lending.tests.factories import LendingFactory

        loan = LendingFactory(user=user)
        LendingService.repay(user=user, pk=loan.pk, data={"amount": Decimal("50.00")})
        assert not NotificationModel.objects.exists()

    def test_sharing_a_list_notifies_the_other_user(self, user, other_user):
        from lists.services import ListService
        from lists.tests.factories import ListFactory

        groceries = ListFactory(user=user, name="Groceries")
        ListService.share(
            user=user, pk=groceries.pk, login=other_user.username, permission="edit"
        )
        notification = NotificationModel.objects.get(kind=Kind.LIST_SHARED)
        assert notification.user == other_user
        assert notification.title == "A list was shared with you: Groceries"

    def test_a_budget_threshold_notifies_once(self, user, frozen):
        from budgets.tests.factories import plan_with

        plan_with(user, month="2026-11", allocations={"Groceries": "100.00"})
        for amount in ("85.00", "5.00"):
            _spend_on_groceries(user, amount)
        notification = NotificationModel.objects.get(kind=Kind.BUDGET_THRESHOLD)
        assert notification.user == user
        assert notification.title == "Groceries has used 85% of its November budget"

    def test_one_budget_alert_per_category_and_month(self, user, frozen):
        """One expense past 100 % tells once (over budget, not also the threshold);
        a plan deleted and made again in the month does not tell again."""
        from budgets.services import BudgetService
        from budgets.tests.factories import plan_with

        plan = plan_with(user, month="2026-11", allocations={"Groceries": "100.00"})
        _spend_on_groceries(user, "120.00")
        BudgetService.delete(user=user, pk=plan.pk)
        plan_with(user, month="2026-11", allocations={"Groceries": "100.00"})
        _spend_on_groceries(user, "1.00")
        titles = list(NotificationModel.objects.values_list("title", flat=True))
        assert titles == ["Groceries is over budget for November"]

    def test_a_loan_due_reads_as_a_sentence(self, user, frozen):
        events.announce(
            "lending.due_soon",
            user=user,
            **{
                **LENDING,
                "counterparty_name": "Nia",
                "outstanding": "10.00",
                "currency": "USD",
                "due_date": "2026-11-23",
            },
        )
        notification = NotificationModel.objects.get()
        assert notification.title == "Nia's 10.00 USD is due tomorrow"
        assert notification.body == "Nia owes you 10.00 USD (of 50.00 USD)."

    def test_the_features_beat_tasks_notify_once_per_occurrence(self, user, frozen):
        """Each producing task run twice: one notification per kind, no more."""
        from datetime import date

        from django.utils import timezone

        from lending.services import LendingService
        from lending.tests.factories import LendingFactory
        from subscriptions.services import SubscriptionAlertService
        from subscriptions.tests.factories import SubscriptionFactory
        from todos.services import TodoService
        from todos.tests.factories import TodoFactory

        now = timezone.now()  # the frozen NOW
        today = date(2026, 11, 22)
        SubscriptionFactory(
            user=user, start_date=today, next_billing_date=today + timedelta(days=2)
        )
        SubscriptionFactory(  # overdue: it does not renew by itself
            user=user,
            start_date=today - timedelta(days=40),
            next_billing_date=today - timedelta(days=3),
            auto_renewal=False,
        )
        TodoFactory(user=user, title="Call mum", reminder_at=now - timedelta(minutes=1))
        TodoFactory(user=user, title="Pay rent", due_date=today - timedelta(days=1))
        LendingFactory(user=user, due_date=today + timedelta(days=2))
        LendingFactory(user=user, due_date=today - timedelta(days=2))
        for _ in range(2):
            SubscriptionAlertService.generate()
            TodoService.send_reminders(now=now)
            TodoService.flag_overdue(now=now)
            LendingService.send_reminders(now=now)
        kinds = sorted(
            NotificationModel.objects.filter(user=user).values_list("kind", flat=True)
        )
        assert kinds == sorted(
            [
                Kind.SUBSCRIPTION_RENEWAL,
                Kind.SUBSCRIPTION_PAYMENT_DUE,
                Kind.TODO_REMINDER,
                Kind.TODO_OVERDUE,
                Kind.LENDING_DUE_SOON,
                Kind.LENDING_OVERDUE,
            ]
        )


def test_an_invitation_by_email_notifies_the_account_that_has_it(user, other_user):
    payload = {"list_id": 5, "name": "Groceries", "permission": "view"}
    events.announce(
        "list.shared",
        user=user,
        shared_with_id=None,
        invited_email=other_user.email.upper(),
        **payload,
    )
    events.announce(
        "list.shared",
        user=user,
        shared_with_id=None,
        invited_email="nobody@example.com",
        **{**payload, "list_id": 6},
    )
    assert [n.user for n in NotificationModel.objects.all()] == [other_user]
