"""Alert generation (command, Celery task), idempotency, daily maintenance (their
notifications and emails: integrations/tests/test_one_inbox.py)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from mysphere_core import events
from subscriptions import tasks
from subscriptions.alerts import status_change
from subscriptions.models import SubscriptionAlertModel
from subscriptions.services import SubscriptionAlertService, SubscriptionService
from subscriptions.tests.factories import TODAY, SubscriptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _types(subscription):
    return sorted(
        SubscriptionAlertModel.objects.filter(subscription=subscription).values_list(
            "alert_type", flat=True
        )
    )


class TestGeneration:
    def test_alert_generation_workflow(self, user):
        """The seed's integration test: a renewal in 2 days gets one reminder."""
        subscription = SubscriptionFactory(
            user=user,
            name="Test Service",
            start_date=TODAY,
            next_billing_date=TODAY + timedelta(days=2),
        )
        call_command("generate_alerts")
        alerts = SubscriptionAlertModel.objects.filter(subscription=subscription)
        assert alerts.count() == 1
        assert alerts.first().alert_type == "renewal_reminder"
        assert alerts.first().title == "Test Service renews in 2 days"

    def test_idempotent_however_often_it_runs(self, user, frozen):
        subscription = SubscriptionFactory(
            user=user, start_date=TODAY, next_billing_date=TODAY + timedelta(days=1)
        )
        for _ in range(3):
            call_command("generate_alerts")
            tasks.generate_alerts_task.delay()
        assert SubscriptionAlertModel.objects.count() == 1
        frozen.shift(timedelta(days=1))
        result = SubscriptionAlertService.generate()
        assert result["created"] == 1
        assert SubscriptionAlertModel.objects.get(
            subscription=subscription, alert_day=TODAY + timedelta(days=1)
        ).title.endswith("renews today")

    def test_unique_constraint_holds_in_the_database(self, user):
        subscription = SubscriptionFactory(user=user)
        fields = {
            "user": user,
            "subscription": subscription,
            "alert_type": "renewal_reminder",
            "title": "t",
            "message": "m",
            "alert_date": timezone.now(),
            "alert_day": TODAY,
        }
        SubscriptionAlertModel.objects.create(**fields)
        with pytest.raises(IntegrityError), transaction.atomic():
            SubscriptionAlertModel.objects.create(**fields)
        # status changes may happen several times a day
        for _ in range(2):
            SubscriptionAlertModel.objects.create(
                **{**fields, "alert_type": "status_change"}
            )

    def test_reminder_window_follows_reminder_days(self, user):
        far = SubscriptionFactory(
            user=user, start_date=TODAY, next_billing_date=TODAY + timedelta(days=5)
        )
        near = SubscriptionFactory(
            user=user,
            start_date=TODAY,
            next_billing_date=TODAY + timedelta(days=5),
            reminder_days=7,
        )
        SubscriptionAlertService.generate()
        assert _types(far) == []
        assert _types(near) == ["renewal_reminder"]

    def test_overdue_and_manual_payments_are_payment_due(self, user):
        overdue = SubscriptionFactory(
            user=user,
            start_date=TODAY - timedelta(days=40),
            next_billing_date=TODAY - timedelta(days=3),
            auto_renewal=False,
        )
        renewing = SubscriptionFactory(  # the renewal job pays it: never overdue
            user=user,
            start_date=TODAY - timedelta(days=40),
            next_billing_date=TODAY - timedelta(days=3),
        )
        manual = SubscriptionFactory(
            user=user,
            start_date=TODAY,
            next_billing_date=TODAY + timedelta(days=1),
            auto_renewal=False,
        )
        SubscriptionAlertService.generate()
        assert _types(renewing) == []
        assert _types(overdue) == ["payment_due"]
        assert "3 days ago" in overdue.alerts.get().message
        assert _types(manual) == ["payment_due"]
        assert manual.alerts.get().title == f"{manual.name} payment due tomorrow"

    def test_trial_ending_within_three_days(self, user):
        ending = SubscriptionFactory(
            user=user,
            is_trial=True,
            start_date=TODAY - timedelta(days=11),
            trial_end_date=TODAY + timedelta(days=3),
            next_billing_date=TODAY + timedelta(days=3),
            billing_anchor_date=TODAY + timedelta(days=3),
        )
        later = SubscriptionFactory(
            user=user,
            is_trial=True,
            start_date=TODAY,
            trial_end_date=TODAY + timedelta(days=10),
            next_billing_date=TODAY + timedelta(days=10),
            billing_anchor_date=TODAY + timedelta(days=10),
        )
        SubscriptionAlertService.generate()
        assert _types(ending) == ["renewal_reminder", "trial_ending"]
        trial = ending.alerts.get(alert_type="trial_ending")
        assert trial.title == f"{ending.name} free trial ends in 3 days"
        assert _types(later) == []

    def test_planned_end_gets_a_cancellation_reminder(self, user):
        ending = SubscriptionFactory(
            user=user,
            start_date=TODAY - timedelta(days=100),
            next_billing_date=TODAY + timedelta(days=20),
            end_date=TODAY + timedelta(days=2),
        )
        SubscriptionAlertService.generate()
        assert _types(ending) == ["cancellation_reminder"]

    def test_paused_cancelled_and_deleted_get_no_reminders(self, user):
        for status in ("paused", "cancelled", "expired"):
            SubscriptionFactory(
                user=user,
                status=status,
                start_date=TODAY,
                next_billing_date=TODAY + timedelta(days=1),
            )
        SubscriptionFactory(
            user=user,
            is_active=False,
            start_date=TODAY,
            next_billing_date=TODAY + timedelta(days=1),
        )
        assert SubscriptionAlertService.generate()["created"] == 0

    def test_alert_day_is_the_users_local_date(self, make_user):
        kiwi = make_user("kiwi", profile={"timezone": "Pacific/Auckland"})
        subscription = SubscriptionFactory(
            user=kiwi,
            start_date=TODAY,
            next_billing_date=TODAY + timedelta(days=1),
        )
        SubscriptionAlertService.generate()
        alert = subscription.alerts.get()
        # 12:00 UTC on Nov 22 is Nov 23 in Auckland: the renewal is today there.
        assert alert.alert_day == TODAY + timedelta(days=1)
        assert alert.title.endswith("renews today")

    def test_generation_queries_do_not_grow_per_subscription(
        self, make_user, django_assert_max_num_queries, monkeypatch
    ):
        # Only the generation is counted: the receivers of other apps (the
        # integrations app makes a notification per alert) are left out.
        for signal in events.signals():
            own = [r for r in signal.receivers if "integrations." not in str(r[0])]
            monkeypatch.setattr(signal, "receivers", own)
        for i in range(15):
            SubscriptionFactory(
                user=make_user(f"u{i}"),
                start_date=TODAY,
                next_billing_date=TODAY + timedelta(days=1),
                email_notifications=False,
            )
        with django_assert_max_num_queries(4):
            assert SubscriptionAlertService.generate()["created"] == 15


