"""Outbound calls: never inside a transaction; queued work runs after the response
(no broker), on a worker (broker), or at once outside a request."""

import pytest
from celery import shared_task
from django.core import mail
from django.core.signals import request_finished, request_started
from django.db import transaction

from mysphere_core import ai, outbound

pytestmark = pytest.mark.django_db
RAN: list[str] = []


@shared_task
def _record(word: str) -> None:
    RAN.append(word)


@pytest.fixture(autouse=True)
def _clear() -> None:
    RAN.clear()


def test_no_email_inside_a_transaction():
    with pytest.raises(outbound.NetworkInTransaction), transaction.atomic():
        outbound.send_mail(
            subject="s", message="m", from_email=None, recipient_list=["a@b.c"]
        )
    assert mail.outbox == []
    outbound.send_mail(
        subject="s", message="m", from_email=None, recipient_list=["a@b.c"]
    )
    assert len(mail.outbox) == 1


def test_no_gemini_call_inside_a_transaction(gemini_stub):
    with pytest.raises(outbound.NetworkInTransaction), transaction.atomic():
        ai.generate_json("Say hi", {"type": "object"})
    assert gemini_stub.requests == []


def test_queued_work_runs_after_the_response():
    request_started.send(sender=None)
    with transaction.atomic():
        outbound.later(_record, "after")
    assert RAN == []  # the response is not sent yet
    request_finished.send(sender=None)
    assert RAN == ["after"]
    request_finished.send(sender=None)
    assert RAN == ["after"]  # once


def test_a_rolled_back_write_queues_nothing():
    request_started.send(sender=None)
    with pytest.raises(ValueError), transaction.atomic():
        outbound.later(_record, "never")
        raise ValueError
    request_finished.send(sender=None)
    assert RAN == []


def test_outside_a_request_it_runs_after_the_commit():
    with transaction.atomic():
        outbound.later(_record, "now")
        assert RAN == []
    assert RAN == ["now"]


def test_with_a_broker_it_goes_to_the_workers(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    monkeypatch.setattr(_record, "delay", lambda *args: sent.append(args))
    request_started.send(sender=None)
    outbound.later(_record, "queued")
    request_finished.send(sender=None)
    assert (sent, RAN) == ([("queued",)], [])
