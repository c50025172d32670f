"""Webhooks against a real receiver on 127.0.0.1: signatures, retries, giving up,
disabling; the SSRF guard; the API's create, ping, rotate and redeliver."""

import hashlib
import hmac
import json
import time

import pytest
from django.core import mail

from integrations import webhooks
from integrations.models import (
    Kind,
    NotificationModel,
    WebhookDeliveryModel,
    WebhookEndpointModel,
)
from integrations.tests.factories import DeliveryFactory, WebhookFactory
from mysphere_core import events

pytestmark = pytest.mark.django_db
URL = "/api/integrations/webhooks/"
Status = WebhookDeliveryModel.Status


def verify(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    """The README's verification snippet, as a receiver would run it."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts["t"])
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    fresh = abs(time.time() - timestamp) <= tolerance
    return fresh and hmac.compare_digest(expected, parts["v1"])


def _sweep_until_done(frozen, rounds=webhooks.MAX_ATTEMPTS):
    """Let time pass past every backoff and run the periodic sweep, `rounds` times."""
    from integrations import tasks

    for _ in range(rounds):
        frozen.shift(3600)
        tasks.send_due_deliveries_task()


def _announce(user, n=1):
    for i in range(n):
        events.announce(
            "todo.overdue", user=user, todo_id=i, title="Rent", due_date="2026-11-21"
        )


class TestDelivery:
    def test_event_is_posted_signed(self, receiver, user):
        endpoint = WebhookFactory(user=user, url=receiver.url)
        _announce(user)
        [request] = receiver.requests
        body = request["body"]
        document = json.loads(body)
        assert document["type"] == "todo.overdue"
        assert document["data"] == {
            "todo_id": 0,
            "title": "Rent",
            "due_date": "2026-11-21",
        }
        assert set(document) == {"id", "type", "created_at", "data"}
        headers = request["headers"]
        assert verify(endpoint.secret, headers["x-mysphere-signature"], body)
        assert not verify("whsec_wrong", headers["x-mysphere-signature"], body)
        assert headers["x-mysphere-event"] == "todo.overdue"
        delivery = WebhookDeliveryModel.objects.get()
        assert headers["x-mysphere-delivery"] == str(delivery.pk)
        assert delivery.status == Status.SUCCEEDED
        assert (delivery.attempts, delivery.response_code) == (1, 200)
        assert delivery.event_id == document["id"]
        assert delivery.duration_ms is not None

    def test_only_chosen_events_and_only_the_owners(self, receiver, user, other_user):
        WebhookFactory(user=user, url=receiver.url, events=["expense.created"])
        WebhookFactory(user=other_user, url=receiver.url)
        _announce(user)
        assert receiver.requests == []

    def test_paused_or_deleted_endpoints_get_nothing(self, receiver, user):
        WebhookFactory(user=user, url=receiver.url, enabled=False)
        WebhookFactory(user=user, url=receiver.url, is_active=False)
        _announce(user)
        assert receiver.requests == []

    def test_retries_after_500s_then_succeeds(self, receiver, user, frozen):
        from integrations import tasks

        WebhookFactory(user=user, url=receiver.url)
        receiver.answer(500, times=2)
        _announce(user)
        assert len(receiver.requests) == 1  # the retry is scheduled, not slept
        assert tasks.send_due_deliveries_task() == 0  # not due yet
        frozen.shift(30)
        assert tasks.send_due_deliveries_task() == 1
        frozen.shift(120)
        assert tasks.send_due_deliveries_task() == 1
        assert len(receiver.requests) == 3
        ids = {json.loads(r["body"])["id"] for r in receiver.requests}
        assert len(ids) == 1  # the same event each time
        delivery = WebhookDeliveryModel.objects.get()
        assert (delivery.status, delivery.attempts) == (Status.SUCCEEDED, 3)

    def test_backoff_is_exponential(self, receiver, user, frozen, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False  # drive the attempts by hand
        endpoint = WebhookFactory(user=user, url=receiver.url)
        receiver.answer(500, times=5)
        delivery = webhooks.create_delivery(
            endpoint, event_id="e1", event_type="todo.overdue", body="{}"
        )
        waits = [webhooks.attempt(delivery.pk)]
        for _ in range(4):
            assert webhooks.attempt(delivery.pk) is None  # not due yet: no POST
            frozen.shift(waits[-1])
            waits.append(webhooks.attempt(delivery.pk))
        assert waits == [30, 120, 480, 1920, None]
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (Status.FAILED, 5)
        assert delivery.response_code == 500
        assert len(delivery.response_body) == webhooks.RESPONSE_BODY_LIMIT
        assert delivery.error == "HTTP 500"
        assert webhooks.attempt(delivery.pk) is None  # finished: nothing more
        assert len(receiver.requests) == 5

    def test_next_attempt_is_logged(self, receiver, user, frozen, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        endpoint = WebhookFactory(user=user, url=receiver.url)
        receiver.answer(503)
        delivery = webhooks.create_delivery(
            endpoint, event_id="e1", event_type="x", body="{}"
        )
        webhooks.attempt(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.status == Status.RETRYING
        assert delivery.next_attempt_at.isoformat() == "2026-11-22T12:00:30+00:00"

    def test_gives_up_after_five_and_disables_after_ten_failures(
        self, receiver, user, frozen
    ):
        endpoint = WebhookFactory(user=user, url=receiver.url)
        receiver.answer(500, times=100)
        _announce(user, n=9)
        _sweep_until_done(frozen)
        endpoint.refresh_from_db()
        assert (endpoint.enabled, endpoint.consecutive_failures) == (True, 9)
        assert len(receiver.requests) == 45
        _announce(user)
        _sweep_until_done(frozen)
        _announce(user, n=2)
        _sweep_until_done(frozen)
        endpoint.refresh_from_db()
        assert endpoint.enabled is False
        assert endpoint.consecutive_failures == 10
        assert "10 failed deliveries" in endpoint.disabled_reason
        assert len(receiver.requests) == 50  # nothing sent once it was off
        failed = WebhookDeliveryModel.objects.filter(status=Status.FAILED).count()
        assert failed == 10
        warning = NotificationModel.objects.get(kind=Kind.WEBHOOK_DISABLED)
        assert warning.user == user
        assert warning.object_id == str(endpoint.pk)
        assert warning.severity == "critical"

    def test_a_success_resets_the_failure_count(self, receiver, user):
        endpoint = WebhookFactory(user=user, url=receiver.url, consecutive_failures=8)
        _announce(user)
        endpoint.refresh_from_db()
        assert endpoint.consecutive_failures == 0

    def test_redirects_are_not_followed(self, receiver, user, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        endpoint = WebhookFactory(user=user, url=receiver.url)
        receiver.answer(302, location="http://169.254.169.254/latest/meta-data/")
        delivery = webhooks.create_delivery(
            endpoint, event_id="e", event_type="x", body="{}"
        )
        webhooks.attempt(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.response_code == 302
        assert delivery.error == "HTTP 302: redirects are not followed"
        assert len(receiver.requests) == 1

    def test_timeout_is_a_failed_attempt(self, receiver, user, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.WEBHOOK_TIMEOUT_SECONDS = 0.3
        endpoint = WebhookFactory(user=user, url=receiver.url)
        receiver.answer(200, delay=2)
        delivery = webhooks.create_delivery(
            endpoint, event_id="e", event_type="x", body="{}"
        )
        assert webhooks.attempt(delivery.pk) == 30
        delivery.refresh_from_db()
        assert delivery.error in ("ReadTimeout", "ConnectionError")
        assert delivery.response_code is None


class TestSSRFGuard:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1/hook",
            "http://localhost:8000/hook",
            "http://10.0.0.5/hook",
            "http://192.168.1.1/",
            "http://172.16.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/hook",
            "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
            "http://[2002:a9fe:a9fe::1]/",  # 6to4 of 169.254.169.254
            "http://[::ffff:0:7f00:1]/",  # SIIT of 127.0.0.1
            "http://[64:ff9b:1::5db8:d70e]/",  # local-use NAT64
            "http://224.0.0.1/",
            "http://0.0.0.0/",
        ],
    )
    def test_refuses_private_targets_by_default(self, url, auth_client):
        with pytest.raises(webhooks.UnsafeTarget):
            webhooks.check_target(url)
        resp = auth_client.post(URL, {"url": url}, format="json")
        assert resp.status_code == 400
        assert "url" in resp.json()

    @pytest.mark.parametrize(
        "url", ["ftp://example.com/x", "file:///etc/passwd", "http://:80/"]
    )
    def test_refuses_other_schemes_and_hostless_urls(self, url):
        with pytest.raises(webhooks.UnsafeTarget):
            webhooks.check_target(url)

    def test_public_addresses_pass(self):
        webhooks.check_target("https://93.184.215.14/hook")
        webhooks.check_target("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")
        webhooks.check_target("https://[64:ff9b::5db8:d70e]/")  # NAT64 of a public

    def test_checked_again_at_each_attempt(self, user, settings):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        endpoint = WebhookFactory(user=user, url="http://127.0.0.1:9/hook")
        delivery = webhooks.create_delivery(
            endpoint, event_id="e", event_type="x", body="{}"
        )
        webhooks.attempt(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.error.startswith("Refused: ")
        assert delivery.response_code is None


class TestAPI:
    def test_create_shows_the_secret_once(self, receiver, auth_client):
        resp = auth_client.post(
            URL,
            {
                "url": receiver.url,
                "events": ["todo.overdue", "expense.created"],
                "description": "n8n",
            },
            format="json",
        )
        assert resp.status_code == 201
        body = resp.json()
        assert body["secret"].startswith("whsec_")
        assert body["events"] == ["expense.created", "todo.overdue"]
        assert body["is_active"] is True
        detail = auth_client.get(f"{URL}{body['webhook_id']}/").json()
        assert "secret" not in detail
        assert "secret" not in auth_client.get(URL).json()["results"][0]

    def test_unknown_events_are_named(self, auth_client, receiver):
        resp = auth_client.post(
            URL, {"url": receiver.url, "events": ["expense.eaten"]}, format="json"
        )
        assert resp.status_code == 400
        assert "expense.eaten" in json.dumps(resp.json()["events"])

    def test_ping_posts_a_signed_ping(self, receiver, auth_client, user):
        endpoint = WebhookFactory(user=user, url=receiver.url)
        resp = auth_client.post(f"{URL}{endpoint.pk}/ping/")
        assert resp.status_code == 200
        assert resp.json()["status"] == "succeeded"
        assert resp.json()["event_type"] == "webhook.ping"
        request = receiver.requests[0]
        assert verify(
            endpoint.secret, request["headers"]["x-mysphere-signature"], request["body"]
        )

    def test_a_failed_ping_is_not_retried(self, receiver, auth_client, user):
        endpoint = WebhookFactory(user=user, url=receiver.url)
        receiver.answer(500)
        body = auth_client.post(f"{URL}{endpoint.pk}/ping/").json()
        assert (body["status"], body["attempts"], body["response_code"]) == (
            "failed",
            1,
            500,
        )
        endpoint.refresh_from_db()
        assert endpoint.consecutive_failures == 0

    def test_rotate_secret_signs_with_the_new_one(self, receiver, auth_client, user):
        endpoint = WebhookFactory(user=user, url=receiver.url)
        new = auth_client.post(f"{URL}{endpoint.pk}/rotate_secret/").json()["secret"]
        assert new != endpoint.secret
        auth_client.post(f"{URL}{endpoint.pk}/ping/")
        request = receiver.requests[0]
        header = request["headers"]["x-mysphere-signature"]
        assert verify(new, header, request["body"])
        assert not verify(endpoint.secret, header, request["body"])

    def test_deliveries_log(self, auth_client, user):
        endpoint = WebhookFactory(user=user)
        DeliveryFactory(
            endpoint=endpoint,
            status=Status.FAILED,
            attempts=5,
            response_code=500,
            error="HTTP 500",
        )
        resp = auth_client.get(f"{URL}{endpoint.pk}/deliveries/")
        assert resp.status_code == 200
        [row] = resp.json()["results"]
        assert (row["status"], row["attempts"], row["response_code"], row["error"]) == (
            "failed",
            5,
            500,
            "HTTP 500",
        )
        assert {"next_attempt_at", "duration_ms", "event_type"} <= set(row)

    def test_redeliver_sends_again(self, receiver, auth_client, user):
        endpoint = WebhookFactory(user=user, url=receiver.url)
        delivery = DeliveryFactory(endpoint=endpoint, status=Status.FAILED, attempts=5)
        resp = auth_client.post(
            f"{URL}{endpoint.pk}/deliveries/{delivery.pk}/redeliver/"
        )
        assert resp.status_code == 202
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (Status.SUCCEEDED, 1)
        assert len(receiver.requests) == 1

    def test_redeliver_refuses_one_in_flight_and_others_deliveries(
        self, auth_client, user, other_user
    ):
        endpoint = WebhookFactory(user=user)
        busy = DeliveryFactory(endpoint=endpoint, status=Status.RETRYING)
        resp = auth_client.post(f"{URL}{endpoint.pk}/deliveries/{busy.pk}/redeliver/")
        assert resp.status_code == 409
        foreign = DeliveryFactory(endpoint=WebhookFactory(user=other_user))
        resp = auth_client.post(
            f"{URL}{endpoint.pk}/deliveries/{foreign.pk}/redeliver/"
        )
        assert resp.status_code == 404

    def test_turning_on_again_clears_the_failures(self, auth_client, user):
        endpoint = WebhookFactory(
            user=user, enabled=False, consecutive_failures=10, disabled_reason="x"
        )
        resp = auth_client.patch(
            f"{URL}{endpoint.pk}/", {"is_active": True}, format="json"
        )
        assert resp.status_code == 200
        assert resp.json()["is_active"] is True
        endpoint.refresh_from_db()
        assert (endpoint.consecutive_failures, endpoint.disabled_reason) == (0, "")

    def test_update_checks_the_url(self, auth_client, user):
        endpoint = WebhookFactory(user=user)
        resp = auth_client.patch(
            f"{URL}{endpoint.pk}/", {"url": "http://10.1.2.3/"}, format="json"
        )
        assert resp.status_code == 400
        assert WebhookEndpointModel.objects.get().url == endpoint.url

    def test_at_most_twenty_endpoints(self, auth_client, user, receiver):
        for _ in range(20):
            WebhookFactory(user=user)
        resp = auth_client.post(URL, {"url": receiver.url}, format="json")
        assert resp.status_code == 400
        assert resp.json()["code"] == "limit_exceeded"


def test_the_disable_notification_can_be_emailed(receiver, user, frozen):
    from integrations.models import Channel, NotificationPreferenceModel

    NotificationPreferenceModel.objects.create(
        user=user, kind=Kind.WEBHOOK_DISABLED, channel=Channel.EMAIL
    )
    WebhookFactory(user=user, url=receiver.url, consecutive_failures=9)
    receiver.answer(500, times=5)
    _announce(user)
    _sweep_until_done(frozen)
    assert [m.subject for m in mail.outbox] == [
        f"MY SPHERE: Webhook turned off: {receiver.url}"
    ]


def test_the_sweep_sends_what_is_due(receiver, user, frozen):
    from datetime import timedelta

    from django.utils import timezone

    from integrations import tasks

    endpoint = WebhookFactory(user=user, url=receiver.url)
    now = timezone.now()
    due = DeliveryFactory(
        endpoint=endpoint, status=Status.RETRYING, attempts=2, next_attempt_at=now
    )
    later = DeliveryFactory(
        endpoint=endpoint,
        status=Status.RETRYING,
        attempts=1,
        next_attempt_at=now + timedelta(minutes=1),
    )
    lost = DeliveryFactory(endpoint=endpoint, status=Status.PENDING, attempts=0)
    DeliveryFactory(endpoint=endpoint, status=Status.FAILED, attempts=5)
    assert tasks.send_due_deliveries_task() == 2
    statuses = dict(WebhookDeliveryModel.objects.values_list("pk", "status"))
    assert statuses[due.pk] == statuses[lost.pk] == Status.SUCCEEDED
    assert statuses[later.pk] == Status.RETRYING
    assert len(receiver.requests) == 2


def test_an_attempt_whose_worker_died_is_sent_once_its_lease_runs_out(
    receiver, user, frozen
):
    from integrations import tasks

    endpoint = WebhookFactory(user=user, url=receiver.url)
    delivery = DeliveryFactory(endpoint=endpoint, status=Status.PENDING, attempts=0)
    assert webhooks._claim(delivery.pk) is not None  # a worker took it, then died
    assert webhooks.attempt(delivery.pk) is None  # held: nobody else posts
    assert tasks.send_due_deliveries_task() == 0
    frozen.shift(webhooks.CLAIM_LEASE.total_seconds())
    assert tasks.send_due_deliveries_task() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.SUCCEEDED, 1)
    assert len(receiver.requests) == 1


class TestPinnedConnection:
    def test_the_checked_address_is_the_one_connected_to(
        self, receiver, user, monkeypatch, settings
    ):
        """DNS answers once (then "fails"): the POST still reaches the checked
        address, with the URL's host in the Host header — no rebinding window."""
        import socket

        settings.CELERY_TASK_ALWAYS_EAGER = False
        real = socket.getaddrinfo
        answers = iter(
            [[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 0))]]
        )

        def resolve(host, *args, **kwargs):
            if host == "hooks.rebind.invalid":
                try:
                    return next(answers)
                except StopIteration:
                    raise socket.gaierror("resolved twice") from None
            return real(host, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", resolve)
        port = receiver.server.server_address[1]
        url = f"http://hooks.rebind.invalid:{port}/hook"
        endpoint = WebhookFactory(user=user, url=url)
        delivery = webhooks.create_delivery(
            endpoint, event_id="e", event_type="x", body="{}"
        )
        assert webhooks.attempt(delivery.pk) is None
        delivery.refresh_from_db()
        assert delivery.status == Status.SUCCEEDED, delivery.error
        assert receiver.requests[0]["headers"]["host"] == f"hooks.rebind.invalid:{port}"

    def test_https_keeps_the_host_name_for_tls(self):
        target, host, session = webhooks.pinned_request(
            "https://user:pw@hooks.example.com:8443/in?x=1", "93.184.215.14"
        )
        assert target == "https://user:pw@93.184.215.14:8443/in?x=1"
        assert host == "hooks.example.com:8443"
        adapter = session.get_adapter(target)
        pool_kw = adapter.poolmanager.connection_pool_kw
        assert pool_kw["server_hostname"] == "hooks.example.com"
        assert pool_kw["assert_hostname"] == "hooks.example.com"
        assert session.trust_env is False

    def test_ipv6_addresses_are_bracketed(self):
        target, host, _ = webhooks.pinned_request(
            "http://hooks.example.com/in", "2001:db8::1"
        )
        assert (target, host) == ("http://[2001:db8::1]/in", "hooks.example.com")
