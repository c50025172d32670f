"""`python manage.py run_with_jobs -- <server command>`: the server with a Celery
worker and beat beside it, started and stopped together (`make run`, `make serve`).

The broker is the configured one (`CELERY_BROKER_URL`, else `REDIS_URL`); with
neither, an embedded one that needs no service: kombu's filesystem transport, message
files under `CELERY_BROKER_DIR` that the server, the worker and beat all use. When one
of the two processes stops, or this command is interrupted (Ctrl+C, SIGTERM), both are
stopped.
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

EMBEDDED_BROKER = "filesystem://"
STOP_TIMEOUT_SECONDS = 20


def job_environment() -> dict[str, str]:
    """The environment of the server and the worker: the embedded broker when no
    broker is configured, so that tasks are queued instead of run in the request."""
    env = dict(os.environ)
    if not settings.CELERY_BROKER_URL:
        env["CELERY_BROKER_URL"] = EMBEDDED_BROKER
        for folder in ("messages", "control"):
            (settings.CELERY_BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    else:
        settings.CELERY_BROKER_DIR.mkdir(parents=True, exist_ok=True)
    return env


def worker_command(concurrency: int) -> list[str]:
    """A Celery worker with beat embedded (one process tree runs the periodic jobs)."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "mysphere_core",
        "worker",
        "--beat",
        "--schedule",
        str(settings.CELERY_BROKER_DIR / "beat-schedule"),
        "--concurrency",
        str(concurrency),
        "--without-mingle",
        "--without-gossip",
        "--loglevel",
        "INFO",
    ]


def _stop(processes: Sequence[subprocess.Popen]) -> None:
    """SIGTERM each process (a worker shuts down warm, stopping its pool), then
    whatever is left of its group (a runserver reloader's child); SIGKILL when it
    takes too long."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)


def _exit_on_signal(signum: int, frame: Any) -> None:
    raise SystemExit(0)


class Command(BaseCommand):
    """Run a server command with a Celery worker and beat; stop both together."""

    help = "Run the given server command with a Celery worker and beat beside it."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """`--concurrency`, then the server command after `--`."""
        parser.add_argument("--concurrency", type=int, default=2)
        parser.add_argument("server", nargs=argparse.REMAINDER)

    def handle(self, *args: Any, **options: Any) -> None:
        """Start the worker (with beat) and the server; wait for either to end."""
        server = list(options["server"])
        if server[:1] == ["--"]:
            server = server[1:]
        if not server:
            raise CommandError("Give the server command after --.")
        env = job_environment()
        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGHUP, _exit_on_signal)
        # Each in its own session: a runserver reloader's child or a prefork pool
        # is stopped with its parent.
        processes = [
            subprocess.Popen(command, env=env, start_new_session=True)  # noqa: S603
            for command in (worker_command(options["concurrency"]), server)
        ]
        code = 0
        try:
            pid, status = os.wait()
            code = os.waitstatus_to_exitcode(status)
            for process in processes:
                if process.pid == pid:
                    process.returncode = code
        except KeyboardInterrupt:
            pass
        finally:
            _stop(processes)
        if code:
            raise CommandError(f"A process stopped with exit code {code}.")
