"""What `make run` runs: the server with a Celery worker and beat beside it, on the
embedded broker (no Redis), started and stopped together.

Real processes on a fresh SQLite database: a todo reminder set for the coming minute
must become a notification within a minute of its time, with nothing but the one
command running. This test waits for the scheduler (up to about a minute).
"""

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mysphere_core.tests.live import (
    ROOT,
    free_port,
    migrate,
    register,
    server_env,
    wait_ready,
)

WAIT_SECONDS = 120


def _running_with(marker: str) -> list[int]:
    """Pids of live processes whose command line mentions `marker`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if marker.encode() in cmdline:
            pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_reminder_fires_within_a_minute_with_the_one_command(tmp_path):
    env = server_env(tmp_path / "db.sqlite3", CELERY_BROKER_DIR=str(tmp_path / "q"))
    migrate(env)
    python = sys.executable
    port = free_port()
    command = subprocess.Popen(
        [python, "manage.py", "run_with_jobs", "--concurrency", "1", "--"]
        + [python, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_ready(url), "the server did not start"
        client = register(url, "10.0.0.9", "early")
        soon = datetime.now(UTC) + timedelta(seconds=5)  # a whole minute, as set
        reminder_at = soon.replace(second=0, microsecond=0) + timedelta(minutes=1)
        body = {"title": "Call the bank", "reminder_at": reminder_at.isoformat()}
        status, answer = client.call("POST", "/api/todos/", body)
        assert status == 201, answer
        notices: list = []
        deadline = time.monotonic() + WAIT_SECONDS
        while not notices and time.monotonic() < deadline:
            time.sleep(1)  # a real scheduler in another process
            rows = client.get("/api/integrations/notifications/")["results"]
            notices = [r for r in rows if r["kind"] == "todo_reminder"]
        assert [n["title"] for n in notices] == ["Reminder: Call the bank"]
        fired = datetime.fromisoformat(notices[0]["created_at"])
        assert fired - reminder_at <= timedelta(seconds=60)
    finally:
        command.send_signal(signal.SIGTERM)
        code = command.wait(timeout=60)
    assert code == 0
    assert _running_with(str(tmp_path / "q")) == []  # the worker and beat
    assert _running_with(f"127.0.0.1:{port}") == []  # runserver and its child
