"""One inbox: every subscription alert is one notification of the centre, emailed
at most once as the centre's channel says, with one read state for both lists."""

from datetime import timedelta

import pytest
from django.core import mail

from integrations import tasks
from integrations.models import (
    Channel,
    Kind,
    NotificationModel,
    NotificationPreferenceModel,
)
from subscriptions.services import SubscriptionAlertService, SubscriptionService
from subscriptions.tests.factories import TODAY, SubscriptionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

ALERTS = "/api/subscriptions/alerts/"
CENTRE = "/api/integrations/notifications/"


def _renewing(user, name="HelloFresh", **fields):
    return SubscriptionFactory(
        user=user,
        name=name,
        start_date=TODAY,
        next_billing_date=TODAY + timedelta(days=3),
        **fields,
    )


def _email_me(user, kind=Kind.SUBSCRIPTION_RENEWAL):
    NotificationPreferenceModel.objects.create(
        user=user, kind=kind, channel=Channel.EMAIL
    )


def test_one_alert_is_one_notification_and_one_email(user):
    _renewing(user)
    _email_me(user)
    for _ in range(3):
        SubscriptionAlertService.generate()
    notification = NotificationModel.objects.get(user=user)
    assert notification.title == "HelloFresh renews in 3 days"
    assert notification.body.startswith("Your HelloFresh subscription (")
    assert [m.subject for m in mail.outbox] == [
        "MY SPHERE: HelloFresh renews in 3 days"
    ]


def test_email_follows_the_centre_the_profile_and_the_subscription(user, make_user):
    quiet = make_user("quiet", profile={"email_notifications": False})
    _email_me(user)
    _email_me(quiet)
    _renewing(user, "Loud")
    _renewing(user, "Muted", email_notifications=False)
    _renewing(quiet, "Quiet")
    _renewing(make_user("default"), "In the app")  # in-app unless chosen
    SubscriptionAlertService.generate()
    assert NotificationModel.objects.count() == 4
    assert [m.subject for m in mail.outbox] == ["MY SPHERE: Loud renews in 3 days"]
    assert mail.outbox[0].to == [user.email]


def test_the_digest_carries_alerts_chosen_for_it(user, settings):
    settings.NOTIFICATION_DIGEST_HOUR = 7  # the frozen clock says 12:00 UTC
    NotificationPreferenceModel.objects.create(
        user=user, kind=Kind.SUBSCRIPTION_RENEWAL, channel=Channel.DIGEST
    )
    _renewing(user)
    SubscriptionAlertService.generate()
    assert mail.outbox == []
    for _ in range(2):
        tasks.send_daily_digests_task()
    assert len(mail.outbox) == 1
    assert "HelloFresh renews in 3 days" in mail.outbox[0].body


def test_read_once_is_read_everywhere(auth_client, user):
    _renewing(user, "HelloFresh")
    _renewing(user, "Netflix")
    SubscriptionAlertService.generate()
    alerts = auth_client.get(ALERTS).json()["results"]
    by_title = {n["title"]: n for n in auth_client.get(CENTRE).json()["results"]}
    assert set(by_title) == {a["title"] for a in alerts}

    # read in the centre: the alert is read
    fresh = by_title["HelloFresh renews in 3 days"]["notification_id"]
    auth_client.post(f"{CENTRE}{fresh}/read/")
    unread = auth_client.get(ALERTS, {"is_read": "false"}).json()["results"]
    assert [a["title"] for a in unread] == ["Netflix renews in 3 days"]

    # read in the subscriptions list: the notification is read
    auth_client.post(f"{ALERTS}{unread[0]['alert_id']}/read/")
    assert auth_client.get(f"{CENTRE}unread_count/").json()["unread"] == 0


def test_read_all_and_dismiss_cross_over(auth_client, user, other_user):
    subscription = _renewing(user)
    SubscriptionService.pause(user=user, pk=subscription.pk)  # a status alert
    _renewing(other_user, "Theirs")
    SubscriptionAlertService.generate()
    kinds = set(NotificationModel.objects.filter(user=user).values_list("kind"))
    assert kinds == {(Kind.SUBSCRIPTION_STATUS,)}
    status = NotificationModel.objects.get(user=user)
    assert (status.title, status.body) == (
        "HelloFresh paused",
        "Your HelloFresh subscription has been paused.",
    )
    assert auth_client.post(f"{CENTRE}read_all/").json()["marked"] == 1
    assert auth_client.get(ALERTS, {"is_read": "false"}).json()["count"] == 0
    assert NotificationModel.objects.get(user=other_user).is_read is False

    SubscriptionService.resume(user=user, pk=subscription.pk)
    resumed = NotificationModel.objects.get(user=user, is_read=False)
    assert auth_client.delete(f"{CENTRE}{resumed.pk}/").status_code == 204
    assert [a["title"] for a in auth_client.get(ALERTS).json()["results"]] == [
        "HelloFresh paused"
    ]


def test_usage_and_end_alerts_are_notifications_too(user):
    subscription = _renewing(
        user,
        usage_tracking={"monthly_limit": 1},
        end_date=TODAY + timedelta(days=2),
    )
    SubscriptionService.log_usage(
        user=user, pk=subscription.pk, data={"usage_date": TODAY, "usage_count": 1}
    )
    SubscriptionAlertService.generate()
    titles = dict(
        NotificationModel.objects.filter(user=user).values_list("kind", "title")
    )
    assert titles == {
        Kind.SUBSCRIPTION_USAGE_LIMIT: "HelloFresh usage limit reached",
        Kind.SUBSCRIPTION_ENDING: "HelloFresh ends on 2026-11-24",
        Kind.SUBSCRIPTION_RENEWAL: "HelloFresh renews in 3 days",
    }
