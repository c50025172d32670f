"""A slow webhook receiver never holds a write: a live server, real HTTP, no broker.

The delivery is a row committed with the write; it is posted after the response has
been sent, with no transaction open, so neither the writer nor anyone else waits for
the receiver.
"""

import time

import pytest
import requests

from integrations.models import WebhookDeliveryModel
from integrations.tests.factories import WebhookFactory
from users.services import UserService

pytestmark = pytest.mark.django_db(transaction=True)
RECEIVER_SLEEPS = 3.0  # seconds
FAST = 0.2  # seconds: what a write must answer in


def _headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {UserService.tokens_for(user=user)['access']}"}


def _timed_post(url: str, user, body: dict) -> tuple[int, float]:
    started = time.monotonic()
    resp = requests.post(url, json=body, headers=_headers(user), timeout=30)
    return resp.status_code, time.monotonic() - started


def _wait_for(condition, seconds: float = 10.0) -> None:
    """Poll a real process's progress (the server thread) for up to `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_slow_receiver_holds_no_write(live_server, receiver, make_user, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 10
    alice, bob = make_user("alice"), make_user("bob")
    WebhookFactory(user=alice, url=receiver.url)
    receiver.answer(200, delay=RECEIVER_SLEEPS)
    expense = {
        "amount": "9.50",
        "category": "Groceries",
        "transaction_date": "2026-11-20",
    }
    requests.get(f"{live_server.url}/ready/", timeout=10)  # the server is warm

    status, took = _timed_post(f"{live_server.url}/api/expenses/", alice, expense)
    assert (status, took < FAST) == (201, True), took
    delivery = WebhookDeliveryModel.objects.get()
    assert delivery.event_type == "expense.created"  # committed with the write

    _wait_for(lambda: receiver.requests)  # the receiver is sleeping on it now
    status, took = _timed_post(f"{live_server.url}/api/todos/", bob, {"title": "Milk"})
    assert (status, took < FAST) == (201, True), took
    status, took = _timed_post(f"{live_server.url}/api/expenses/", alice, expense)
    assert (status, took < FAST) == (201, True), took

    receiver.release.set()  # the receiver answers
    _wait_for(lambda: WebhookDeliveryModel.objects.filter(status="succeeded").count())
    first = WebhookDeliveryModel.objects.order_by("pk").first()
    assert (first.status, first.attempts, first.response_code) == ("succeeded", 1, 200)
