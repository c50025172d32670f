"""The WSGI application a gunicorn worker loads."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("expenses", "budgets", "subscriptions", "todos", "lists", "lending", "users")


def test_a_worker_imports_every_view_before_its_first_request() -> None:
    """Loading the WSGI application imports every app's views, so a worker's first
    request does not wait for them."""
    probe = (
        "import sys, mysphere_core.wsgi; "
        f"print(sorted(a for a in {APPS!r} if a + '.views' in sys.modules))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mysphere_core.settings",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == str(sorted(APPS))
