"""Calls that leave the server (webhooks, emails, AI): never inside a transaction,
never inside a user's request.

    outbound.later(deliver_webhook_task, delivery.pk)

`later` queues a Celery task for after the surrounding transaction commits. With a
broker the workers run it. Without one (tasks eager, the embedded default) it runs
once the response of the current request has been sent (`request_finished`), so a
slow receiver or mail server never holds the user's answer; outside a request (a
management command, a periodic job) it runs at once. The work itself is always in the
database first (a delivery row, a notification not yet emailed), so a process that
dies before running it loses nothing: the periodic sweeps send what is due.

`check_outside_transaction(what)` is called by every outbound call (the webhook POST,
`send_mail` below, the Gemini gateway): a network call inside a transaction would hold
its locks, and on SQLite the whole database, for as long as the other side takes.
"""

from contextvars import ContextVar
from typing import Any

from celery import Task
from django.conf import settings
from django.core import mail
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.dispatch import receiver

# The tasks queued during the current request (None outside a request).
_after_response: ContextVar[list[tuple[Task, tuple[Any, ...]]] | None] = ContextVar(
    "after_response", default=None
)


class NetworkInTransaction(RuntimeError):
    """A network call was about to run inside a database transaction."""


def _in_code_transaction() -> bool:
    """True inside an atomic block the code opened (a test case's own blocks, which
    stand for autocommit, do not count)."""
    blocks = connection.atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def check_outside_transaction(what: str) -> None:
    """Raise `NetworkInTransaction` when called inside a transaction."""
    if _in_code_transaction():
        raise NetworkInTransaction(f"{what} may not run inside a transaction.")


def send_mail(**kwargs: Any) -> int:
    """Django's `send_mail`, refused inside a transaction."""
    check_outside_transaction("Sending an email")
    return mail.send_mail(**kwargs)


def later(task: Task, *args: Any) -> None:
    """Run `task(*args)` after the commit, on a worker or after the response."""
    transaction.on_commit(lambda: _submit(task, args))


def _submit(task: Task, args: tuple[Any, ...]) -> None:
    """To the broker; else to the current request's after-response queue; else now."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        task.delay(*args)
        return
    queued = _after_response.get()
    if queued is None:
        _run(task, args)
    else:
        queued.append((task, args))


def _run(task: Task, args: tuple[Any, ...]) -> None:
    """Run one task in this process (a failure stays in the task, as on a worker,
    unless CELERY_TASK_EAGER_PROPAGATES)."""
    task.apply(args=args)


@receiver(request_started, dispatch_uid="mysphere_core.outbound.started")
def _open_queue(sender: object, **kwargs: Any) -> None:
    """A fresh after-response queue for each request."""
    _after_response.set([])


@receiver(request_finished, dispatch_uid="mysphere_core.outbound.finished")
def _run_queue(sender: object, **kwargs: Any) -> None:
    """The response has been sent: run what the request queued."""
    queued = _after_response.get() or []
    _after_response.set(None)
    for task, args in queued:
        _run(task, args)