class TestMaintenance:
    def test_removes_old_dismissed_alerts_only(self, user, frozen):
        subscription = SubscriptionFactory(user=user)
        frozen.move_to(datetime(2026, 10, 1, tzinfo=UTC))
        old = SubscriptionService.pause(user=user, pk=subscription.pk)
        old_alert = old.alerts.get()
        old_alert.is_dismissed = True
        old_alert.save()
        kept_unread = SubscriptionService.resume(
            user=user, pk=subscription.pk
        ).alerts.get(title__endswith="resumed")
        frozen.move_to(datetime(2026, 11, 20, tzinfo=UTC))
        recent = status_change(
            subscription=subscription, title="t", message="m", day=TODAY
        )
        recent.is_dismissed = True
        recent.save()
        frozen.move_to(datetime(2026, 11, 22, 12, tzinfo=UTC))
        result = tasks.daily_maintenance_task.delay().get()
        assert result["alerts_removed"] == 1
        remaining = set(SubscriptionAlertModel.objects.values_list("pk", flat=True))
        assert remaining == {kept_unread.pk, recent.pk}

    def test_expires_subscriptions_whose_end_date_passed(self, user):
        ended = SubscriptionFactory(
            user=user,
            status="cancelled",
            start_date=TODAY - timedelta(days=60),
            end_date=TODAY - timedelta(days=1),
        )
        ends_today = SubscriptionFactory(
            user=user, start_date=TODAY - timedelta(days=60), end_date=TODAY
        )
        active_ended = SubscriptionFactory(
            user=user,
            start_date=TODAY - timedelta(days=60),
            end_date=TODAY - timedelta(days=5),
        )
        assert SubscriptionAlertService.daily_maintenance()["expired"] == 2
        for subscription, status in (
            (ended, "expired"),
            (ends_today, "active"),
            (active_ended, "expired"),
        ):
            subscription.refresh_from_db()
            assert subscription.status == status
        assert ended.alerts.get().title == f"{ended.name} expired"
        assert SubscriptionAlertService.daily_maintenance()["expired"] == 0

    def test_usage_limit_alert_is_one_per_day(self, user, make_sub):
        subscription = make_sub(user, usage_tracking={"monthly_limit": 1})
        for _ in range(3):
            SubscriptionService.log_usage(
                user=user, pk=subscription.pk, data={"usage_count": 1}
            )
        assert subscription.alerts.filter(alert_type="usage_limit").count() == 1

    def test_price_increase_alert_is_refreshed_not_duplicated(self, user, make_sub):
        subscription = make_sub(user)
        for amount in ("16.99", "18.99"):
            SubscriptionService.update(
                user=user,
                pk=subscription.pk,
                data={"amount": Decimal(amount)},
            )
        alert = subscription.alerts.get(alert_type="price_increase")
        assert "18.99 USD instead of 16.99" in alert.message


def test_beat_schedule_names_these_tasks(settings):
    from mysphere_core.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    ours = {
        "subscriptions.tasks.generate_alerts_task",
        "subscriptions.tasks.daily_maintenance_task",
    }
    assert ours <= scheduled
    assert ours <= set(app.tasks)
